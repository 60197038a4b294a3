"""Planner round 46a on our own descriptions (`planner_round46a.jsonl`, in no bench set, each written before its
fix): whole workflows in other languages or voices that were refused, requests that should be refused, and spoken
corrections."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round46a.jsonl", _KNOWN))
def test_round46a_description_comes_out_right(item):
    assert_right(item, seed="r46a")
