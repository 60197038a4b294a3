"""Planner round 49m: what Sim's executor showed once its stand-in sheet read gave rows. A function that reads an
agent's text and holds a template literal did not compile (JUL25 pastes every text such code reads unquoted); a
reminder to each event's guest stopped the whole run at an event without guests (`attendees.0.email`)."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from lib.generation import planner
from lib.generation.compose import compose
from lib.validation import runtime_findings, validate
from tests.generation.node_code import run_code

_FUNCTIONS = [
    "Daily at 7, go through every row of the Google Sheet 'Leads', have AI write a one-line summary of each lead "
    "and write it into that row's 'Summary' column.",
    "Every weekday at 9am read the Google Sheet 'Invoices'. For each row whose status is unpaid, email the customer "
    "a reminder (their email is in the sheet) and mark the row as reminded in the sheet.",
    "Every hour read new rows from the Supabase table 'orders' and for each one set its status to seen.",
    "Every morning read the Google Sheet 'Stock' and post the rows to #stock on Slack.",
]


@pytest.mark.parametrize("description", _FUNCTIONS)
def test_no_function_reads_a_value_in_code_that_holds_a_template_literal(description):
    state = compose(planner.plan(description), seed="r49m").state
    for block in state["blocks"].values():
        code = (
            str(block["subBlocks"].get("code", {}).get("value") or "") if block["type"] == "function" else ""
        )
        if re.search(r"<[a-z][\w.-]*>", code):
            assert not ("${" in code and "`" in code), (block["name"], code)
    assert not [f for f in runtime_findings(validate(state)) if f.code == "function_template_text"]


_GUESTS = [
    "Every day at 7:30 read today's events from the 'Appointments' Google Calendar and for each appointment email the "
    "patient (the attendee) a reminder from Gmail.",
    "Each weekday at 8:00 get tomorrow's bookings from our Google Calendar 'Lessons' and send every attendee a "
    "reminder email with the time.",
]


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the code")
@pytest.mark.parametrize("description", _GUESTS)
def test_an_event_without_guests_is_passed_over_not_the_end_of_the_run(description):
    plan = planner.plan(description)
    send = next(b for b in plan.blocks if b.type == "gmail")
    to = str(plan.value(send.id, "to") or "")
    found = re.fullmatch(r"<([\w-]+)\.result>", to)
    assert found, f"the address comes from a function that can find none, not {to!r}"
    finder = plan.block(found.group(1))
    assert finder is not None and finder.parent == send.parent
    code = str(plan.value(finder.id, "code"))
    organiser = {"organizer": {"email": "desk@clinic.example"}, "creator": {"email": "desk@clinic.example"}}
    guest = {**organiser, "attendees": [{"email": "pat@example.com"}]}
    assert run_code(code.replace("<loop.currentItem>", json.dumps(guest))) == "pat@example.com"
    # (no guest: nothing found, never the organiser's own address)
    assert run_code(code.replace("<loop.currentItem>", json.dumps(organiser))) == ""
    tests = [b for b in plan.blocks if b.type == "condition" and b.parent == send.parent]
    assert any(any(e.source == t.id and e.handle == "else" for e in plan.edges) for t in tests)
    state = compose(plan, seed="r49m").state
    assert validate(state).valid and not runtime_findings(validate(state))


@pytest.mark.parametrize(
    ("description", "address"),
    [
        (
            "When a Stripe payment fails, send an email at the manager, billing@acme.example.",
            "billing@acme.example",
        ),
        (
            "Every Monday at 9 read the 'Stock' sheet and send a message at our supplier, orders@hops.example.",
            "orders@hops.example",
        ),
        (
            "When a form is submitted, send an e-mail at desk@clinic.example with the answers.",
            "desk@clinic.example",
        ),
    ],
)
def test_a_message_sent_at_someone_goes_to_them_alone(description, address):
    """'send an email at the manager, …' (English as many write it, and French 'à' read word by word) e-mailed the
    payer too: 'at' is 'to' before a person or an address."""
    plan = planner.plan(description)
    sends = [b for b in plan.blocks if b.type == "gmail"]
    assert [plan.value(b.id, "to") for b in sends] == [address]


def test_a_message_sent_at_a_time_keeps_its_time():
    plan = planner.plan(
        "Every Friday, send an email at the end of the day to boss@acme.example with the week's orders from the 'Orders' sheet."
    )
    sends = [b for b in plan.blocks if b.type == "gmail"]
    assert [plan.value(b.id, "to") for b in sends] == ["boss@acme.example"]
