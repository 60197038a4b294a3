"""Planner round 23d on our own descriptions (`planner_round23d.jsonl`, in no bench set, each written before its
fix): requests that are no automation, trigger fields read for what they say, and values a request names carried
into the step that uses them — in an intake form's voice ('When should it run?', 'What should happen (step by
step)', 'Frequency:', 'Trigger:'), a ticket's, an e-mail's and a chat message's.

Not requests (refused, with the reason the planner gives): one piece of work done once ('just once', 'ONE TIME',
'one-off', 'the one time', 'a single run'), a question to IT (may we connect a mailbox, what would it cost, what
should we automate first), an access request ('give me editor access', 'make me an admin'), physical work (parcels
stamped, paper refilled), and reading a place nobody gave us access to (a rival's private server, a former
colleague's inbox). Trigger fields: a city after the clock, in brackets or after a comma, is the zone ('Tuesdays
10:30 (Vancouver)', '(9am), Melbourne', 'at 8:00, Mumbai', 'daily at 6pm (Seattle)' — a city the time-zone
database has no entry of is found in a table); a field saying 'it's a chat', 'via chat', 'calls it (API) with a
booking_id' or 'I start it myself with a company name' is a chat, an API call or a run by hand, never an event
called 'should it run'. Named values: a quoted SMS or Slack text with full stops inside stays one message; a Gmail
label named is the label read. Controls: 'once a day at 7am (New York)' is a schedule, a question asking for
something that runs every Friday is a request. 8 of 25 were right before the fix, 25 after (and every refusal
names what the request is)."""

from __future__ import annotations

import pytest

from lib.errors import CannotPlan
from lib.generation import planner
from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}

# the refusals, each with the kind of request the planner should say it is (details' 'kind')
_REFUSED_AS = {
    "r23d-form-once-contacts-copy": "one-off task",
    "r23d-mail-once-rename": "one-off task",
    "r23d-ticket-oneoff-import": "one-off task",
    "r23d-form-permission-question": "question",
    "r23d-form-advice": "question",
    "r23d-form-cost-question": "question",
    "r23d-mail-access-request": "access request",
    "r23d-form-make-me-admin": "access request",
    "r23d-form-physical-mailroom": "physical task",
    "r23d-chat-physical-printer": "physical task",
    "r23d-chat-rival-discord": "no access",
    "r23d-form-excolleague-inbox": "no access",
}
# refusals that do not yet give that reason (strict)
_KNOWN_REASON: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round23d.jsonl", _KNOWN))
def test_round23d_description_comes_out_right(item):
    assert_right(item, seed="r23d")


@pytest.mark.parametrize(
    "item",
    [
        pytest.param(i, id=i["id"], marks=[pytest.mark.xfail(reason=_KNOWN_REASON[i["id"]], strict=True)])
        if i["id"] in _KNOWN_REASON
        else pytest.param(i, id=i["id"])
        for i in (p.values[0] for p in cases("planner_round23d.jsonl", {}))
        if i["id"] in _REFUSED_AS
    ],
)
def test_round23d_refusal_says_what_the_request_is(item):
    """A refusal names what the text asks for instead of a workflow, so the user knows why nothing was built."""
    with pytest.raises(CannotPlan) as refused:
        planner.plan(item["description"])
    detail = refused.value.details[0] if refused.value.details else {}
    assert (detail.get("reason"), detail.get("kind")) == ("not_a_workflow", _REFUSED_AS[item["id"]])
