"""Planner round 46d on our own descriptions (`planner_round46d.jsonl`, in no bench set, each written before its
fix): steps named late or as an API that were dropped, and bans that added what they ban."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round46d.jsonl", _KNOWN))
def test_round46d_description_comes_out_right(item):
    assert_right(item, seed="r46d")
