"""Planner round 24b on our own descriptions (`planner_round24b.jsonl`, in no bench set, each written before its
fix): job briefs and requests that are, or are not, a workflow to build, and the trigger a brief asks for.

Not a workflow: a person hired for other work (a call with a consultant); fake profiles that post reviews; deleting
other people's reviews on a platform. A workflow in hiring language: 'Looking for someone to build …' with a question
for applicants, chatter to the applicants ('Should take an hour for anyone who …'). The trigger a brief asks for: a
cadence word that qualifies a measure ('4,000 monthly users', '6,000 monthly subscribers') is no schedule; the event
after a hiring lead ('Looking for someone to set up a Sim workflow: when Stripe fires …'); 'triggered by GitHub when
…' before a list of steps; 'a Sim workflow on our Slack workspace: when someone posts in #…'. Controls: briefs hiring
a copywriter, a designer, a writer (of an ebook whose title says 'automate'), fake App Store ratings, a plain schedule,
a plain event, a one-off translation, a monthly report. 12 of 22 were right before the fix. Added before the
second fix: a search for 'matching' items of a run's input, 'searches the web with Tavily' in an event's run, and a
notification with the event's fields (1 of 3 right before it). 24 of 25 after (left: 'our Telegram group
-100778812' is not read as the chat id — not this round's class).

"""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r24b-hiring-chatter-airtable-telegram": "not this round's class: 'our Telegram group -100778812' is not read as "
    "the chat id",
}


@pytest.mark.parametrize("item", cases("planner_round24b.jsonl", _KNOWN))
def test_round24b_description_comes_out_right(item):
    assert_right(item, seed="r24b")
