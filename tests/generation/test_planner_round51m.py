"""Planner round 51m: a message to the user said as what they receive — "I'd like an email to …", "i get a txt on
+44 …", "send me a text on …", "shoot me a WhatsApp" — after an event with no comma between. Such asks were
refused as having no step, or sent as an e-mail titled 'Text' with the number dropped.
Probe lines (`planner_round51m.jsonl`) were written before the fix."""

from __future__ import annotations

import json
import re

import pytest

from lib.generation import planner
from lib.generation.compose import compose
from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round51m.jsonl", _KNOWN))
def test_round51m_description_comes_out_right(item):
    assert_right(item, seed="r51m")


# A number test of a fetched list: `Number(<sheet.data>) > 25000` is NaN > 25000, false on every run — the alert the
# user asked for never fires. A count ('more than 5 of them') is the list's length; any other number the test compares
# ('the 90+ day balance', 'the total of today', '20 negative ones') is read out of the items by an agent.
_LIST_TESTS = [
    (
        "Every 2 hours, check the Linear backlog for issues labelled urgent and if there are more than 5 of them ping "
        "#eng-leads on Slack.",
        ".length > 5",
    ),
    (
        "Every hour read the open Jira issues in project OPS and if there are more than 12 of those, email "
        "lead@dunmorebikes.ie.",
        ".length > 12",
    ),
    (
        "Every 3 hours, read mentions of 'Corbel Insurance' on X, and if there are more than 20 negative ones, email "
        "crisis@corbel.co.",
        "content>) > 20",
    ),
    (
        "On the 5th of each month at 8 AM, read our 'AR Aging' Google Sheet, and if the 90+ day balance is over $25,000, "
        "email Dr. Patel at dpatel@oakfamilyclinic.org with the numbers",
        "content>) > 25000",
    ),
    (
        "At 17h every day, read the sheet Expenses and if the total of today passes 3.000 € send a mail to "
        "cfo@brightline.nl, if not, send nothing.",
        "content>) > 3000",
    ),
]


@pytest.mark.parametrize(("description", "compared"), _LIST_TESTS)
def test_a_number_test_of_a_fetched_list_compares_a_number(description, compared):
    state = compose(planner.plan(description), seed="r51m").state
    tests = [
        c["value"]
        for b in state["blocks"].values()
        if b["type"] == "condition"
        for c in json.loads(b["subBlocks"]["conditions"]["value"])
        if c["value"]
    ]
    assert tests and all(
        not re.search(r"Number\(<[\w-]+\.(?:data|records|results|issues|tweets)>\)", t) for t in tests
    )
    assert any(compared in t for t in tests), tests
