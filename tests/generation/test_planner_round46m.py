"""Planner round 46m: what a message says. A message whose clause tells what it says ('email that customer that the
trip is cancelled and they'll get a full refund', 'post to #incidents that the API is down') carries those words, in
the second person when said to the person it goes to; a message on the side of a test with nothing said of it
('if the payments component isn't operational, post to #incidents') tells the test that sent it; an e-mail's subject
says what it carries, not the background the text opens with. Each case was written before the fix."""

from __future__ import annotations

import re

import pytest

from lib.generation import planner
from lib.generation.compose import compose

_MAILERS = ("gmail", "gmail_v2", "outlook")


def _blocks(description: str) -> list[dict]:
    state = compose(planner.plan(description), seed="r46m").state
    assert state is not None
    return list(state["blocks"].values())


def _values(description: str, kind: str, field: str) -> list[str]:
    return [
        str((b["subBlocks"].get(field) or {}).get("value"))
        for b in _blocks(description)
        if (b["type"] in _MAILERS if kind == "@email" else b["type"] == kind)
    ]


@pytest.mark.parametrize(
    "description, kind, field, says, not_says",
    [
        (
            "Every day at 19:00, read tomorrow's bookings from the Google Sheet 'Boat Trips' and for each one check the forecast at https://api.windy.example/v1/point; if the wind is above 30 knots, email that customer that the trip is cancelled and they'll get a full refund.",
            "@email",
            "body",
            "trip is cancelled and you'll get a full refund",
            "they'll",
        ),
        (
            "When a Stripe payment fails, text the customer that their card was declined and they can update it at https://pay.example.com/card",
            "twilio_sms",
            "message",
            "your card was declined and you can update it at https://pay\\.example\\.com/card",
            None,
        ),
        (
            "Every Monday at 8, read the overdue loans from the Airtable table 'Loans' and WhatsApp each borrower saying the book is overdue and asking them to return it this week.",
            "whatsapp",
            "message",
            "the book is overdue",
            None,
        ),
        (
            "When a new order arrives in Shopify (webhook), post to Slack #packing saying a new order needs packing.",
            "slack",
            "text",
            "a new order needs packing",
            None,
        ),
        (
            "Every hour check https://api.statuspage.example/v1/status and if the API is down, post to #incidents that the API is down and the on-call engineer should look.",
            "slack",
            "text",
            "the API is down and the on-call engineer should look",
            None,
        ),
        (
            "When someone submits our Typeform (it calls a webhook), email them to let them know we received their application and will reply within 3 days.",
            "@email",
            "body",
            "we received your application and will reply within 3 days",
            None,
        ),
        (
            "Every Friday at 17:00 get the open invoices from https://api.invoicely.example/invoices and, for each invoice over $500, email the client telling them the invoice is overdue.",
            "@email",
            "body",
            "the invoice is overdue",
            None,
        ),
        (
            "When a job is marked done in our Airtable table 'Repairs' (webhook), text the customer to let them know their bike is ready for pickup.",
            "twilio_sms",
            "message",
            "your bike is ready for pickup",
            None,
        ),
        (
            "Every 5 minutes check the status API at https://status.pay.example/api/components; if the payments component isn't operational, post to #incidents.",
            "slack",
            "text",
            "payments component isn.t operational",
            None,
        ),
        (
            "Every 30 min check the HubSpot API for new deals; if the deal amount exceeds $25,000 ping #sales-leads on Slack.",
            "slack",
            "text",
            "deal amount exceeds \\$25,000",
            None,
        ),
        (
            "Every morning at 7 read today's classes from the Google Calendar 'Studio' and, if a class has more than 20 bookings, email the teacher (teacher@yogaloft.example) that the class is full.",
            "@email",
            "body",
            "class is full",
            None,
        ),
        (
            "When a GitHub issue is opened in our repo, DM me on Slack (U02ABCDE) that a new issue needs triage.",
            "slack",
            "text",
            "a new issue needs triage",
            None,
        ),
    ],
)
def test_a_message_says_what_its_clause_tells(description, kind, field, says, not_says):
    values = _values(description, kind, field)
    assert any(re.search(says, v, re.I) and not (not_says and re.search(not_says, v)) for v in values), values


@pytest.mark.parametrize(
    "description, says, not_says",
    [
        (
            "Context: we're a small bakery in Leeds with six staff and two vans. Every day at 6am read the orders from the Airtable table 'Orders' and email the baker (baker@crumb.example) the list of cakes to make.",
            "cakes",
            "Context|bakery in Leeds",
        ),
        (
            "Okay, context. I run a small sport-fishing charter with two boats. Every day at 19:00 read tomorrow's trips from the Google Sheet 'Trips' and for each trip, if the forecast from https://api.windy.example/v1/point says waves over 2.5 metres, email that customer that the trip is cancelled.",
            "cancel",
            "I run|charter",
        ),
        (
            "Every 3 hours, read mentions of 'Corbel Insurance' on X, and if there are more than 20 negative ones, email crisis@corbel.example.",
            "negative|Corbel",
            None,
        ),
    ],
)
def test_an_email_subject_says_what_it_carries(description, says, not_says):
    subjects = _values(description, "@email", "subject")
    assert any(re.search(says, v, re.I) and not (not_says and re.search(not_says, v)) for v in subjects), (
        subjects
    )
