"""A phone number said apart from its step (`planner_phone_said.jsonl`, written before the fix, found in set 34's
Sim runs: a WhatsApp message with no number stops the run): "send the list to Priya on WhatsApp. Priya's number is
+44 7700 900123." and a number spoken with "plus" ("my number's plus 1 212 555 0199"). Controls: the number in the
step's own clause, and a recipient from the data. 2 of 4 were right before the fix, 4 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_phone_said.jsonl", _KNOWN))
def test_a_phone_number_said_apart_reaches_its_step(item):
    assert_right(item, seed="phone")
