"""Planner round r55b: triggers, routers and the agent step. The start the user names when it is an arriving
message or record (order e-mails that arrive in Gmail, posts in a Teams channel, customers who write on WhatsApp or
Telegram, a form that calls a webhook, a website box that calls the workflow's API), the router when AI sorts each
message into three or more destinations, the agent step the user asks for ("could AI do that") in order and fed from
the right block, and recipients taken from the data with references to the block that holds what is sent. Probe
lines (`planner_round55b.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {
    "r55b-02-en-bookings-land-outlook": "'land in our Outlook inbox' is read as Gmail's event: 'inbox' is one of "
    "Gmail's names, and the Outlook before it (a service JUL25 cannot listen to, a generic webhook) is not weighed",
    "r55b-10-en-app-calls-api-sheet": "'Our booking app will call a workflow API' is read as a webhook with an API "
    "block, not as the workflow's API trigger: the app calling 'a workflow API' is not read as calling ours",
    "r55b-11-en-typeform-webhook-captain": "'email the captain' is read as the club's own captain (lexicon "
    "'own_people', one address set once), not the one who signed the team up, whose address the form sends",
}


@pytest.mark.parametrize("item", cases("planner_round55b.jsonl", _KNOWN))
def test_round55b_description_comes_out_right(item):
    assert_right(item, seed="r55b")
