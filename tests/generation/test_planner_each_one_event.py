"""'for every one of them' on a run an event starts (`planner_each_one_event.jsonl`, written before the fix, found by
running set 33's states in Sim's executor: a loop over `<start.webhook.data.payload.data.object.ones>`, a list the
event does not hold, which stops the run). Each event brings one item: the steps run once per event. Control: 'for
each line item' of an incoming order is a list inside the event. 2 of 3 were right before the fix, 3 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_each_one_event.jsonl", _KNOWN))
def test_each_one_of_the_events_is_the_event(item):
    assert_right(item, seed="each-one")
