"""Planner round 45c on our own descriptions (`planner_round45c.jsonl`, in no bench set, each written before its
fix): other languages, "never/don't" rules and unrequested writes."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round45c.jsonl", _KNOWN))
def test_round45c_description_comes_out_right(item):
    assert_right(item, seed="r45c")
