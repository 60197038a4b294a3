"""Planner round 31f on our own descriptions (`planner_round31f.jsonl`, in no bench set, each written before its
fix): steps that use the data of the event that started the run, and who gets the answer. A Stripe payment's
customer is emailed or sent a WhatsApp, a GitHub PR's title and author go to a Slack channel, a Typeform or Shopify
or contact-form sender is texted or mailed back, a Calendly guest joins a sheet, a Slack question is answered in its
thread, a Slack DM or a Telegram/WhatsApp message is answered to its sender, an Airtable record, a Teams or Discord
message and a Gmail message's sender, subject or attachment are carried on; and the opposite, a fixed person ('email
me at …', 'tell ops@…', 'forward it to me … Don't answer the customer', 'notify me per Telegram') who is never the
event's sender. Voices: one-liners, chat with typos, a voice memo, a DM, a routine told step by step, Spanish,
French, German and Portuguese lines; controls: a charge mailed to me, an issue told to ops, a reply forwarded to me.
15 of 20 were right before the fix, 18 after; 19 since round 35d (words a reply gives after a colon are its text)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r31f-18-routine-typeform-airtable-email": "'what I do by hand every day: 1) a new Typeform application comes in …' reads the habit's 'every day' as a daily schedule",
}


@pytest.mark.parametrize("item", cases("planner_round31f.jsonl", _KNOWN))
def test_round31f_description_comes_out_right(item):
    assert_right(item, seed="r31f")
