"""What a message carries that the user wrote into it: a link ('w/ a link to our feedback form
forms.gle/abc', 'a link to book a call calendly.com/x/intro') or a fact in parentheses ('the orientation
date (march 14)') is in the message itself — not dropped, and a link to share is not a request to call.
Our own descriptions (none from a bench set); each also runs with no runtime error."""

from __future__ import annotations

import json

import pytest

from lib.generation import planner
from lib.generation.compose import compose
from lib.validation import runtime_findings, validate


def _state(description: str) -> dict:
    state = compose(planner.plan(description), seed="s").state
    assert [f.code for f in runtime_findings(validate(state)) if f.severity == "error"] == []
    return state


def _of(state: dict, type_: str) -> list[dict]:
    return [b for b in state["blocks"].values() if b["type"] == type_]


@pytest.mark.parametrize(
    ("description", "message_type", "fact"),
    [
        (
            "When a Stripe subscription is cancelled, email the customer a short goodbye note with a link to "
            "our exit survey forms.gle/q9Lm2",
            "gmail",
            "forms.gle/q9Lm2",
        ),
        (
            "When a new applicant arrives from Workable (webhook), email the applicant a link to book a "
            "screening call calendly.com/northwind-hr/screen",
            "gmail",
            "calendly.com/northwind-hr/screen",
        ),
        (
            "When someone joins our Discord server, post a welcome in #general on Discord with the rules page "
            "https://example.org/community-rules",
            "discord",
            "https://example.org/community-rules",
        ),
        (
            "New Typeform signup for the beach cleanup -> email them a thank you with the meeting point "
            "(Pier 7, 9am)",
            "gmail",
            "Pier 7, 9am",
        ),
        (
            "When a Shopify order ships, text the customer on WhatsApp with our returns policy link "
            "shop.example.com/returns",
            "whatsapp",
            "shop.example.com/returns",
        ),
    ],
)
def test_a_fact_written_into_a_message_is_carried_by_it(description, message_type, fact):
    state = _state(description)
    (message,) = _of(state, message_type)
    assert fact in json.dumps(message["subBlocks"])
    assert not [b for b in _of(state, "api") if fact.split("/")[0] in json.dumps(b["subBlocks"])]
