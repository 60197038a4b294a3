"""Planner round 18d on our own descriptions (`planner_round18d.jsonl`, in no bench set, written before the
fix): iterators and recipients in automation tools' vocabulary. An iterator step named alone between two steps
('-> Iterator ->', '-> Looping by Zapier over the rows ->', '-> Apply to each ->', '3) Split Out: one item per
vehicle.', '-> Loop Over Items ->', '-> SplitInBatches -> for each row, …') repeats every step after it over the
list read before it; 'the <item>'s <field>', '<field> on/in that row', 'the guest' is read from the current item
(or the run's input when there is no loop)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round18d.jsonl", _KNOWN))
def test_round18d_description_comes_out_right(item):
    assert_right(item, seed="r18d")
