"""Planner round 35c on our own descriptions (`planner_round35c.jsonl`, in no bench set, each written before its
fix): every write in the workflow is one the text asks for -- a word like "email", "message", "ticket", "reply" or
"post" that names the data ("the email's attachment", "a Slack message that contains", "tickets created this week",
"the reply time"), a condition's subject, a forbidden action ("don't email anyone", "no respondas"), what somebody
else does ("our clients send us", "Dan checks it and posts it himself", "I'll reply to them myself") or what a step
reads makes no write, and the same action said twice (a summary line and the steps, a subject line and the body) is
one step. Voices: one-liners, chat with typos, an e-mail, a voice memo, a summary with numbered steps, a routine,
Spanish, French, German and Portuguese lines; controls: a Reddit digest by e-mail, a Slack summary by e-mail, a
Jira summary on Telegram, a confirmation SMS. 16 of 20 were right before the fix. r35c-21..25 were added after it, from
the causes the studied sets showed (each wrong on main): a word to the builder ('Let me know when it's live.', 'If you
need me to rename any fields, just let me know.'), a contract's numbered ban ('2.3 The Solution shall not e-mail the
applicant.'), a reply named as a thing ('Marta knows the answer'), a service said to send the run's webhook ('The
school's Jira instance shall send a webhook to the Solution whenever …'), what Sim is known to connect to ('I know
Sim can talk to Airtable, Teams and Outlook')."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r35c-03-reply-time-log": "'logs … for every email we get at …' (an event said without 'when') starts by hand "
    "and loops over an inbox read instead of starting on each e-mail",
    "r35c-07-dan-posts-himself": "'using the Notion page …' (a page the AI reads) creates a Notion page (read vs "
    "write is stream 35b's)",
}


@pytest.mark.parametrize("item", cases("planner_round35c.jsonl", _KNOWN))
def test_round35c_description_comes_out_right(item):
    assert_right(item, seed="r35c")
