"""Planner round 51a: a test on the data a trigger brings or a read fetched, and what happens on each side of it —
'if it's over $2k forward it …, otherwise just file it in …' on an e-mail or chat message (the number is in the
message's text), an amount with a decimal comma ('above 1.500,00 €'), a rules table in a markdown spec ('| above 6 |
… | otherwise | …'), a count of the rows read ('count the yeses; if it's fewer than 10 …, and if it's 10 or more …
instead'), 'if there were no orders that day, don't send anything' guarding the one message, an AI check of a
length ('have the AI check it's under 800 words, and if it is …; if not …'), and per-item sides by age in a loop.
Probe lines (`planner_round51a.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round51a.jsonl", _KNOWN))
def test_round51a_description_comes_out_right(item):
    assert_right(item, seed="r51a")
