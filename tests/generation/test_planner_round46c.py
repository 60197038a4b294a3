"""Planner round 46c on our own descriptions (`planner_round46c.jsonl`, in no bench set, each written before its
fix): routers and conditions with their branches — amount bands and kinds named with arrows or colons, 'get/become
saved', 'if … otherwise/instead', per-item conditions inside a loop, a Swiss apostrophe in a threshold."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round46c.jsonl", _KNOWN))
def test_round46c_description_comes_out_right(item):
    assert_right(item, seed="r46c")
