"""Planner round 30f on our own descriptions (`planner_round30f.jsonl`, in no bench set, each written before its
fix): loops nobody asked for and routes said as two lists. 4 of 14 were right on main (the four controls)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round30f.jsonl", _KNOWN))
def test_round30f_description_comes_out_right(item):
    assert_right(item, seed="r30f")
