"""Planner round 32b on our own descriptions (`planner_round32b.jsonl`, in no bench set, each written before its
fix): the data stores people keep their lists in. Rows added to a named sheet with the fields said, a status column
updated to a value, a customer looked up in Airtable by e-mail and used after, every row read and one issue or mail
made for each, each order logged to a Supabase table, a transcript summarized into a Notion database, a file read
from S3, each chat remembered in Mem0, a Qdrant search answered by AI, a row skipped when the e-mail is already in
the sheet, a sheet read and written back, Excel and Notion read on a schedule. Voices: one-liners, chat with typos,
an e-mail, a voice memo, a routine, Spanish, German, French and Portuguese lines; controls: a sheet row, a Supabase
insert, a Pinecone upsert, an Airtable record. 8 of 20 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r32b-02-update-status-paid": "the update writes no 'Paid'",
    "r32b-03-airtable-lookup-slack": "the Slack post does not read the Airtable lookup",
    "r32b-05-control-supabase-orders": "'log each new order … to the Supabase table orders' is refused",
    "r32b-08-chat-remember-mem0": "'remembers each conversation in Mem0' makes no Mem0 add",
    "r32b-09-skip-if-already-in-sheet": "the row added does not take the waitlist data",
    "r32b-10-read-writeback-same-sheet": "'set its Reorder column to YES' for each row read makes no update in a loop",
    "r32b-13-chat-qdrant-manuals": "the Qdrant search does not search the chat question",
    "r32b-14-control-slack-dm-airtable": "'add them to … w/ name + email' sends an e-mail nobody asked for",
    "r32b-15-de-supabase-confirm": "'Supabase-Tabelle bestellungen' is not read as the table's name",
    "r32b-16-fr-relance-loop": "'envoie à chacun un e-mail' makes no loop over the rows",
    "r32b-17-voice-supabase-to-sheet": "'the Supabase orders table' is not read as the table's name",
    "r32b-18-email-airtable-find-update": "'find them … and change their Stage to …' makes no Airtable update",
}


@pytest.mark.parametrize("item", cases("planner_round32b.jsonl", _KNOWN))
def test_round32b_description_comes_out_right(item):
    assert_right(item, seed="r32b")
