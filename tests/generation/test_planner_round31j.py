"""Planner round 31j on our own descriptions (`planner_round31j.jsonl`, in no bench set, each written before its
fix): forwarding, as people ask for it. "Forward every email from billing@stripe.com to …" with no "when", a word in
the subject, a word in the body, Slack and Telegram messages sent on by e-mail, Slack copied to Discord, the CEO's
mail forwarded and a ping beside it, two recipients, German and Spanish, a sender's domain with "everything else
leave alone", an AI summary on top, a chat message. One control ("When an email from … arrives in Gmail, forward it
to …"). Six lines added after the first fixes, on "send me the <data of a service>" (a Stripe balance, Jira issues,
HubSpot deals, calendar events, Airtable records, a GitHub commit), each run on `main` first. 4 of 14 and 4 of 6 were
right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r31j-01-forward-every-from": "probe: 'Forward every email from X to Y' has no event: a manual run, every mail",
    "r31j-02-subject-word": "probe: 'Forward emails with 'invoice' in the subject' has no event and no test",
    "r31j-05-telegram-to-email": "probe: 'to my email, jo@…' sends a second e-mail",
    "r31j-07-ceo-forward-and-ping": "probe: 'the CEO (maria@…) emails me' tests no sender",
    "r31j-09-two-recipients": "probe: 'Forward any email from X to A and B' has no event and no test",
    "r31j-10-de-weiterleiten": "probe: German 'Leite … weiter' is refused",
    "r31j-11-es-reenvia": "probe: Spanish 'Reenvía … todos los correos que lleguen de' is refused",
    "r31j-12-domain-else-alone": "probe: 'every email from a @bigclient.com address ->' has no event and no test",
    "r31j-13-summary-to-slack": "probe: no event, no test, and an e-mail nobody asked for",
    "r31j-14-chat-fwd-me": "probe: 'emails from my landlord (rent@…) get forwarded' has no event and no test",
    "r31j-15-send-service-data-to-me": "probe: 'send the Stripe balance to me, jo@…' writes to Stripe and drafts content",
    "r31j-18-text-me-calendar": "probe: 'Text me the day's Google Calendar events' reads no calendar",
}


@pytest.mark.parametrize("item", cases("planner_round31j.jsonl", _KNOWN))
def test_round31j_description_comes_out_right(item):
    assert_right(item, seed="r31j")
