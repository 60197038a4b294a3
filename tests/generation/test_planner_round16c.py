"""Planner round 16c (placeholder)"""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round16c.jsonl", _KNOWN))
def test_round16c_description_comes_out_right(item):
    assert_right(item, seed="r16c")
