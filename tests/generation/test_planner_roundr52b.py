"""Planner round r52b: tests of the event's or the fetched data, with the other side left empty — "if it's a church
or a commercial building", "only if the lead is in Cardiff, otherwise don't post", "if they say it's rare", "groups of
20 or more", "if the booking total is over £2,000" on an API call, several tests of one API read (each its own
action), and tests an AI judges ("AI judges whether each review is negative").
Probe lines (`planner_roundr52b.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_roundr52b.jsonl", _KNOWN))
def test_roundr52b_description_comes_out_right(item):
    assert_right(item, seed="r52b")
