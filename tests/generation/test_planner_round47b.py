"""Planner round 47b on our own descriptions (`planner_round47b.jsonl`, in no bench set, each written before its
fix): each new item of a fetched list with several steps (a Typeform read on a schedule, an API of a service with
no block, a Supabase table whose row is updated after a text, a channel's new messages each searched for and
answered), a two-sided test inside the loop, a channel corrected mid-sentence ('not a text — WhatsApp') and a
recipient whose address is written in the message."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round47b.jsonl", _KNOWN))
def test_round47b_description_comes_out_right(item):
    assert_right(item, seed="r47b")
