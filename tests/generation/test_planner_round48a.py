"""Planner round 48a on our own descriptions (`planner_round48a.jsonl`, in no bench set, each written before its
fix): an incoming message, e-mail or form answer sorted by AI into three or more kinds, each kind going to its own
place ('bestelling → rij in Supabase; klacht → Jira-ticket; vraag → direct antwoorden via WhatsApp'); a test on each
item of a list read, with an action on both sides ('for each order above 500 dollars …; for the rest …', 'if a
signup's score is 70% or above …; otherwise …'); a test on the trigger's own field ('if the level is CRITICAL, also
text Maria'); a threshold written in words ('over eighty percent') with two actions on its true side. 8 of 18 were
right before the fix (with two lines' Asana, no JUL25 block, relabelled as Linear and Jira), 18 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round48a.jsonl", _KNOWN))
def test_round48a_description_comes_out_right(item):
    assert_right(item, seed="r48a")
