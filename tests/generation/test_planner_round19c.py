"""Planner round 19c on our own descriptions (`planner_round19c.jsonl`, in no bench set, written before the
fix): per-item routines told of a bot or a person in the third person ('she goes through each row and emails every
client whose invoice is …', 'for each one over $3,000 it emails the customer …', 'it asks the requester by email',
'any member with a balance over $100 gets a payment reminder by email') are loops over the list read before, with
the test inside; a loop's item may end on a verb-like noun ('for each new bug report'); a recipient named by a role the data holds ('the
buyer', 'the respondent', 'the borrower') is taken from the item or the event, never the user."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round19c.jsonl", _KNOWN))
def test_round19c_description_comes_out_right(item):
    assert_right(item, seed="r19c")
