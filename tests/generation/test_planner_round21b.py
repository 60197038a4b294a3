"""Planner round 21b on our own descriptions (`planner_round21b.jsonl`, in no bench set, each written before its
fix): a value said one way, then corrected as the user types ('at 7 — no, make it 7:45', 'every 2 minutes — no, 5',
'#marketing. Actually no, #growth', 'over $500 — make that $750', 'make it Fridays instead', 'Berlin time — sorry,
Lisbon time'), a constraint taken back ('forget the business hours thing'), the same in other languages ('nein',
'anzi', 'bueno', 'nej vänta'), and a question in that voice that asks for no workflow. 3 of the first 24 were right
before. Two lines ('-after': a guard said ban first, 'Don't post anything if nothing was merged'; a rule taken back,
'never mind the weekend rule') were written after the fix, as checks of its reach."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round21b.jsonl", _KNOWN))
def test_round21b_description_comes_out_right(item):
    assert_right(item, seed="r21b")
