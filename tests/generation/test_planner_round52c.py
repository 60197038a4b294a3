"""Planner round 52c: work done on each item of what a step reads (a sheet, a table, a folder, a form's responses) —
"for each item that's been with us more than 30 days …", "for every batch below 4.2 set its status to 'Ready'",
"any batch at 4.6 or higher → …", "every dancer who passed / didn't pass", "fewer than 2 times", "the items that go
out of date tomorrow", "for each partner shop" over two tables, "one Notion page per new response", and a chat that
answers from a table. Probe lines (`planner_round52c.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round52c.jsonl", _KNOWN))
def test_round52c_description_comes_out_right(item):
    assert_right(item, seed="r52c")
