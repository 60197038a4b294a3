"""Planner round 14a on our own descriptions (`planner_round14a.jsonl`, in no bench set, each written before its
fix): services with no JUL25 block named in a narrated step. Logging into / opening a service is no step of its
own: the next clause reads there ('I log into Guesty, look at today's check-outs'); a service services.json
knows by its API host is a service wherever a verb's object names it ('pull next week's job list from Jobber',
'check our UptimeRobot monitors'); two reads before one summary both feed it. A clause starting with a verb that
changes a record ('set', 'refund', 'mark' …) writes to the service it names ('refund their last charge via
Stripe'), and, naming none, to the one a look-up just read ('look the person up in Pipedrive, update their deal
stage …'). A service the planner has no data for is still called, at a stated guess, when a verb used of
systems takes something from it ('pull the staff roster from Homebase'), and the answer says so."""

from __future__ import annotations

import pytest

from lib.generation import planner
from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round14a.jsonl", _KNOWN))
def test_round14a_description_comes_out_right(item):
    assert_right(item, seed="r14a")


def test_a_service_without_data_is_said_to_be_a_guess():
    result = planner.draft(
        "Every morning at 8 pull yesterday's bookings from Fresha and post a summary to #front-desk"
    )
    said = " ".join(result.assumptions) + str(result.needs)
    assert "Fresha" in said and "api.fresha.com" in said
