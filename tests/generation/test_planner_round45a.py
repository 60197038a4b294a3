"""Planner round 45a on our own descriptions (`planner_round45a.jsonl`, in no bench set, each written before its
fix): the source a sentence reads kept."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round45a.jsonl", _KNOWN))
def test_round45a_description_comes_out_right(item):
    assert_right(item, seed="r45a")
