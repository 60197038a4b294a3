"""What the planner adds for Sim's sake is known by its name (`lib.generation.plumbing`), so the evaluation matches
no labelled step or test to it; what the user asked for is not. Built from descriptions that make each kind."""

from __future__ import annotations

import pytest

from lib.generation import planner
from lib.generation.plumbing import added_by_planner

_MADE = [
    # (a test before the loop and its end, a sheet's rows, an address finder, its test and end, a message's text)
    "Every Monday at 9, for each customer in the Google Sheet 'Renewals', email them a renewal reminder.",
    # (a 'No action' end of a test's other side, the values shaped for Sheets)
    "When a Stripe payment succeeds, if the amount is over 500 add a row to the Google Sheet 'Big Payments'",
    # (a loop's marks and the tally after it)
    "Every evening go through the Airtable table 'Trips'; for each trip with waves over 2 metres email the customer. "
    "After going through all trips, post the number of emails sent to #skippers on Slack.",
]


@pytest.mark.parametrize("description", _MADE)
def test_every_block_a_step_did_not_ask_for_is_known_as_plumbing(description):
    draft = planner.draft(description)
    added = [
        b for b in draft.plan.blocks if b.type in ("function", "condition") and not draft.words.get(b.id)
    ]
    assert added, "the description makes plumbing"
    for block in added:
        assert added_by_planner(block.name), f"{block.name} was added with no words, yet is not known"


@pytest.mark.parametrize(
    "name",
    [
        "Function 1",
        "Condition 1",
        "Condition 2",
        "Agent 1",
        "What Loop 1 did",
        "Rows matching Google Sheets 1",
    ],
)
def test_a_step_or_test_the_user_asked_for_is_not_plumbing(name):
    assert not added_by_planner(name)
