"""Planner round 40b on our own descriptions (`planner_round40b.jsonl`, in no bench set, each written before its
fix): per-item work and recipients taken from the data. A run started by hand or through the API "with the booking
(name, email, …)" or "with each new member" sends "the client", "the owner", "them" a mail or a text at the address
in the run's input; "email the first five people on the waitlist" reads that waitlist first; "email each volunteer
… and send the coordinator one summary" keeps the summary outside the loop; a list fetched from an API with each
item looked up in a table to get a phone number texts each item; "reply to the sender" after an AI sort answers the
item's own sender; "filter the rows …, copy their emails, and send each of them … from Gmail" sends from Gmail (it
reads no mail); a spec "for each patient whose …, send an SMS via Twilio to mobile" with its data named on a
**Data:** line reads that table and loops over it; a form posting to a webhook whose people "get a welcome email"
are mailed; and "sent to each cleaner as a WhatsApp with only their own jobs" takes the number from the contacts.
Voices: a call recap, a spec, one-liners, chat with typos, a voice memo, a Slack DM, a numbered list, Spanish, French
and German lines; controls: a per-row e-mail from a sheet, a webhook form's thank-you, an SMS after a webhook
booking. 5 of 20 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r40b-01-manual-grooming-owner-mail": "the owner's confirmation mail has no recipient (the run's input holds it)",
    "r40b-02-api-student-sms": "the text to each new student has no number (the API call holds it)",
    "r40b-03-chat-api-order-outlook-threshold": "the customer's thank-you mail has no recipient",
    "r40b-04-airtable-change-first-five-waitlist": "'the first five people on the waitlist' never reads the waitlist",
    "r40b-05-schedule-next-ten-sheet-sms": "the text to the people on the waitlist sheet has no number",
    "r40b-07-stripe-api-lookup-airtable-sms-mark": "the loop runs over the table looked up, not the invoices fetched",
    "r40b-08-outlook-ai-router-reply-sender": "the reply to the sender after the AI sort has no recipient",
    "r40b-09-filter-copy-emails-send-each-gmail": "'send each of them … from Gmail' reads Gmail inside the loop",
    "r40b-10-spec-each-patient-sms-column": "the table on the spec's **Data:** line is never read, and no loop",
    "r40b-11-tally-webhook-they-get-welcome": "'they get a welcome email' reads mail; the Airtable write is lost",
    "r40b-12-each-cleaner-whatsapp-own-jobs": "the WhatsApp to each cleaner has no number",
    "r40b-13-gmail-refund-subject-linear-reply": "no loop over the mails read, and the reply has no recipient",
    "r40b-14-es-manual-reserva-email-cliente": "'envíe al cliente un email' has no recipient",
    "r40b-15-fr-api-inscription-supabase-sms": "refused ('chaque nouvelle inscription' through the API)",
    "r40b-16-de-sheet-each-customer-mail": "'jedem Kunden … eine E-Mail … schicken' builds no mail",
}


@pytest.mark.parametrize("item", cases("planner_round40b.jsonl", _KNOWN))
def test_round40b_description_comes_out_right(item):
    assert_right(item, seed="r40b")
