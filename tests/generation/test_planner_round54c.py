"""Planner round r54c: reads and the work done for each item. A named source that must be read (an Airtable table
or view, a Google Sheet, a Supabase table, an Outlook or Gmail inbox, a Google Calendar, an Excel file), then a send
or a write for each item it returns, the recipient taken from the item ('email each tenant (Airtable 'Move-ins')',
'WhatsApp all the skippers (their numbers are in the google sheet …)', 'reply to each sender', 'for each appointment,
send a text to the client'), a test on each item's number ('for each order over $500'). Probe lines
(`planner_round54c.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round54c.jsonl", _KNOWN))
def test_round54c_description_comes_out_right(item):
    assert_right(item, seed="r54c")
