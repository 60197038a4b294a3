"""Planner round 38c on our own descriptions (`planner_round38c.jsonl`, in no bench set, each written before its
fix): where a narrative's data comes from and who gets it. An action after a read is kept ("checks the … api and
whatsapps me if …", "look the customer up in Stripe via their API and drop … into #channel", "the first person on
the standby list texted (their phone is in the table)"); the service and direction named are the ones built ("go
into Gmail, search for emails labelled …" searches Gmail; "take … from Supabase … put the total into the Excel
workbook … append a row" writes only the workbook; "added to my Notion database" writes Notion); background sentences
("I'm a wedding photographer") make no steps; a row added carries the event's or the fetched data; a recipient named
from the data ("send their manager a Slack DM", "the customer (their email is in the order)") is read from it; and
"look up their company website with Firecrawl" makes no web search. Voices: one-liners, chat with typos, voice memos,
a spec, e-mails, a Slack thread, Spanish and French lines; controls: an API forecast into Slack, a Typeform response
into a sheet. 8 of 20 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r38c-01-chat-api-whatsapp-if": "'whatsapps me if it drops below 60000' after an API read is dropped",
    "r38c-04-slack-lookup-stripe-post": "'drop the conversation + customer details into #bug-triage' after an API "
    "look-up is dropped",
    "r38c-06-story-standby-sms-slack": "'the first person on the standby list texted (their phone is in the table)' "
    "builds neither the Airtable read nor the SMS",
    "r38c-07-es-lista-espera-correo": "'la primera persona de la lista de espera (la hoja …)' also appends to the "
    "sheet, and the e-mail goes out before the read, to the webhook's address",
    "r38c-08-routine-gmail-label-sheet": "'go into Gmail, search for emails labelled …' becomes a web search",
    "r38c-09-voice-supabase-excel-append": "'put the count into the Excel workbook … Add a new row' also inserts into "
    "the Supabase table read",
    "r38c-10-chat-airtable-total-sheet": "'put the total into the google sheet … append a row' also creates an "
    "Airtable record in the table read",
    "r38c-11-story-photographer-notion": "'added to my Notion database' becomes a query",
    "r38c-14-email-billing-rows-summary": "'add them to the Google Sheet … as new rows' writes the summary, not the "
    "fetched invoices",
    "r38c-15-order-airtable-and-ai-mail": "'add them to the Airtable table' writes the AI note, and 'gets emailed to "
    "the customer' is dropped",
    "r38c-16-email-leave-slack-dm-manager": "'send their manager a Slack DM' posts to a fixed channel, and 'when a "
    "leave request is approved' (a webhook on every change) builds no condition",
    "r38c-18-signup-firecrawl-no-search": "'look up their company website with Firecrawl' adds a web search, and the "
    "Airtable record carries the scrape, not the signup",
}


@pytest.mark.parametrize("item", cases("planner_round38c.jsonl", _KNOWN))
def test_round38c_description_comes_out_right(item):
    assert_right(item, seed="r38c")
