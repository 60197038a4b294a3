"""Planner round 14c on our own descriptions (`planner_round14c.jsonl`, in no bench set, none copied from a bench
set): a decision in a routine told in the first person. The classes held-out set 18 missed: 'if the amount is over
500 I also let the CFO know …', 'if it's free I book it …', 'If not I just email …' — the subject 'I' / 'we' that
ends the test and starts what it guards was dropped with the habit word, so the action was read into the test and
the branch held nothing; 'let the CFO know in #finance', 'tell our treasury channel on Teams' (a person or a
channel before the place) was read as a read of the channel. The first 14 lines were written before the fixes (8
right before; two mislabelled GitHub reads that the planner rightly makes over HTTP, relabelled), four of them in
other voices (a short imperative, a question, a requirement list) and three paraphrases of the first line."""

from __future__ import annotations

import pytest

from lib.generation.lexicon import routine_as_steps
from lib.generation.steps import _ELSE
from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r14c-typeform-nps-teams": "'Whenever a Typeform survey comes back I copy it into our Airtable …': the trigger "
    "is taken from the Airtable named in the action (a trigger-naming class), so the Airtable write is the event",
    "r14c-para1-we": "'We get Stripe payments all day. For each one we put a row …': a stream told as a fact is not "
    "read as the Stripe event (a trigger class)",
    "r14c-para1-question": "'Could you set it up so every successful Stripe payment gets logged …' is not read as "
    "the Stripe event (a trigger class), and '… it also goes to #finance' names no verb the test ends before",
    "r14c-imp-vip-sheet": "'check if the customer's email is in the 'VIP' Google Sheet. If it is, …': a test of "
    "whether a place holds the item reads no place (the test is made on the event)",
    "r14c-question-members-airtable": "'checks whether the applicant is already in our Airtable 'Members' table "
    "and, if they are, emails them …': a test of whether a place holds the item reads no place",
    "r14c-vip-para3-arrows": "'if the buyer is in the 'VIP' google sheet -> post it …': a test of whether a place "
    "holds the item reads no place",
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
