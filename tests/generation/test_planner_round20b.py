"""Planner round 20b on our own descriptions (`planner_round20b.jsonl`, in no bench set, each written before its
fix): the trigger of a ticket or user story — a 'Trigger:' line that names a run kind ('Trigger: manual, kicked off
by …', 'Trigger: chat.', 'Trigger: API call from our intranet form (fields: …)'), a Given/When/Then whose 'Given'
names the event and whose 'When' restates it or tests it, an 'As a …, I want …' that names the event of a service
with no JUL25 trigger, and a channel mirrored from one service to another ('Mirror Slack #deploys to Discord
#releases'): the clause's own subject decides the provider. Paraphrases of some lines (on demand, a chat message,
an HTTP POST, relay/copy) check the mechanism's reach."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_BEFORE = "written before the fix: "
# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r20b-manual-line-linear": _BEFORE + "'Trigger: manual, …' is read as a generic webhook named 'manual'",
    "r20b-manual-line-notion-test": _BEFORE + "'Trigger: manual run by …' is read as a generic webhook",
    "r20b-chat-line-notion": _BEFORE + "'Trigger: chat.' is read as a generic webhook named 'chat'",
    "r20b-chat-line-test-api": _BEFORE + "'Trigger: chat.' is read as a generic webhook named 'chat'",
    "r20b-api-line-fields-linear": _BEFORE + "'Trigger: API call from …' is read as a generic webhook",
    "r20b-api-line-para-http-post": _BEFORE + "'Trigger: HTTP POST from …' is read as a generic webhook",
    "r20b-api-line-router": _BEFORE + "'Trigger: API request from …' is read as a generic webhook",
    "r20b-api-line-via-api-form": _BEFORE + "'Trigger: … submitted via API' is read as a generic webhook",
    "r20b-api-line-edge-cases": _BEFORE + "'Trigger: API request from …' is read as a generic webhook",
    "r20b-gwt-github-event-arrives": _BEFORE + "the 'Given' clause's event is not read: a manual run",
    "r20b-gwt-airtable-when-test": _BEFORE + "the 'Given' clause's event is not read: a manual run",
    "r20b-gwt-github-para-test": _BEFORE + "the 'Given' clause's event is not read: a manual run",
    "r20b-gwt-story-gmail-amount": _BEFORE + "the 'Given' clause's event is not read: a manual run",
    "r20b-gwt-telegram-also-post": _BEFORE + "'then also post …' on the edge case makes no Slack post",
    "r20b-mirror-slack-to-discord": _BEFORE + "a mirrored channel is read as a Slack post, not Slack's event",
    "r20b-mirror-para-relay-telegram": _BEFORE + "a relayed group is read as a Telegram send, not its event",
    "r20b-mirror-para-copy-whatsapp": _BEFORE + "copying WhatsApp messages is refused as a WhatsApp read",
    "r20b-story-names-event-generic": _BEFORE
    + "the story's event (candidates who apply through Lever) is not read",
}


@pytest.mark.parametrize("item", cases("planner_round20b.jsonl", _KNOWN))
def test_round20b_description_comes_out_right(item):
    assert_right(item, seed="r20b")
