"""Planner round 27b on our own descriptions (`planner_round27b.jsonl`, in no bench set, each written before its
fix): asked vs told in a forwarded thread or a request that corrects itself. People tell how things are done now
('Every Monday I go through Stripe … and email each customer'), then sum the ask up ('OK so to sum up: …', 'final
version: …'): what the summary restates is built once. They amend a destination away ('Fine, skip Discord then.
Notion only.', "I'd rather not get the #alerts message", "don't post it on Teams at all - just email …"): its step
is dropped, not moved to another chat. The forwarder's note points at the thread ('see below - Priya's last reply is
the plan', 'Could you set up what Grace describes?'): no step of its own. The inbox an event arrives in ('lands in
timesheets@… (Outlook)') is the event's place, no recipient. A thread that ends by declining ('Let's not automate
this one after all'), a note that drops the idea, and a request to unmask people and find their home address are no
workflow. Voices: top-posted and bottom-posted e-mail threads, quoted replies, a chat-style note, plain requests;
controls: an amendment that moves the post to Teams, an inbox named beside the event, and a forward to a real
recipient beside the inbox the mail arrives in. 3 of 13 were right before the fix, 13 after (one label widened
after the fix: 'the GitHub issues closed this week' may be read through the API, JUL25's GitHub block lists no
issues)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round27b.jsonl", _KNOWN))
def test_round27b_description_comes_out_right(item):
    assert_right(item, seed="r27b")
