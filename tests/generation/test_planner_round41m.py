"""Planner round 41m on our own descriptions (`planner_round41m.jsonl`, in no bench set, each written before its
fix): an AI step the user names in the passive or in a spec line. "the fuel cost per driver worked out by the AI",
"Logic: AI works out …", "**Processing:** the AI totals …", "Step 2: AI groups them …", "get the ai to figure out …",
"have the overdue ones identified by AI", "with the AI doing the maths on …", German "die KI soll … ausrechnen" are
each an AI step between the read and the write, and the write sends what it produced; "have AI work out which …, and
DM me the list on Slack (my id is U…)" is one AI step and a DM to that id. Voices: an e-mail, specs, chat with typos,
a voice memo, a Slack DM, German; controls: a summary and a classification. 5 of 12 were right before the fix, 11 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r41m-05-processing-heading": "'the AI totals … and flags anything over 10%' makes a condition of the AI's own "
    "instruction, and the e-mail sends the workbook instead of the AI's totals",
}


@pytest.mark.parametrize("item", cases("planner_round41m.jsonl", _KNOWN))
def test_round41m_description_comes_out_right(item):
    assert_right(item, seed="r41m")
