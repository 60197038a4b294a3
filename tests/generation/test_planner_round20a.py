"""Planner round 20a on our own descriptions (`planner_round20a.jsonl`, in no bench set, each written before its
fix): what a ticket says not to do, and writes nobody asked for. A ticket's scope-out line ('Out of scope: editing
or closing issues in Linear', 'Non-goals: SMS or WhatsApp messages', "Won't do: changing anything in Linear",
'Phase 2 (not now): …') builds nothing and rules out only the action it names (a forbidden Slack post keeps the
Slack read; 'mentioning prices in the email' keeps the e-mail); an acceptance criterion that forbids ('- Never
post in #general', '- The new hire must not be emailed yet') builds nothing; a user story ('As a …, I want … so
that …') restated by the ticket's Steps or AC is built once; a Background or Context paragraph telling how things
are done now ('exports …, pastes …, and pings the packers on Discord', 'we lose an hour every shift') makes no write
and no loop; a chat that only answers in the chat, with a ban on sending, is built; 'with POST https://…' writes
whatever its verb ('enrol', 'register'); an aside saying where a value lives ('(address in the email column of the
sheet)') writes nothing there; an example of the message makes no step. Paraphrases of some lines check the
mechanisms' reach; one line ('-after': 'Out of scope: Slack notifications, Jira updates' with a Slack read asked
for) was written after the fix, as a check of the ban's scope. 9 of the first 24 were right before."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round20a.jsonl", _KNOWN))
def test_round20a_description_comes_out_right(item):
    assert_right(item, seed="r20a")
