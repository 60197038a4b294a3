"""Planner round 53c: reads from a service and the work done on each of its items — a service with no JUL25 block
read through its API ("I open Square", "our Etsy orders (Etsy API)", "a sensor with a REST endpoint", "they have an
API … check for new orders"), a table or sheet named as where the people are ("they're in the Airtable table
'Students'", "the bookings are in the Google Sheet …") read rather than written, a form's new responses checked on a
schedule, and a loop over the items with the per-item sends and writes inside. Probe lines
(`planner_round53c.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r53c-16-en-bandcamp-scratch-email": "'Every day at noon check for new merch orders': the schedule's words leave "
    "'at' before the read, so the read of the service told to have an API is not found",
}


@pytest.mark.parametrize("item", cases("planner_round53c.jsonl", _KNOWN))
def test_round53c_description_comes_out_right(item):
    assert_right(item, seed="r53c")
