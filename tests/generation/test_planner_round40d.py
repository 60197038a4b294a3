"""Planner round 40d on our own descriptions (`planner_round40d.jsonl`, in no bench set, each written before its
fix): where data comes from, which operation, and writes nobody asked for. Context that only names a place (where
the request was posted, what staff are supposed to do, where people upload) builds no step there; "read that day's
messages in #orders on our Discord" posts nothing back; "text all the drivers in our 'Drivers' Airtable table",
"back up / export the X table into the sheet", "list the new files in the Drive folder" read their source;
"can the 'X' sheet/table get summarised … and dropped into Notion / saved into the Google Doc 'Y'" reads X and
writes Y; an endpoint called with an order id looks that order up; "get the code logged in the Sheet" writes it;
"it just gives them the link x.example/book" puts the link in the agent's instructions; "offering a 10% voucher",
"within 12 hours", "en 48 horas" keep their numbers; private notes on Freshdesk tickets "via their API" and the
count posted in Slack are both built; "paste them into ChatGPT to get …" is an agent step. Voices: one-liners, chat
with typos, a voice memo, a spec, a forum question, a colleague DM, Spanish; controls: a Stripe payment into
Airtable, a Supabase export, a sailing club's Notion members e-mailed. 9 of 20 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r40d-01-posted-in-slack-community": "'Asked in #automation on the Make community Slack: …' reads Slack #automation, "
    "and 'have AI summarise them' builds no agent",
    "r40d-02-voice-discord-day-messages-airtable": "'read that day's messages in the #orders channel on our Discord' "
    "also posts to Discord",
    "r40d-04-supposed-to-log-airtable-compare": "'volunteers are supposed to record every donation in the Airtable "
    "'Donations' table' builds an Airtable create, and the DM to U02ABCD9 is lost",
    "r40d-18-freshdesk-private-notes-slack-count": "'add its suggestions as private notes on the Freshdesk tickets (via "
    "their API)' builds no API write",
}


@pytest.mark.parametrize("item", cases("planner_round40d.jsonl", _KNOWN))
def test_round40d_description_comes_out_right(item):
    assert_right(item, seed="r40d")
