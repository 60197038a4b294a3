"""Planner round 41m on our own descriptions (`planner_round41m.jsonl`, in no bench set, each written before its
fix): an AI step the user names in the passive or in a spec line. "the fuel cost per driver worked out by the AI",
"Logic: AI works out …", "**Processing:** the AI totals …", "Step 2: AI groups them …", "get the ai to figure out …",
"have the overdue ones identified by AI", "with the AI doing the maths on …", German "die KI soll … ausrechnen" are
each an AI step between the read and the write, and the write sends what it produced; "have AI work out which …, and
DM me the list on Slack (my id is U…)" is one AI step and a DM to that id. Voices: an e-mail, specs, chat with typos,
a voice memo, a Slack DM, German; controls: a summary and a classification. 5 of 12 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r41m-01-worked-out-by-the-ai": "'the fuel cost per driver worked out by the AI' builds no AI step, and the "
    "result 'sent from our Gmail to …' no mail",
    "r41m-02-spec-logic-line": "a spec's 'Logic: AI works out …' line builds no AI step",
    "r41m-03-have-ai-work-out-which": "'have AI work out which …' adds a second, classifying AI step, and the DM "
    "goes to the channel placeholder instead of the user id given",
    "r41m-04-get-ai-to-figure-out": "'get the ai to figure out who …' builds no AI step",
    "r41m-05-processing-heading": "a spec's '**Processing:** the AI totals …' line builds no AI step",
    "r41m-09-de-ki-rechnet": "German 'die KI soll den Umsatz pro Filiale ausrechnen' is refused as unread words",
    "r41m-12-with-ai-doing-the-maths": "'with the AI doing the maths on …' builds no AI step",
}


@pytest.mark.parametrize("item", cases("planner_round41m.jsonl", _KNOWN))
def test_round41m_description_comes_out_right(item):
    assert_right(item, seed="r41m")
