"""Planner round 43c on our own descriptions (`planner_round43c.jsonl`, in no bench set, each written before its
fix): conditions and routers. A threshold is tested on the data it is about with the number said (words too:
"over two hundred quid"); the else branch does the other thing asked; a guard that skips ("ignore payments under
$15") keeps the work on its true branch; a "sort into three" after reading an inbox, and "classify with AI and
route", put each write on its own route (a kind said in quotes, a dash before the routes, "spam just gets ignored" as
a route that ends the run); a "Don't alert for …" exclusion builds no write; a number tested on web search results is
read out of them by an agent. Voices: call notes, meeting-notes bullets, a spec, chat, a one-liner, Spanish and French
lines. 11 of 18 were right before the fix, 18 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round43c.jsonl", _KNOWN))
def test_round43c_description_comes_out_right(item):
    assert_right(item, seed="r43c")
