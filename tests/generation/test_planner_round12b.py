"""Planner round 12b on our own descriptions (`planner_round12b.jsonl`, in no bench set, none copied from a bench set)
of services named anywhere in a sentence, the class held-out set 15 missed most: a service the planner has no data
for read from where its name stands in a verb's object — a possessive or determiner before it and a noun of what it
holds after it ('yesterday's Chargebee invoices', 'our Brex balance', 'an Opsgenie alert'), or a preposition before
it followed by a relative clause, a dash or the clause's end ('applicants from Ashby who …', 'in Pleo — …',
'publish it to Contentful', 'from our Toast terminal') — with the verb deciding read (GET) or write (POST); a
known service without a JUL25 block written to by a verb before 'in <service>' or a determiner ('add the person
as a contact in HubSpot', 'trigger a PagerDuty incident'); a service as the subject of the trigger clause ('Asana
task completed →', 'Someone signs up through Kajabi:', '… in Mindbody. Whenever a new client signs up there') is
that service's event, a generic webhook. One line is paraphrased three ways (Recurly), and a capitalised common
word ('the Warehouse sheet'), a person before 'who sends' or a place ('our London office') is never taken for a
service. Also: a service read and then changed in it ('mark them as reviewed in Printful'), a host known for a service
not at api.<name>.com (Clockify), an event 'there' on the service the sentence before names, and
an issue opened in a service whose link is then dropped in a channel. 28 lines: 9 passed before the round, 27 after. Every state built is valid with no runtime error."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r12b-dest-our-account": "the job is made, but 'For each submission' makes a loop over the event, so the job reads "
    "the loop's item, not the event (a loop class)",
}


@pytest.mark.parametrize("item", cases("planner_round12b.jsonl", _KNOWN))
def test_round12b_description_comes_out_right(item):
    assert_right(item, seed="r12b")
