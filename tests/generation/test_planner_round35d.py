"""Planner round 35d on our own descriptions (`planner_round35d.jsonl`, in no bench set, each written before its
fix): a message to a person goes to the address or number the data carries (the customer on the order, each
volunteer on the sheet, the sender of the mail or the Telegram message, the person who booked, the reporter), never
the user by default; and the named values a user checks are carried into the step: a channel ('#eng-alerts',
'the ml-news channel'), a tab, table or folder, a status value ('mark the deal as Signed'), a site to search, a
project key, a subject line, and the words a reply promises ('we'll reply within two business days'). Voices:
one-liners, a Slack DM with typos, an e-mail, a voice memo, a numbered routine, Spanish, French, German and
Portuguese lines; controls: a Jira read into a Slack channel, a web search into a named channel, the weather
e-mailed to me. 14 of 20 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r35d-03-reply-sender-promise": "'reply to the sender that we'll reply within two business days': the promise "
    "is not carried into the reply",
    "r35d-11-search-site-email-me": "'search pv-magazine.com for news about …' searches without the site and "
    "fetches the site's home page beside it",
    "r35d-12-voice-memo-patient-text": "'text them back, like, thanks, … within one business day' sends the payload, "
    "not the words said",
    "r35d-16-control-ml-news-channel": "'the ml-news channel in Slack' leaves the channel a placeholder",
    "r35d-18-jira-project-reporter": "'email the reporter the issue key' does not read the created issue",
    "r35d-20-telegram-sender-reply": "'reply to whoever sent it' on a Telegram bot drafts a reply and sends it nowhere",
}


@pytest.mark.parametrize("item", cases("planner_round35d.jsonl", _KNOWN))
def test_round35d_description_comes_out_right(item):
    assert_right(item, seed="r35d")
