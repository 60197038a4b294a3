"""Planner round 19d on our own descriptions (`planner_round19d.jsonl`, in no bench set, written before the
fix): the bot's judgement. A test whose consequence is said with the bot as its subject ('if the amount is above
$8,000 it emails …', 'if its status is 'Late' she texts …') ends where 'it/she/he/they <verb>s' begins; a
categorisation verb (sort / triage / classify / decide / label / bucket) followed by its categories and one action
per category ('X ones get …', 'X become …', 'for X, …', 'X → …') is a router (three or more) or a condition (two)
whose routes carry exactly those actions, after the judgement's agent when the categories are no field of the
data."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r19d-para1-categorize-become": "'Refunds become posts in #refunds on Slack' is read as a Slack event (the trigger's reading)",
}


@pytest.mark.parametrize("item", cases("planner_round19d.jsonl", _KNOWN))
def test_round19d_description_comes_out_right(item):
    assert_right(item, seed="r19d")
