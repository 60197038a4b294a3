"""A Slack direct message to a person ("DM the list to @maria", "send … to @tom as a DM") goes to that person, not to
the channel the workflow read (`planner_slack_dms.jsonl`, written before the fix: 1 of
4 right before, 4 after)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_slack_dms.jsonl", _KNOWN))
def test_a_dm_goes_to_the_person(item):
    assert_right(item, seed="dm")
