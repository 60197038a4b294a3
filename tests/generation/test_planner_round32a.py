"""Planner round 32a on our own descriptions (`planner_round32a.jsonl`, in no bench set, each written before its
fix): chat and messaging apps named the everyday way. Slack, Discord, Microsoft Teams, Telegram, WhatsApp and Twilio
SMS as the trigger, the read ('the last 50 messages in #support', 'the last 100 messages from #bug-reports on our
Discord') or the send (a DM to @priya, a Telegram group by chat id, the on-call number, two channels, a customer's
number from the record, each customer of a sheet's rows, a reply in the same thread with a quoted text, a Teams chat
with a person); Gmail and Outlook only as the other side. Voices: one-liners, chat with typos, a Slack DM, an
e-mail, a voice memo, a step-by-step routine, Spanish, German, French and Portuguese lines; controls: a sheet's
specials to a channel, a Stripe failure to #billing, a fixed Telegram reminder. 15 of 20 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round32a.jsonl", _KNOWN))
def test_round32a_description_comes_out_right(item):
    assert_right(item, seed="r32a")
