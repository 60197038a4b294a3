"""Planner round 50a on our own descriptions (`planner_round50a.jsonl`, in no bench set, each written before its
fix): clear requests in French, Spanish, German, Italian, Portuguese and Dutch (a message classified and routed,
a voice memo's schedule with fillers and a corrected time, a Stripe payment logged with a threshold that notifies
me) are built; physical chores and a one-off human e-mail are refused; a vague 'help with all this admin' sends
nothing nobody asked for. 9 of 18 were right before the fix, 18 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round50a.jsonl", _KNOWN))
def test_round50a_description_comes_out_right(item):
    assert_right(item, seed="r50a")
