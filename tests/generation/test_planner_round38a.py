"""Planner round 38a on our own descriptions (`planner_round38a.jsonl`, in no bench set, each written before its
fix): specs, user stories and labelled bullet lists. A line's label names the role of its step: "Input: X API —
…" reads X, "Input: a name + a URL, passed in the API call" names the start's fields (no API to call),
"Output 1/2: …" and "Source:/Target: … (upsert)" are writes in that order, "Trigger: …", "Action 1/2/3: …" and
"Order: A first, then B" set the path; acceptance criteria ("Triggered by the Stripe webhook", "Appends … to the
sheet", "sent to me as a Slack DM", "the answer is written by AI using our doc 'X'") build exactly what they say;
and notes that forbid ("nothing goes to Slack", "no notifications of any kind") forbid that action, never add it.
Voices: markdown specs, an outline, user stories with AC, a chat with typos, a voice memo, an e-mail, German,
Spanish and French lines; controls: a web-search digest, a Stripe payment into a sheet. 5 of 20 were right before
the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round38a.jsonl", _KNOWN))
def test_round38a_description_comes_out_right(item):
    assert_right(item, seed="r38a")
