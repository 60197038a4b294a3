"""Planner round 18b on our own descriptions (`planner_round18b.jsonl`, in no bench set, each written before its
fix): tests and their branches as automation tools name them."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
}


@pytest.mark.parametrize("item", cases("planner_round18b.jsonl", _KNOWN))
def test_round18b_description_comes_out_right(item):
    assert_right(item, seed="r18b")
