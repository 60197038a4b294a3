"""Planner round 30g on our own descriptions (`planner_round30g.jsonl`, in no bench set, each written before its
fix): triggers, writes nobody asked for, and refusals. A chat request opened by a greeting with no comma ('hey could
u email me … whenever a new Stripe payment comes in?') is a request, not a question; 'two or three times a day', 'a
couple of times a day' run on a schedule (and 'Sim watches r/homebrewing' reads it); 'reads new messages in our
Telegram group and, if …' starts on that service's event (it has no read); a customer's wish quoted in call notes
('"When a card fails we want to hear …"') gives way to the service's webhook named after it ('Stripe webhook on invoice
payment failed → …'); 'the Jira→Teams thing' names a flow and writes no Jira issue. Voices: chat shorthand, a voice
memo, an e-mail, call notes, user stories, a Slack DM, a spec with headings, German; controls: a question to the
assistant, a Telegram message asked for, a real test of an e-mail, an 'If anything is unclear, …' aside. 5 of 15 were
right before the fix, 11 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r30g-07-story-failed-runs-post": "a user story's wish with the event as its object ('I want failed GitHub Actions "
    "runs … to post in #release-watch') is no event: a GitHub comment is written from a manual start, and a bare "
    "'#channel' names no Slack",
    "r30g-10-spec-trigger-line": "a spec's '**Goal** every new pull request … gets a short summary' makes a GitHub "
    "comment (the 'gets' of the goal read as a write on the item) and 'Out of scope … labelling' a classifier",
    "r30g-12-de-angekuendigt": "the German now reads ('angekündigt werden', 'Titel', 'zum Artikel'), but 'post new "
    "posts in the RSS feed https://… in our Teams channel' reads nothing from the feed",
}


@pytest.mark.parametrize("item", cases("planner_round30g.jsonl", _KNOWN))
def test_round30g_description_comes_out_right(item):
    assert_right(item, seed="r30g")
