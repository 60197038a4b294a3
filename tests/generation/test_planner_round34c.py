"""Planner round 34c on our own descriptions (`planner_round34c.jsonl`, in no bench set, each written before its
fix): every action the text asks for becomes its own step on the service it names, and nothing else is written --
two e-mails in one request (the team's fixed address and the sender from the data), an acknowledgement to whoever
filled in a form or wrote in, a Slack post beside another write, a read of a named sheet, tab or inbox, a Gmail or
Outlook draft, a write on the service the text names (WhatsApp, not SMS; Outlook, not Gmail). Voices: one-liners,
chat with typos, call notes, a voice memo, a numbered routine, Spanish, French, German and Portuguese lines;
controls: a web-search digest, a form into a sheet, a timed Slack post. 13 of 20 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r34c-02-api-applicant-link": "'arrives through our API' starts on a webhook, not the API trigger",
    "r34c-04-call-notes-ack": "'the client gets a quick 'thanks, we'll confirm shortly' reply' (a quoted reply with "
    "commas) drafts the reply with AI but sends it nowhere; the call notes start no trigger",
    "r34c-08-welcome-and-teams-chat": "', the chat id is 19:…@thread.v2' after the Teams clause is read as a test "
    "and the request is refused",
}


@pytest.mark.parametrize("item", cases("planner_round34c.jsonl", _KNOWN))
def test_round34c_description_comes_out_right(item):
    assert_right(item, seed="r34c")
