"""Planner round 17a on our own descriptions (`planner_round17a.jsonl`, in no bench set, each written before its
fix): triggers and schedules as second-language speakers write them — hours as '17h', '14h30', '7 Uhr'; a zone as
'hour of Madrid', 'Lisbon hour'; a monthly day as 'every 5th of month', 'each day 10 of the month', 'each 20 of
month', '(day 2, 8h)' after 'every month'; day ranges with 'until'; 'every working day'; and a 'when' clause whose
verb comes before its subject ('when arrives a new order in Shopify', 'when in Stripe is created a customer')."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round17a.jsonl", _KNOWN))
def test_round17a_description_comes_out_right(item):
    assert_right(item, seed="r17a")
