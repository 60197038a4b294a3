"""Planner round 42b on our own descriptions (`planner_round42b.jsonl`, in no bench set, each written before its
fix): per-item work and recipients taken from the data. A file read from S3 and "check who hasn't …, and email each
of them" repeats over its rows, tests each and mails each to their own address; a message to "the customer", "the
guest", "that van's driver" goes to the number held in the data; stock "tracked in" or "kept in" a table is read,
not written, and "for every X with fewer than N" opens an issue per item; "a Slack message for every order with a
note" is one message per order; a spoken correction ("not WhatsApp — email them") swaps the channel in place; an
amount in the reminder ("the $1,250 rent") stays in the message; "every item … get its own issue" writes one issue per
item; "for each one, email …; any one over £N should also come to me" tests each item inside the loop. Voices:
one-liners, chat with typos, voice memos, call notes, a spec, an e-mail, German, Spanish and French lines; controls:
a form into a sheet with an SMS, a per-member newsletter, a timed Slack post. 10 of 20 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r42b-01-s3-csv-each-lapsed": "'see whose pass has expired, and email each of them' after an S3 file builds one "
    "e-mail to nobody and no loop over the file's rows",
    "r42b-02-gmail-trigger-whatsapp-guest": "'whatsapp the guest' after a Gmail trigger sends to no number",
    "r42b-04-tracked-in-airtable-linear": "parts 'tracked in Airtable' become an Airtable create of the input, not a read",
    "r42b-09-correction-email-to-sms": "'Actually make that a text message instead of an email' keeps the e-mail",
    "r42b-10-amount-in-reminder": "'a reminder that the $1,250 rent is due' loses the amount from the e-mail",
    "r42b-11-amount-chf-dues": "German 'geh … durch', 'Mitglied', 'Erinnerung', 'Jahresbeitrag' are not in the phrase "
    "table: refused",
    "r42b-14-that-vans-driver-sms": "'send that van's driver an SMS' inside the loop sends to no number",
    "r42b-15-fr-each-plot-owner-whatsapp": "French 'ruche', 'apiculteur', 'cette' are not in the phrase table: refused",
    "r42b-17-its-own-jira-issue": "'every contract … get its own Jira issue' builds no Jira write and no loop",
    "r42b-18-each-one-plus-big-to-me": "'Any order over €500 should also come to me on Slack' tests the whole list after "
    "the loop instead of each order inside it",
}


@pytest.mark.parametrize("item", cases("planner_round42b.jsonl", _KNOWN))
def test_round42b_description_comes_out_right(item):
    assert_right(item, seed="r42b")
