"""Planner round r55c: reads and the work done for each item, with a test on each. A named source that must be read
(a Google Sheet, tomorrow's appointments in a Google Calendar, a subreddit's new posts, a Supabase or Airtable table,
a Gmail or Outlook inbox, a webhook's list of people), then a send or a write for each item it returns, the recipient
taken from the item ('text everyone on the sheet', 'for each hotel on it, send them an email', 'add each one to the
sheet'), and a test on each item wired to the write it guards ('every plant below its minimum stock', 'any email from
the bank with 'overdraft' in the subject', 'swimmers who finished in the top 10'). Probe lines
(`planner_round55c.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {
    "r55c-15-en-webhook-players-more-than-discord": "'players who scored more than 20 points also get a shout-out in "
    "the Discord channel': a post said as what the people get is read as a Discord read ('get'), and 'who scored' as "
    "an AI scoring step, not a test of each player's points",
}


@pytest.mark.parametrize("item", cases("planner_round55c.jsonl", _KNOWN))
def test_round55c_description_comes_out_right(item):
    assert_right(item, seed="r55c")
