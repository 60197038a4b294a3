"""Planner round 20d on our own descriptions (`planner_round20d.jsonl`, in no bench set, each written before its
fix), in a product ticket's voice ('[Team] title', 'As a …, I want …', 'Trigger:' / 'Steps:' / 'AC:'): which block
reads which. A heading or user story that restates the event is no read of the event's service — the steps read
the event's payload; 'for each …' over a fetched list is a loop whose steps read the item; steps that were dropped
(a read at an address a message is sent from, an AI step said as 'turned into …', one AI step for one bullet); a
write reads the data it was asked to carry. Paraphrases of some lines (acceptance criteria, a numbered list, a
user story) check the mechanism's reach."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r20d-digest-reads-source": "kept on purpose: the summary's e-mail carries the AI summary, not the rows it was made "
    "from (a label that wants the message to read the rows directly disagrees with the summary step)",
}


@pytest.mark.parametrize("item", cases("planner_round20d.jsonl", _KNOWN))
def test_round20d_description_comes_out_right(item):
    assert_right(item, seed="r20d")
