"""Planner round 26b on our own descriptions (`planner_round26b.jsonl`, in no bench set, each written before its
fix): routers and conditions written as the clauses of a statement of work. Routes said in the passive with a
modal ('Damaged returns SHALL be e-mailed to …; Wrong Size returns SHALL be posted to …', 'bugs must be filed as
…', 'will be sent to …', 'are to be raised as …') are one router, as 'are posted to …' was; a clause that opens on
the legal 'where …' or 'in the event that …' is a test ('5.2 Where the new state is 'Confirmed', the Solution
SHALL …'), while 'where possible' is none. Voices: numbered 'shall' clauses, an e-mail, a requirement with
sub-clauses, a one-sentence clause, plain requests; controls: an active router, an 'and the total is over' test,
and 'where possible'. 4 of 11 were right before the fix, 10 after (the one left names a Trello board, which the planner
reads as an HTTP request)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round26b.jsonl", _KNOWN))
def test_round26b_description_comes_out_right(item):
    assert_right(item, seed="r26b")
