"""Planner round 31j on our own descriptions (`planner_round31j.jsonl`, in no bench set, each written before its
fix): forwarding, as people ask for it. "Forward every email from billing@stripe.com to …" with no "when", a word in
the subject, a word in the body, Slack and Telegram messages sent on by e-mail, Slack copied to Discord, the CEO's
mail forwarded and a ping beside it, two recipients, German and Spanish, a sender's domain with "everything else
leave alone", an AI summary on top, a chat message. One control ("When an email from … arrives in Gmail, forward it
to …"). Six lines added after the first fixes, on "send me the <data of a service>" (a Stripe balance, Jira issues,
HubSpot deals, calendar events, Airtable records, a GitHub commit), each run on `main` first. 4 of 14 and 4 of 6 were
right before the fix, 20 of 20 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round31j.jsonl", _KNOWN))
def test_round31j_description_comes_out_right(item):
    assert_right(item, seed="r31j")
