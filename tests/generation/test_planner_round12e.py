"""Planner round 12e on our own descriptions (`planner_round12e.jsonl`, in no bench set, each written before
its fix): where the run starts when the text states a situation instead of saying 'when'. A sentence with no
command that says where things arrive ('Support emails land in our Gmail.', 'Parents text our WhatsApp
number …', 'Anything posted in our Slack #incidents channel should become …', 'Sign-ups come in through
Typeform.') starts each run on that service's event (a generic webhook for a service JUL25 cannot listen to),
and what it 'should become' is the first step; a lead 'on' before the service ('on github push to main,', 'On
Stripe charge.refunded events,') is its event; 'When I hit/press/click run' is a run by hand; 'After every Zoom
meeting ends,', 'Someone books a demo through Calendly:' and a list written with slashes ('stripe failed payment /
email …') start on the event. What a step reads: the event itself when the sentence before names the service it
comes from ('We're a law firm on Clio. When a new matter is opened there, …' makes no fresh read of Clio); in a
chat, a lookup of one record ('looks the order up') puts the key the user showed by example ("ask things like
'where's order 1234?'") or named ('I type an order number') in the request's query; with a service's event
starting the run, 'log every message in the … table' is the event's one message (no list read, no loop), and
'write it back to the same record' updates the record of the service the event came from."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round12e.jsonl", _KNOWN))
def test_round12e_description_comes_out_right(item):
    assert_right(item, seed="r12e")


@pytest.mark.parametrize(
    ("text", "provider"),
    [
        ("Support emails land in our Gmail. Sort every new one.", "gmail"),
        ("Guests message our restaurant's WhatsApp number all day. Log each one.", "whatsapp"),
        ("Anything posted in our Discord #bugs channel should become a ticket.", "discord"),
        ("Job applications come in through Typeform. Add each to the sheet.", "generic"),
        ("Post the weekly numbers to #sales in Slack.", None),  # a command, no situation
        ("Slack posts a digest every day. Read it.", None),  # the service is the doer, not the place
    ],
)
def test_a_stated_arrival_names_the_event(text, provider):
    from lib.generation.triggers import _situation

    found = _situation(text)
    assert (found.values["webhookProvider"] if found else None) == provider


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("ask things like 'where's order 1234?' and it looks the order up", "order"),
        ('they ask "status of invoice INV-5531" and it finds that invoice', "invoice"),
        ("ask 'is ticket #88 closed?' and it finds the ticket", "ticket"),
        ("ask things like 'what's new this week?' and it answers", None),  # no record named by a number
    ],
)
def test_an_example_question_shows_the_lookup_key(text, noun):
    from lib.generation.planner import _EXAMPLE_KEY

    found = _EXAMPLE_KEY.search(text)
    assert (found.group(1).lower() if found else None) == noun
