"""Planner round 24b on our own descriptions (`planner_round24b.jsonl`, in no bench set, each written before its
fix): job briefs and requests that are, or are not, a workflow to build, and the trigger a brief asks for.

Not a workflow: a person hired for other work (a call with a consultant); fake profiles that post reviews; deleting
other people's reviews on a platform. A workflow in hiring language: 'Looking for someone to build …' with a question
for applicants, chatter to the applicants ('Should take an hour for anyone who …'). The trigger a brief asks for: a
cadence word that qualifies a measure ('4,000 monthly users', '6,000 monthly subscribers') is no schedule; the event
after a hiring lead ('Looking for someone to set up a Sim workflow: when Stripe fires …'); 'triggered by GitHub when
…' before a list of steps; 'a Sim workflow on our Slack workspace: when someone posts in #…'. Controls: briefs hiring
a copywriter, a designer, a writer (of an ebook whose title says 'automate'), fake App Store ratings, a plain schedule,
a plain event, a one-off translation, a monthly report. 12 of 22 were right before the fix.

"""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r24b-hire-consultant-zoom": "a call with a consultant (advice from a person) is built as a workflow",
    "r24b-fake-profiles-g2": "fake profiles posting reviews (deception) are built as a workflow",
    "r24b-delete-yelp-reviews": "deleting other people's reviews on a platform (impossible) is built as a workflow",
    "r24b-hire-build-question-for-applicants": "'Looking for someone to build …' is read as context, so the question "
    "for applicants is taken for the whole request",
    "r24b-hiring-chatter-airtable-telegram": "'Looking for someone to build …' is read as context; the chatter to "
    "applicants ('anyone who has done this') leaves no block",
    "r24b-monthly-users-about-line": "'4,000 monthly users' (a measure) is read as a monthly schedule",
    "r24b-stack-line-then-stripe-event": "the event after 'Looking for someone to set up a Sim workflow:' is not "
    "read (the hiring lead hides the 'when' clause)",
    "r24b-triggered-by-github-list": "'triggered by GitHub when …' loses to the Slack step in the list below",
    "r24b-on-our-slack-workspace": "'a Sim workflow on our Slack workspace: when someone posts in #…' is no event",
    "r24b-problem-line-then-stripe-deliverable": "'6,000 monthly subscribers' is read as a monthly schedule",
}


@pytest.mark.parametrize("item", cases("planner_round24b.jsonl", _KNOWN))
def test_round24b_description_comes_out_right(item):
    assert_right(item, seed="r24b")
