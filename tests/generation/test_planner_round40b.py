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
booking. 5 of 20 were right before the fix, 16 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r40b-07-stripe-api-lookup-airtable-sms-mark": "the loop now runs over the invoices fetched, but 'Then I mark them "
    "'overdue' in Airtable' is one update after the loop (its value lost), not one per invoice",
    "r40b-11-tally-webhook-they-get-welcome": "'their name and email go into the Airtable table' is read as a look-up "
    "there ('email go into' taken for mail arriving), so the row is never added",
}


@pytest.mark.parametrize("item", cases("planner_round40b.jsonl", _KNOWN))
def test_round40b_description_comes_out_right(item):
    assert_right(item, seed="r40b")
