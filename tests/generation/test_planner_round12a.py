"""Planner round 12a on our own descriptions (`planner_round12a.jsonl`, in no bench set, each written before
its fix): loops and per-item steps. An action whose object is the items a relative clause keeps ('bump any
that mention 'outage' to High', 'put the ones with a .edu email address into …', 'email the parent of every
pupil who missed more than 3 days', 'text every member who hasn't checked in for more than 14 days') repeats
over the fetched list with the clause as a test of each item inside the loop; 'that's' / 'it's' inside the item
phrase keeps it one phrase; an action said before its qualified loop ('open a Jira ticket for each one with more
than 100 events') is what the loop repeats, and a count it names is the item's field, not the list's length; a
test said after a per-item action ('text each patient a reminder, unless it's a telehealth appointment', '—
except if their cart is worth less than £20') is a test of each item inside the loop, keyed on the word that
says which kind ('telehealth'), not the kind every item is. The kept items as the subject ('the ones that
mention 'refund' should be posted in …', 'any expense above $10,000 gets posted to …') read the same way. A
person each item names ('email the owner of each task', 'text the driver of each one') is reached once per
item, at the address the item holds; '…, with the speaker's email as the attendee' invites that person."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r12a-unless-para2": "'email directions to the office to each visitor' makes no e-mail step, with or without the loop",
}


@pytest.mark.parametrize("item", cases("planner_round12a.jsonl", _KNOWN))
def test_round12a_description_comes_out_right(item):
    assert_right(item, seed="r12a")


@pytest.mark.parametrize(
    ("text", "rewritten"),
    [
        (
            "read the tickets and bump any that mention 'outage' to High priority",
            "read the tickets and for each one that mention 'outage', bump it to High priority",
        ),
        (
            "check the contacts and put the ones with a .edu email address into the 'Edu' sheet",
            "check the contacts and for each one with a .edu email address, put it into the 'Edu' sheet",
        ),
        (
            "go through the sheet and email the parent of every pupil who missed more than 3 days",
            "go through the sheet and for each pupil who missed more than 3 days, email the parent",
        ),
        (
            "read the sheet and email every client",
            "read the sheet and email every client",
        ),  # no test: as written
        ("post any new ones to #ops", "post any new ones to #ops"),
        (
            "read the sheet; the ones that mention 'refund' should be posted in #billing",
            "read the sheet; for each one that mention 'refund', post it in #billing",
        ),
        (
            "go through the reports — any single expense above $10,000 gets posted to #cfo",
            "go through the reports — for each expense above $10,000, post it to #cfo",
        ),
        (
            "read the tasks and email the owner of each task a reminder",
            "read the tasks and for each task, email the owner a reminder",
        ),
        ("at the end of every day post the total", "at the end of every day post the total"),
        ("any questions go to #help", "any questions go to #help"),
        (
            "get the deals and notify #sales about any that have been idle for more than 10 days",
            "get the deals and for each one that have been idle for more than 10 days, notify #sales about it",
        ),
        (
            "read the list: boxes with more than 3 items go to #ops",
            "read the list: for each box with more than 3 items, send it to #ops",
        ),
        (
            "Orders over $500 should be posted in #big",
            "Orders over $500 should be posted in #big",
        ),  # the event's
    ],
)
def test_an_action_on_the_items_a_clause_keeps_is_repeated_per_item(text, rewritten):
    from lib.generation.steps import _filtered_object

    assert _filtered_object(text) == rewritten


@pytest.mark.parametrize(
    ("text", "rewritten"),
    [
        (
            "read the calendar and text each patient a reminder, unless it's a telehealth appointment",
            "read the calendar and for each patient, text them a reminder unless it's a telehealth appointment",
        ),
        (
            "check the carts and send each shopper an email — except if their cart is under £20",
            "check the carts and for each shopper, send them an email unless their cart is under £20",
        ),
        ("email me the report unless it is empty", "email me the report unless it is empty"),
    ],
)
def test_a_test_after_a_per_item_action_is_inside_the_loop(text, rewritten):
    from lib.generation.steps import _each_unless

    assert _each_unless(text) == rewritten
