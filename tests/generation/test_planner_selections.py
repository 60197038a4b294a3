"""A message that sends a selection of what was fetched ("email me the top 5 AI stories", "post the 3 most
interesting papers", "send the best 3 links") has an AI step pick them: the whole page, every post or every search
result had been sent, and the coverage report said every word was used. A plain post of what was read gets no AI
step, and a summary keeps its own. Written before the fix (`planner_selections.jsonl`, in no bench set): 2 of 5."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_selections.jsonl", _KNOWN))
def test_selection_comes_out_right(item):
    assert_right(item, seed="sel")
