"""Planner round 30b on our own descriptions (`planner_round30b.jsonl`, in no bench set, each written before its
fix): sources the text asks to read that were dropped or made a write. Voices: a one-line request, call notes,
a user story, a manager e-mail, a routine told by hand, chat shorthand, Spanish, French, Italian and Portuguese
requests, a spec with headings, a voice memo; controls: a Notion page asked to be created, a message wanted sent,
a tab read. 3 of 15 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round30b.jsonl", _KNOWN))
def test_round30b_description_comes_out_right(item):
    assert_right(item, seed="r30b")
