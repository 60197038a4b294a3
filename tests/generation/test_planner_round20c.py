"""Planner round 20c on our own descriptions (`planner_round20c.jsonl`, in no bench set, each written before its
fix): conditions and routers in a product ticket's voice — 'Given <event>, when <test>, then …', an 'Edge cases: if
… then …' line, a bulleted test of two values ('the rating is 1 or 2'), a router by a column's quoted values inside a
loop, a per-item state said after the loop's noun ('for each one rejected'), a unit after a number ('22 m/s', '3.2
m'), a date a set number of days away, a reply on the mail service the event came from, a test on any of the fetched
items and a list kept only when it holds something. Paraphrases of some lines check the mechanism's reach."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round20c.jsonl", _KNOWN))
def test_round20c_description_comes_out_right(item):
    assert_right(item, seed="r20c")
