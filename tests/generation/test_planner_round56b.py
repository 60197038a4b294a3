"""Planner round r56b: chat, API and button starts, their answers, and what a webhook delivers. A chat bot that
answers only from a Google Doc reads the doc and answers the chat message with an agent (a time in the notes'
background is no schedule); a workflow called through the API that "returns whether …" or whose "response returns"
a value ends in a Response block; an API call "with {sku}" looks that value up; "press a button and have AI do that
for every photo" is a manual start and one loop; a form or booking tool that "posts to our webhook" is a generic
webhook whose payload is the record; messages landing in a Discord or Slack channel start the run; a Telegram bot
message that is "about a break-in or a fire" texts the number given. Probe lines (`planner_round56b.jsonl`) were
written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {
    "r56b-03-es-chat-bot-doc": "Spanish 'que responda a los clientes qué lleva cada tarta': the chat's answer is not "
    "read, so no agent answers (the doc is read)",
    "r56b-04-en-api-returns-whether": "a call 'with a date' names no key the read filters on (a date is no key "
    "noun), so the Airtable read lists the whole table",
    "r56b-06-de-api-gibt-zurueck": "German 'ruft einen Sim-Workflow über die API mit einer Postleitzahl auf … "
    "schaut in der Supabase-Tabelle nach' is not read: refused as German the planner cannot follow",
    "r56b-11-en-typeform-posts-to-webhook": "'customers request a quote through Typeform (it posts to our webhook)': "
    "the clause is read as a Typeform block's read (only an API read of the poster is dropped), so the row reads "
    "the responses it lists, not the start",
}


@pytest.mark.parametrize("item", cases("planner_round56b.jsonl", _KNOWN))
def test_round56b_description_comes_out_right(item):
    assert_right(item, seed="r56b")
