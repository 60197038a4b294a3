"""Planner round 31d on our own descriptions (`planner_round31d.jsonl`, in no bench set, each written before its
fix): writes and their parameters as people say them. 'log it in the sheet …', 'add a row to the Orders table in
Airtable', 'jot down … in notion', 'file a Jira ticket in project OPS', 'open a GitHub issue labelled bug in
acme/web', 'put it on my Google Calendar', 'save the attachment to the Invoices folder', 'insert into the Supabase
table signups', 'keep a list in a Google Sheet', 'trag sie … ein', 'añade … a la hoja', 'update the Status to Done',
'note it in the sheet', 'gets recorded in our Airtable', 'write down … in the Google Sheet called Leads, the Inbound
tab'; read verbs ('check the sheet', 'leia a planilha', 'read the … table') write nothing. Voices: one-liners, chat
shorthand, a Slack DM, an e-mail, a voice memo, a spec, a routine, German, Spanish, French, Portuguese; controls: a
sheet checked, a sheet read in Portuguese, an Airtable table read, an Excel routine. 12 of 20 were right on main
(r31d-04's label asked for a Jira priority, which JUL25's Jira block has no field for; dropped), 16 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r31d-03-chat-jot-notion": "the page named in the next sentence ('the page is called Idea Inbox'), which names no "
    "service, is not carried to the Notion step",
    "r31d-05-github-issue-labelled": "'labelled bug' is not carried into the issue's labels",
    "r31d-17-dm-recorded-airtable": "'gets recorded in our Airtable' is refused: no step recognised",
}


@pytest.mark.parametrize("item", cases("planner_round31d.jsonl", _KNOWN))
def test_round31d_description_comes_out_right(item):
    assert_right(item, seed="r31d")
