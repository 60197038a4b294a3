"""Planner round 30a on our own descriptions (`planner_round30a.jsonl`, in no bench set, each written before its
fix): writes nobody asked for, triggers and refusals. Written before the fix: 4 of 15 right on main (the three
controls and the real decline)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r30a-09-told-on-discord": "the Gmail draft refers to the agent's reply, not to the knowledge base's results "
    "directly (Discord, where the advice came from, is no step now)",
    "r30a-12-service-can-webhook-us": "'any Jira issue marked Blocker … should DM @sam' still writes a Jira issue: the "
    "service whose items start the run ('Jira can webhook us') is not yet told from a place written to",
}


@pytest.mark.parametrize("item", cases("planner_round30a.jsonl", _KNOWN))
def test_round30a_description_comes_out_right(item):
    assert_right(item, seed="r30a")
