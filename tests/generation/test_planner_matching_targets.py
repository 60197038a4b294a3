"""An AI step that sorts into named kinds, then "the matching / right / corresponding / appropriate" place listed in
the same order ("label it as bug, feature or question and post it to the matching Slack channel: #bugs, #features
or #questions"): one route per kind, each to its own place (`planner_matching_targets.jsonl`, written before the
fix: 1 of 5 right before, 5 after)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_matching_targets.jsonl", _KNOWN))
def test_each_label_goes_to_its_own_place(item):
    assert_right(item, seed="match")
