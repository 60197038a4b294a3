"""A look-up the user gives to a named search or answer service ("look up the weather in Paris with Perplexity",
"use Exa to find this week's news about Stripe") is made there only: no second HTTP call to an API the topic or a
name in it suggests (`planner_named_lookups.jsonl`, written before the fix: 2 of 5
right before, 5 after)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_named_lookups.jsonl", _KNOWN))
def test_a_named_lookup_service_is_the_only_lookup(item):
    assert_right(item, seed="look")
