"""Planner round 23a on our own descriptions (`planner_round23a.jsonl`, in no bench set, each written before its
fix): automation requests written as forms, whose labelled fields carry different kinds of information. A tool
list ('Tools involved:', 'Systems:', 'Apps used:', 'Which apps are involved?', '**Tools:**', 'Affected systems:')
names where things live or what another system already does, not a step of its own — though the one search or
mail service it names is the one a step that names none uses; a notify field ('Who should be notified?',
'Notify:', 'Who to notify:') names the recipient of a step the steps field already asks for ('#cs-risk', 'see
above', 'nobody', '-', 'the registrant'), or the only destination there is ('Notify: #pricing on Slack', 'me -
priya@…'); a prohibition field ('Anything it must NOT do?', "Don'ts:", 'Must not:', 'Anything it should never do?',
"don't:") lists bans, not steps; a title, a priority and a requester make nothing; 'My email:' says who 'me' is;
'When should it run?' is a label before the event, not a 'when' clause. Forms in three templates, with bold
markdown, numbering, '?' and lower-case labels; a letter that lists its tools 'just so you know', a chat message
and a ticket. Controls: a plain sentence, a ticket with 'Trigger:'/'Steps:'/'Out of scope:' sections and a
sentence that asks for a notification. 13 of 25 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r23a-systems-jira-sms-slack": "the 'Systems:' list's Twilio SMS is merged into the text step and its number lost",
    "r23a-bold-markdown-drive": "'**Must not:** reply to the sender' is read as a Gmail send",
    "r23a-tools-aside-already-done": "the tool list's 'Google Calendar (Zoom already sends the invite)' creates an event",
    "r23a-notify-see-above-two-posts": "'When should it run? GitHub webhook, …' is read as a 'when' clause: generic",
    "r23a-notify-lead-and-channel": "'Notify: CS lead + #cs-risk' posts to #cs-risk a second time",
    "r23a-donts-comma-list-gmail": "\"Don'ts: don't reply, forward or delete …\" reads 'forward' as a Gmail send",
    "r23a-must-not-field-sheet": "'Must not: write anything back to the Google Sheet' is read as a write; the "
    "tool list's Shopify is read",
    "r23a-anything-not-do-question-mark": "'Anything it must NOT do? no emails …' drops the Slack post; the tool "
    "list's HubSpot is read",
    "r23a-my-email-field": "'My email: …' is read as a second e-mail besides the one to me",
    "r23a-tools-pick-search-service": "the search uses Exa, not the Tavily the 'Systems:' field names",
    "r23a-when-field-stripe-event": "'When should it run? Stripe event …' is read as a 'when' clause: generic; the "
    "tool list's Stripe is read",
    "r23a-ticket-affected-systems": "the ticket's 'Summary:' title makes a loop and a read of its own",
}


@pytest.mark.parametrize("item", cases("planner_round23a.jsonl", _KNOWN))
def test_round23a_description_comes_out_right(item):
    assert_right(item, seed="r23a")
