"""Planner round 22d on our own descriptions (`planner_round22d.jsonl`, in no bench set, each written before its
fix): conditions, triggers, replies and data references in the voice of a request e-mail. A workflow that another
program calls through the API and that is told to answer it ('return … as the API response', 'returns the summary
in the response', 'send the summary back to the caller', 'respond with the translation', 'reply to the app with …')
ends in a response block carrying what the last step made; a run by hand that e-mails its answer gets none. A
conditional step asked for as a question or with 'please' ('And if there are more than 20, could it also text …?',
'… please text our facilities manager on +44 …', 'would you text the dispatcher at …?') is built inside its
branch. What the other side of a test leaves out ('Below that, no email please.', '; for the rest, no Slack
post') is no ban on the whole run. 'Only for UK customers' / 'only for US orders' restricts the event (a test on
it), and is no corrected time zone. The event told in a sentence of its own after a greeting and a line of
background ('When Shopify reports a refund, …', 'Jira can call a webhook when a bug is created. Could you use it
to …', 'When a pull request there is merged' after the repo is named, 'make it so that when a record changes in
our Airtable … and its Status is "Overdue", …') starts the run, and a chat assistant asked for after background
that tells of a daily routine is a chat. Controls: an amount restriction, a corrected time zone, an event said
first, an 'anything else, nothing' other side and a question-voice e-mail that already came out right. 6 of the 23
were right before the fix. Four lines added after the first fixes, before their own: 'If there are none, skip the
email.' / 'when there are none, skip the post' guard the step (they take nothing back), and 'send the answer from
Gmail to policy@…' sends from that account (a digest of mail from an Outlook inbox stays a read); 1 of the 4 (the
control) was right before their fix. One more, added the same way: 'Fleetio can send a webhook for each new issue.' after
a 'When …' sentence of background only says what each run brings (no loop), 0 of 1 right before its fix. And one
more: 'Lead details must never leave Airtable and Slack' keeps the data in those services (it bans no step there),
0 of 1 right before its fix. And one more: 'When someone posts in that channel' after a sentence about a Gmail inbox
takes the service of the sentence before it that has channels (Discord), 0 of 1 right before its fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r22d-api-rate-response": "'with a room type': a two-word key the lookup does not know, so the Airtable read takes no filter",
    "r22d-service-can-call-webhook": "'each new bug's key and summary': the summary, a field of the bug, is read as an AI summary",
}


@pytest.mark.parametrize("item", cases("planner_round22d.jsonl", _KNOWN))
def test_round22d_description_comes_out_right(item):
    assert_right(item, seed="r22d")
