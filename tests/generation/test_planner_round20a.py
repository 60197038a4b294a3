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
mechanisms' reach."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r20a-oos-linear-para": "written before the fix: 'pull the open bug issues from Linear' makes no Linear read; the ban 'Won't do: …' is not read",
    "r20a-nongoal-sms-whatsapp": "written before the fix: 'Non-goals: SMS or WhatsApp messages' builds an SMS and a WhatsApp message",
    "r20a-oos-slack-read-kept": "written before the fix: 'Out of scope: posting the recap back to Slack' builds a Slack post",
    "r20a-nongoal-external-and-reply": "written before the fix: the Slack post does not carry the event",
    "r20a-ac-must-not-notify-hire": "written before the fix: the AC bullets make no e-mail to HR",
    "r20a-ac-must-not-notify-hire-para": "written before the fix: no Drive folder is created",
    "r20a-ac-never-general": "written before the fix: refused",
    "r20a-story-dup-linear": "written before the fix: the user story builds a second Linear issue outside the test",
    "r20a-background-teams": "written before the fix: the Background paragraph's Teams message is built and no e-mail is made",
    "r20a-context-discord": "written before the fix: the Context paragraph's sheet write and Discord ping are built",
    "r20a-chat-no-send": "written before the fix: refused",
    "r20a-chat-no-send-para": "written before the fix: refused",
    "r20a-post-method-enrol": "written before the fix: 'Non-goals: sending our own welcome email' builds the e-mail",
    "r20a-post-method-register": "written before the fix: 'register … with POST https://…' is read as a GET",
    "r20a-phase-two": "written before the fix: 'Phase 2 (not now): create a Trello card …' builds the Trello call",
}


@pytest.mark.parametrize("item", cases("planner_round20a.jsonl", _KNOWN))
def test_round20a_description_comes_out_right(item):
    assert_right(item, seed="r20a")
