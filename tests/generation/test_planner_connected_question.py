"""A forum post's question that names the service the ask works on ('Has anyone here connected Sim to HubSpot? I need
new deals over 10k posted …'; `planner_connected_question.jsonl`, written before the fix). Round 28a read that
service (a read of the deals, not a POST) and round 28d blanked a question to the post's readers; merged, the
question was blanked before its service was read, and the post went out with no data. Control: 'Anyone got Sim
working with Trello?' stays a question that makes no step (wrong too before the fix: its service was blanked with it). 0 of 2 were
right before the fix, 2 after: the question is now told as the services it names that the rest of the text
does not ('We use HubSpot.')."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_connected_question.jsonl", _KNOWN))
def test_connected_question_keeps_its_service(item):
    assert_right(item, seed="connected")
