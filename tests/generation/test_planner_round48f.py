"""Planner round 48f on our own descriptions (`planner_round48f.jsonl`, in no bench set, each written before its
fix): the run's own schedule phrase ('every weekday at 06:45', 'So: …', 'Cada día laborable a las 06:30') wins over a
clock or a frequency told in a sentence that describes how things are ('bakers start at 05:00', 'the code changes
monthly')."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
}


@pytest.mark.parametrize("item", cases("planner_round48f.jsonl", _KNOWN))
def test_round48f_description_comes_out_right(item):
    assert_right(item, seed="r48f")
