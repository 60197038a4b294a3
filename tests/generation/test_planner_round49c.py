"""Planner round 49c on our own descriptions (`planner_round49c.jsonl`, in no bench set, each written before its
fix): clear asks in Italian, Dutch, Portuguese and Spanish; a trigger told by the service's own event (a WhatsApp or
Telegram message, a Stripe refund, a GitHub pull request); two times and working days in a schedule; chit-chat and
vague call notes that ask for nothing."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round49c.jsonl", _KNOWN))
def test_round49c_description_comes_out_right(item):
    assert_right(item, seed="r49c")
