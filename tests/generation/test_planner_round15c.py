"""Planner round 15c on our own descriptions (`planner_round15c.jsonl`, in no bench set, none copied from a bench
set): which data a step reads and what literal details it carries. The classes held-out set 19 missed: a link the
user wrote for a message dropped — after 'the link to …' / 'pointing them to …' (read as an address to call, or a
host with no path not seen), in a sentence that made no step ('we want to send them an email with a link to …' in
the trigger's sentence), or in a clause cut at the comma of an aside ('(their address from the webhook, not me!)');
a quote a noun and a colon introduce ('our parking instructions: 'park in Lot C'') not sent; the facts in brackets
of an agent's clause ('answer from our house rules (late checkout until 1pm for 30 EUR)') put in the message after
the answer instead of the agent's instructions; 'reply in Teams with the ticket key' drafted by an agent from the
event instead of carrying the key of the ticket an earlier step made ('with the envelope id', which the event is
about, still reads the event). The first 14 lines were written before the fixes, six in other voices
(shorthand with arrows, a narrated routine, a short imperative, a numbered list); the last 6 after the first fixes (three
paraphrases of one link line among them); 6 of these 20 were right before the fixes, 19 after. The last 6 (an API's
host, a read about the event's record) were written before their two fixes: 1 right before, 5 after; the 5 on a
looked-up key, before its fix: 0 right before, 4 after; the last 3, on 'the form answers' read as a request to
answer, before its fix: 2 right before (the verb kept), 3 after; the 3 on a subject search: 0 before, 3 after."""

from __future__ import annotations

import pytest

from lib.generation.steps import _host_beside_name, _said, clauses, shared_links
from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r15c-para-link-imp": "'Text every new Calendly booker over Twilio SMS …': 'every new <person>' in an imperative "
    "is not read as the Calendly event (a trigger class), so the description is refused",
    "r15c-key-isbn-arrows": "'takes an ISBN -> look up the ISBN at … -> post the title …': the arrows do not split the "
    "read from the post (a shorthand class), so the read is lost",
}


@pytest.mark.parametrize("item", cases("planner_round15c.jsonl", _KNOWN))
def test_round15c_description_comes_out_right(item):
    assert_right(item, seed="r15c")


@pytest.mark.parametrize(
    ("clause", "links"),
    [
        ("text them with the link to intake.example.com/forms", ["intake.example.com/forms"]),
        ("comment on the issue pointing them to docs.example.dev", ["docs.example.dev"]),
        ("email summary + link to calendly.com/acme to the lead", ["calendly.com/acme"]),
        # an address a step calls stays a request; a host alone is no link unless pointed to
        ("POST the lead to https://api.example.com/leads", []),
        ("send them to api.example.com/v1/leads", []),
        ("read the page at docs.example.dev and summarise it", []),
    ],
)
def test_links_a_message_carries(clause, links):
    assert shared_links(clause) == links


@pytest.mark.parametrize(
    ("clause", "said"),
    [
        ("email them our parking instructions: 'park in Lot C'", "park in Lot C"),
        ('post the reminder to #payroll: "timesheets close at 6pm"', "timesheets close at 6pm"),
        # a quote after a field's name and a colon is that field, not the message
        ("email them with the subject: 'Welcome aboard'", None),
        ("post to the channel: 'alerts'", None),
    ],
)
def test_quote_introduced_by_a_colon_is_the_message(clause, said):
    assert _said(clause) == said


def test_commas_of_an_aside_end_no_clause():
    assert clauses("email the candidate (their address from the webhook, not me!) the link, then log it") == [
        "email the candidate (their address from the webhook, not me!) the link",
        "log it",
    ]


@pytest.mark.parametrize(
    ("clause", "description", "host"),
    [
        (
            "list the orders from the WooCommerce REST API",
            "Our WooCommerce shop (shop.example.com) has orders. Every day list the orders from the WooCommerce REST API",
            "shop.example.com",
        ),
        (
            "pull invoices from the Invoiced API",
            "pull invoices from the Invoiced API (at acme.invoiced.com)",
            "acme.invoiced.com",
        ),
        # no host written beside the name: the request stays to fill in
        ("get the orders from the Magento API", "get the orders from the Magento API and email them", None),
        ("call the API", "call the API at noon", None),
    ],
)
def test_host_written_beside_the_service_name(clause, description, host):
    assert _host_beside_name(clause, description) == host
