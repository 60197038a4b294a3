"""Planner round r54d: conditions, else-branches and writes. A test on a number the user states ('above 1000
cfu/100ml', 'si pasan de $20,000', 'check whether it has gone above £6. If it has') is read on the number from
the block that holds it; an 'otherwise' that names only a channel goes to the same service; the agent step the
user asked for ('has AI draw the pairings') stands in order; and no email is sent that nobody asked for. Probe
lines (`planner_round54d.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round54d.jsonl", _KNOWN))
def test_round54d_description_comes_out_right(item):
    assert_right(item, seed="r54d")
