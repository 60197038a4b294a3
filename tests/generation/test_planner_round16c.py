"""Planner round 16c on our own descriptions (`planner_round16c.jsonl`, in no bench set, each written before its
fix): conditions written in shorthand and the data they test. Held-out set 20 lost the actions of a branch joined
by '+' ('IF < 99.9% THEN post to #sre + create a Linear issue' kept only the issue), read the words after an arrow
as part of the test ('if it starts w/ /expense -> AI parses …' tested 'ai'), tested a chat command without its
slash, and read a field compared with another field ('IF qty < reorder_point') as a word to find in the row. A '+'
or '&' before a new verb now joins two steps as 'and' does, an arrow (or a slash between spaces) ends a test as a
comma does, '/expense' is the value sought, and 'a < b' between two names compares those two fields of the data
tested. The 10 lines (5 in other voices: a question, a narrated routine, a short imperative, two non-native) were
all wrong before the fixes, 7 right after."""

from __future__ import annotations

import pytest

from lib.generation.lexicon import field_comparison
from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r16c-arrow-amount-nonnative": "'when new order come from shopify webhook': the provider is not read from 'come "
    "from shopify webhook' (a trigger class), though the test and its branch are right",
    "r16c-fields-imp": "'for each record where spent > budget post …': a loop's 'where' with no 'if' is not read as "
    "a filter of the items (a loop class), so no condition is built",
    "r16c-fields-nonnative": "the test is right, but 'send email to the member (email column)' does not take the "
    "address from the row (a recipient class)",
}


@pytest.mark.parametrize("item", cases("planner_round16c.jsonl", _KNOWN))
def test_round16c_description_comes_out_right(item):
    assert_right(item, seed="r16c")


@pytest.mark.parametrize(
    ("test", "pair"),
    [
        ("qty < reorder_point", ("qty", "<", "reorder_point")),
        ("spent > budget", ("spent", ">", "budget")),
        ("the on_hand is below min_level", ("on_hand", "<", "min_level")),
        ("usedSeats >= paidSeats", ("usedSeats", ">=", "paidSeats")),
        # a state said with a comparative word, or a number, is no comparison of two fields
        ("it is over budget", None),
        ("the cost is over budget", None),
        ("score > 8", None),
    ],
)
def test_a_field_compared_with_another(test, pair):
    assert field_comparison(test) == pair
