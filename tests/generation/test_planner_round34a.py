"""Planner round 34a on our own descriptions (`planner_round34a.jsonl`, in no bench set, each written before its
fix): what a condition tests and where its branches go — a number over/under a bound (digits and words), a label
or status word in the trigger payload or the fetched rows, an AI verdict, an 'otherwise' branch, a step the text
does not gate. Voices: one-liners, chat with typos, a Slack DM, an e-mail, a voice memo, a numbered routine,
Spanish, French, German and Portuguese lines; controls: a Stripe charge over $500, a sensor over 8 degrees, Linear
issues marked Urgent, a log row kept outside the test. 13 of 18 were right before the fix; 18 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round34a.jsonl", _KNOWN))
def test_round34a_description_comes_out_right(item):
    assert_right(item, seed="r34a")
