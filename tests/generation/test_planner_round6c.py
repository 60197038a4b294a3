"""Planner round 6c on our own descriptions (`planner_round6c.jsonl`, in no bench set, each written before
its fix, none copied from a bench set) of the data-reference classes held-out sets 3–7 missed: a search
'for an answer' / 'for their question' on a run started by a message or a chat reads what the run was
given; a write asked for the link or URL of what an earlier write created ('post its link', 'the ticket
URL', 'a link to the issue') carries that block's address output; a write whose operation has no message
field in the data (a calendar event, a Confluence page update) carries the data before it in the field
the registry shows for that operation (one row for a field that takes rows); a second processing step
asking the agent just built for the same work ('answer it with the AI … and reply in the chat') is that
agent; a service named in what a message is made of ('post a summary of the current Jira sprint to #mobile')
is read, and the '#channel' it goes to is the destination; 'let/tell the #channel know' sends there; 'look up
the name in the event/payload' reads the run's input, not the web; 'takes an email address and looks it up in
the customers table' filters the read on the run's input in the column the input's noun names. Every state built is valid with no
runtime error."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r6c-answer-confluence": "Confluence is read with its 'read' operation, which takes a page id, not a query",
    "r6c-lookup-supabase-api": "'Give me an API … returns their balance' is refused as a question to the assistant",
    "r6c-list-of-linear-teams": "'still in review' is read as a request to analyse (an agent between the list and the post)",
}


@pytest.mark.parametrize("item", cases("planner_round6c.jsonl", _KNOWN))
def test_round6c_description_comes_out_right(item):
    assert_right(item, seed="r6c")
