"""Planner round 44d on our own descriptions (`planner_round44d.jsonl`, in no bench set, each written before its
fix): call notes and brain dumps that build nothing, an API-called search returning its answer as the response,
'no Slack' / 'do NOT reply' rules, 'email the mechanic, that's dan@…', a bot reply with a link, a spoken correction
of the destination, named tables, Jira projects and Confluence titles, and a WhatsApp to the customer from a
webhook. Voices: call notes, a brain dump, meeting notes, a user story, a voice memo, chat, German and Spanish lines.
7 of 19 were right before the fix, 19 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round44d.jsonl", _KNOWN))
def test_round44d_description_comes_out_right(item):
    assert_right(item, seed="r44d")
