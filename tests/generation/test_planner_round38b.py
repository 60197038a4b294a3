"""Planner round 38b on our own descriptions (`planner_round38b.jsonl`, in no bench set, each written before its
fix): per-item work and loops. "One page per ticket", "one record each", "une page par ticket" over a fetched
list put the write inside a loop over it; the background of a story ("I manually enter each one into X and email
the patient") builds nothing before the actual ask ("Here's the ask: every 30 minutes, …"); a read the user only
looks through ("I look through the day's new orders" on our WooCommerce shop) or names as pulled from an API is
still read; a per-item test ("if they have a mobile number", "if the fare is under the max", "if something comes
up" after a per-item web search) sits inside the loop and tests the item or the per-item result; a filter named in
the read ("records with priority 'urgent'", "status 'overdue'") is carried into the query; and a request addressed
to a colleague that runs by hand is built. Voices: one-liners, chat with typos, a voice memo, a story, Slack DMs,
Spanish, German and French lines; controls: a sheet-row mail merge, a Typeform row, a Linear digest to Slack.
7 of 20 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round38b.jsonl", _KNOWN))
def test_round38b_description_comes_out_right(item):
    assert_right(item, seed="r38b")
