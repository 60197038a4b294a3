"""Planner round r52a: event triggers and replies — the trigger told by the event the user names (a Stripe payment,
a WhatsApp or Telegram message, a Jira webhook, 'hit run', a chat assistant), the writes it asks for, and replies
that go back to the person in the event's data.
Probe lines (`planner_roundr52a.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {
    "r52a-11-en-github-push-doc": "the Google Doc appended after the AI's summary reads only the summary, nothing of "
    "the push itself (h52-104 the same)",
}


@pytest.mark.parametrize("item", cases("planner_roundr52a.jsonl", _KNOWN))
def test_roundr52a_description_comes_out_right(item):
    assert_right(item, seed="r52a")
