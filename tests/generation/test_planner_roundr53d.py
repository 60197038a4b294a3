"""Planner round r53d: a workflow asked as a question ('can u add them to …??', 'How do I set that up?', 'can someone
show me how it should look?'), physical work asked of Sim ('count the bats by hand'), a French stock alert, a step that
reads a calendar's events, a test on a story's read, a Discord channel inside a loop.
Probe lines (`planner_roundr53d.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_roundr53d.jsonl", _KNOWN))
def test_roundr53d_description_comes_out_right(item):
    assert_right(item, seed="rr53d")

