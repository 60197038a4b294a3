"""Planner round 50c on our own descriptions (`planner_round50c.jsonl`, in no bench set, each written before its
fix): who gets the message, what it says, and the API's answer."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r50c-16-en-gmail-to-slack-forward": "'I forward … to our Slack #buying channel by hand. Could you check our Gmail "
    "inbox every hour and post new ones there instead?': 'there instead' points back at the routine told, so its "
    "sentence is read as steps too (an agent, the Slack post) before the asked Gmail read — the read comes last",
}


@pytest.mark.parametrize("item", cases("planner_round50c.jsonl", _KNOWN))
def test_round50c_description_comes_out_right(item):
    assert_right(item, seed="r50c")
