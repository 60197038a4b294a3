"""Planner round r56c: the verb, the names and the language. Refreshing, checking or scrolling X for posts
mentioning a name is a search, and 'I never reply to them' forbids a post; a self-correction ('the table 'Leads' —
sorry, I mean 'Prospects'') keeps only the corrected name; a Spanish 'la hoja de google 'X'' keeps its name and
'1.500 €' is 1500; 'email me as well, a@b' sends one e-mail; proper names in a German spec are no unread words; 'have
AI work out what it is — a → …; b → …; anything else → …' is a router with three routes. Probe lines
(`planner_round56c.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round56c.jsonl", _KNOWN))
def test_round56c_description_comes_out_right(item):
    assert_right(item, seed="r56c")
