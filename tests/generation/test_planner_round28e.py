"""Planner round 28e on our own descriptions (`planner_round28e.jsonl`, in no bench set, written before the fix): an
aside shaped like a test ('If it helps, …', 'if this works well we might …', 'if you need anything else just shout',
'If anything in here is unclear, sorry', 'If possible it should be quick') guards no step of the workflow; it must
not become a condition block whose both branches only end the run. Controls: a real test with a step under it, a
test of kept items ('if nothing is below 10, don't send anything'), a test with 'otherwise do nothing'. 5 of 8 were right
before the fix (one label corrected: JUL25's github block reads no issues, an `api` GET does), 6 after, 7 after round
28's merge (the told sheet in the ramble is no longer written: round 28f)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r28e-control-nothing-kept": "'if nothing is below 10 units' compares 10 with the whole sheet's data",
}


@pytest.mark.parametrize("item", cases("planner_round28e.jsonl", _KNOWN))
def test_round28e_description_comes_out_right(item):
    assert_right(item, seed="r28e")
