"""Planner round 50d on our own descriptions (`planner_round50d.jsonl`, in no bench set, each written before its
fix): a chat that answers from what it looked up (an agent reads the source, the table is never written), a chat
that hands off to Slack only when the question calls for it, a knowledge base a chat answers from, a row that
mentions a word also texted, a button that opens an issue for each row past a threshold, a Gmail draft (never a
send), a schedule with a second time added as an afterthought."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round50d.jsonl", _KNOWN))
def test_round50d_description_comes_out_right(item):
    assert_right(item, seed="r50d")
