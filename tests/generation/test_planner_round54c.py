"""Planner round r54c: reads and the work done for each item. A named source that must be read (an Airtable table
or view, a Google Sheet, a Supabase table, an Outlook or Gmail inbox, a Google Calendar, an Excel file), then a send
or a write for each item it returns, the recipient taken from the item ('email each tenant (Airtable 'Move-ins')',
'WhatsApp all the skippers (their numbers are in the google sheet …)', 'reply to each sender', 'for each appointment,
send a text to the client'), a test on each item's number ('for each order over $500'). Probe lines
(`planner_round54c.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {
    "r54c-02-en-airtable-emails-are-in": "the forecast's address said only inside the test ('if the forecast from "
    "https://… says waves under 1 m') is not fetched before it",
    "r54c-07-en-gmail-reply-each": "the row written for each message read ('add the name … of each one to the Google "
    "Sheet') stays one write of all the rows, before the walk the reply starts",
    "r54c-08-en-gmail-reply-each-sender": "a reply whose words are quoted before whom it goes to ('reply 'Well done!' "
    "or 'Try again' to each sender') is no reply to each sender; the check against the doc is no agent",
    "r54c-10-en-gmail-unread-draft-each": "'a draft reply for each one' is not read as one reply to each message read: "
    "the shorthand 'reply for each' → 'reply to each' was taken out at the merge, since it turned round 42m's 'prepare a "
    "draft reply for each one' into one draft to an unset sender",
    "r54c-13-de-airtable-allen-email": "'allen Gästen aus der Airtable-Tabelle … eine E-Mail schicken' (all of a "
    "list's people, in German word order) is one e-mail, not one to each",
    "r54c-14-nl-sheet-whatsappje": "Dutch 'iedereen die … een WhatsAppje stuurt' (verb last, 'WhatsAppje') is not "
    "translated to a WhatsApp to each",
    "r54c-15-nl-excel-elke-boven-asana": "'maak voor elke offerte boven de 5.000 € een taak in Asana' reads as 'create "
    "for each …', the walk and its test not found",
    "r54c-16-fr-airtable-chaque-sms": "'un SMS à chaque client qui a rendez-vous demain dans la table Airtable …': "
    "the table read as a place written to",
}


@pytest.mark.parametrize("item", cases("planner_round54c.jsonl", _KNOWN))
def test_round54c_description_comes_out_right(item):
    assert_right(item, seed="r54c")
