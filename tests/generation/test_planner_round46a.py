"""Planner round 46a on our own descriptions (`planner_round46a.jsonl`, in no bench set, each written before its
fix): whole workflows in other languages or voices that were refused (a quoted reply cut into clauses by its commas,
Rioplatense 'buscá'/'mandá', Dutch compounds, 'hey @Priya — could you set up: every 15 min check the Freshdesk API
…'), contact details of a rival's reviewers or followers to be refused, and spoken corrections ('an Asana task — no,
scrap Asana, a Jira issue —', 'every 15th of the month — no wait, the 16th —', 'a bot thing … it checks our Notion
page'). 4 of 18 were right before the fix, 18 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round46a.jsonl", _KNOWN))
def test_round46a_description_comes_out_right(item):
    assert_right(item, seed="r46a")
