"""Planner round 43d on our own descriptions (`planner_round43d.jsonl`, in no bench set, each written before its
fix): AI steps, sources and unrequested writes. A chat that reads a source answers from it (past a hand-over test,
'If the guest asks to book, email …', and 'people can ask if …' is the question, no test); an e-mail built to no
one and 'send it to our courier at …' are one e-mail; 'email them to me, that's martha@…' names who 'me' is; "don't
touch Slack" keeps Slack out; a sum-up marker after a reply's label ('Thread reply: ok final answer —') makes no
step; an AI named as a step's doer ('→ AI compares the prices it finds →', 'Transform: AI groups trips by driver')
does it; 'returns an AI-written care guide' has an agent write it; AI work on a photo sent to a bot is a vision
step. Voices: specs, chats, a voice memo, e-mail replies, German, French and Spanish lines; controls: a weekly
Airtable e-mail to a team, a daily Jira count to Teams. 15 of 26 were right before the fix (14 as first written:
two labels were corrected — Tavily's search is its read, Typeform has no JUL25 trigger), 25 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round43d.jsonl", _KNOWN))
def test_round43d_description_comes_out_right(item):
    assert_right(item, seed="r43d")
