"""Planner round 14c on our own descriptions (`planner_round14c.jsonl`, in no bench set, none copied from a bench
set): the decision in a routine, mostly told in the first person. The classes held-out set 18 missed: 'if the
amount is over 500 I also let the CFO know …', 'If not I just email …' — the subject 'I' / 'we' that ends the test
and starts what it guards was dropped with the habit word, so the action was read into the test and the branch held
nothing; 'let the CFO know in #finance', 'tell our treasury channel on Teams' was read as a read of the channel;
'if they're there …, if they aren't …', 'if it's over 10,000 …, if it's not …' made a second test instead of the
other side of the first; 'if the outlet is in our Airtable 'Media list'', 'check if the customer's email is in
the 'VIP' Google Sheet. If it is, …' read no place (the test was made on the event, or the read hung on the if
side) — now the place is read first and the test looks for the event's value in what it holds. The first 14 lines
were written before the first two fixes (8 right before, 11 after; two mislabelled GitHub reads, which the planner
rightly makes over HTTP, relabelled), four of them in other voices (a short imperative, a question, a requirement
list) and three paraphrases of the first line; the next 9 before the last two fixes (2 right before, 8 after),
with three paraphrases of one membership line; the last 3, for a verb on 'it' with no service ('if it's free I
book it' after a read of the Google Calendar: the action is on what was read, in its service), written after that
fix (1 right). 20 of 26 right; the 6 left are trigger or verb classes, or the read in another sentence."""

from __future__ import annotations

import json

import pytest

from lib.generation import planner
from lib.generation.lexicon import routine_as_steps
from lib.generation.steps import _ELSE, HELD_IN
from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r14c-para1-we": "'We get Stripe payments all day. For each one we put a row …': a stream told as a fact is not "
    "read as the Stripe event (a trigger class)",
    "r14c-para1-question": "'Could you set it up so every successful Stripe payment gets logged …' is not read as "
    "the Stripe event (a trigger class), and '… it also goes to #finance' names no verb the test ends before",
    "r14c-it-jira-close": "'… I close it': 'close' names no write of Jira the planner knows (a verb class)",
    "r14c-it-calendar-imp": "'check our Google Calendar for tomorrow; if there is a free hour, book it': the read is in "
    "the sentence before, and only a read in the test's own sentence gives 'it' its service",
}


@pytest.mark.parametrize("item", cases("planner_round14c.jsonl", _KNOWN))
def test_round14c_description_comes_out_right(item):
    assert_right(item, seed="r14c")


@pytest.mark.parametrize(
    ("text", "read"),
    [
        # the first-person subject after an open test ends it, as a comma would
        (
            "If the amount is over 500 I also let the CFO know.",
            "If the amount is over 500, let the CFO know.",
        ),
        ("if it's free I book it, if not I reply", "if it's free, book it, if not, reply"),
        ("unless it's paid we remind them", "unless it's paid, remind them"),
        # a clause about the thing the test names stays the test's own
        ("if the file we upload is over 10 MB, warn me", "if the file upload is over 10 MB, warn me"),
        # no open test: the subject drops away as before
        ("every morning I open the dashboard", "every morning open the dashboard"),
        ("when I call the workflow, it runs", "when I call the workflow, it runs"),
    ],
)
def test_first_person_subject_after_a_test_ends_it(text, read):
    assert routine_as_steps(text) == read


@pytest.mark.parametrize(
    ("consequence", "sides"),
    [
        ("add a row, if they aren't, create the contact", ["add a row", "create the contact"]),
        ("email them; if it's not, post it", ["email them", "post it"]),
        ("invite them, if they didn't then reject them", ["invite them", "then reject them"]),
        # a denial that says more is a test of its own
        (
            "email them, if they aren't paid yet, chase them",
            ["email them, if they aren't paid yet, chase them"],
        ),
    ],
)
def test_a_bare_denial_of_the_test_is_its_other_side(consequence, sides):
    assert _ELSE.split(consequence, maxsplit=1) == sides


@pytest.mark.parametrize(
    ("test", "what", "place"),
    [
        ("the outlet is in our Airtable 'Media list'", "the outlet", "our Airtable 'Media list'"),
        ("they're already on the 'VIP' sheet", "they", "the 'VIP' sheet"),
        ("the customer's email exists in our HubSpot", "the customer's email", "our HubSpot"),
    ],
)
def test_a_test_of_what_a_place_holds_names_both(test, what, place):
    held = HELD_IN.match(test)
    assert held is not None
    assert (held.group("what"), held.group("place")) == (what, place)


def test_a_test_of_what_a_place_holds_reads_it_first_and_looks_for_the_event_there():
    plan = planner.plan(
        "new shopify order -> if the buyer is in the 'VIP' google sheet -> post it to #vip-orders on slack"
    )
    kinds = [b.type for b in plan.blocks]
    assert kinds.index("google_sheets") < kinds.index("condition")
    test = json.loads(plan.value(plan.blocks[kinds.index("condition")].id, "conditions"))[0]["value"]
    # the buyer's address read from the event's object in the expression: Sim puts a `<start.….email>` text
    # into a condition unquoted, a syntax error (validators: condition_unquoted_value)
    assert test.startswith(
        'String(JSON.stringify(<googlesheets1.data>)).replace(/"[^"]*":/g, " ").toLowerCase().includes('
        "String((<start.webhook.data.payload>)?.[\"email\"] ?? '')"
    )
