"""A lookup's key is not a service: "look up the customer in Supabase by email", "match the sender by email
against the sheet", "keyed by email", "using the respondent's email address" read a table by that field and
build no e-mail step (a Gmail read had been slipped between the lookup and the message, whose text then carried
an unread inbox). An e-mail asked for as a step ("email them a reminder", "via email to …") is still built.
Written before the fix (`planner_lookup_keys.jsonl`, in no bench set)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_lookup_keys.jsonl", _KNOWN))
def test_lookup_key_comes_out_right(item):
    assert_right(item, seed="lk")
