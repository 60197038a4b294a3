"""Planner round r57c: chat and message starts that answer, API starts, names, numbers, services without a block, and
what is no workflow. A chat assistant that remembers with Mem0 and answers from a knowledge base, a chatty story that
ends in 'I'd love a chat on our website that …', 'when customers WhatsApp us asking …, look it up … and reply to them',
a terse 'Calendly booking via webhook -> Google Calendar … + text the pupil', an HTTP API endpoint whose POST body is
inserted, a hyphenated channel ('#front-desk'), a decimal rate ('£1.35 per mile') carried into the prompt, a service
read 'thru their api', and a one-off chore on paper (refused). Probe lines (`planner_round57c.jsonl`) were written
before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {
    "r57c-05-en-calendly-cal-sms-terse": "'+ text the pupil a confirmation' after an arrow makes no text step (the same "
    "said as 'SMS to the customer with a confirmation' does; without the article, 'SMS to customer', the message goes "
    "to no number of the booking)",
    "r57c-09-en-discord-hyphen-channel": "Discord wants a channel id: '#dnd-night' becomes the variable "
    "{{DISCORD_CHANNEL_ID_DND_NIGHT}} (a variable's name has no hyphen), so the name as written is in no value",
}


@pytest.mark.parametrize("item", cases("planner_round57c.jsonl", _KNOWN))
def test_round57c_description_comes_out_right(item):
    assert_right(item, seed="r57c")
