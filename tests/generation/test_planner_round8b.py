"""Planner round 8b on our own descriptions (`planner_round8b.jsonl`, in no bench set, each written before
its fix, none copied from a bench set) of the classes of parameters and references the development sets
missed: a named resource written in Spanish, French or German ('la tabla …', 'la carpeta …', 'le projet …'),
a repository written after its host ('github.com/acme/web'), a form id
written after its noun ('form x7k2qp'), a name quoted with backticks ('the `shipments` table', 'collection `newsroom-v2`') or quoted right before
the service ('the 'Donors' Airtable'), the address written for a service
without a block ('PagerDuty at https://events.pagerduty.com/…', a URL with 'statuses[]'), a lookup, search
or update in a flow started by a message, a form or a call that takes its key from what started the run
(a tracking number texted, an email posted, a name given), and an agent drafting the reply to a message
that reads the message as well as what was looked up. Every state built is valid with no runtime error."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round8b.jsonl", _KNOWN))
def test_round8b_description_comes_out_right(item):
    assert_right(item, seed="r8b")


def test_a_service_key_goes_only_to_the_services_own_domain():
    """'send them to PagerDuty via https://relay…': the address the user wrote is called, without
    PagerDuty's key (a secret goes only to its own provider); at PagerDuty's own host it carries the key."""
    import json

    from lib.generation import planner
    from lib.generation.compose import compose

    def request(text: str) -> dict:
        state = compose(planner.plan(text), seed="r8b").state
        api = [b for b in state["blocks"].values() if b["type"] == "api" and "POST" in str(b["subBlocks"])]
        assert len(api) == 1
        return {k: v.get("value") for k, v in api[0]["subBlocks"].items()}

    relayed = request(
        "Every hour fetch https://api.coldchain.example/alerts and send them to PagerDuty via "
        "https://relay.ourops.example/pd/events."
    )
    assert relayed["url"] == "https://relay.ourops.example/pd/events"
    assert "PAGERDUTY" not in json.dumps(relayed.get("headers"))
    direct = request(
        "Every hour fetch https://api.coldchain.example/alerts and send them to PagerDuty at "
        "https://events.pagerduty.com/v2/enqueue."
    )
    assert direct["url"] == "https://events.pagerduty.com/v2/enqueue"
    assert "{{PAGERDUTY_API_KEY}}" in json.dumps(direct.get("headers"))
