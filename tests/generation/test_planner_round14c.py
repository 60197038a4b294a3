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
from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r14c-typeform-nps-teams": "'Whenever a Typeform survey comes back I copy it into our Airtable …': the trigger "
    "is taken from the Airtable named in the action (a trigger-naming class), so the Airtable write is the event",
    "r14c-para1-we": "'We get Stripe payments all day. For each one we put a row …': a stream told as a fact is not "
    "read as the Stripe event (a trigger class)",
    "r14c-para1-question": "'Could you set it up so every successful Stripe payment gets logged …' is not read as "
    "the Stripe event (a trigger class), and '… it also goes to #finance' names no verb the test ends before",
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
