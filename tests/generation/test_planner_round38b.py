"""Planner round 38b on our own descriptions (`planner_round38b.jsonl`, in no bench set, each written before its
fix): per-item work and loops. "One page per ticket", "one record each", "une page par ticket" over a fetched
list put the write inside a loop over it; the background of a story ("I manually enter each one into X and email
the patient") builds nothing before the actual ask ("Here's the ask: every 30 minutes, …"); a read the user only
looks through ("I look through the day's new orders" on our WooCommerce shop) or names as pulled from an API is
still read; a per-item test ("if they have a mobile number", "if the fare is under the max", "if something comes
up" after a per-item web search) sits inside the loop and tests the item or the per-item result; a filter named in
the read ("records with priority 'urgent'", "status 'overdue'") is carried into the query; and a request addressed
to a colleague that runs by hand is built. Voices: one-liners, chat with typos, a voice memo, a story, Slack DMs,
Spanish, German and French lines; controls: a sheet-row mail merge, a Typeform row, a Linear digest to Slack.
7 of 20 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r38b-01-zendesk-notion-page-per-ticket": "'one page per ticket' writes one page for the whole list: no loop",
    "r38b-02-pipedrive-airtable-one-record-each": "'one record each' writes one record for the whole list: no loop",
    "r38b-04-story-typeform-calendar-email": "the story's 'I manually enter each one into … and email the patient' is "
    "built as a second loop besides the ask",
    "r38b-06-look-through-woocommerce-gift-orders": "'our own WooCommerce shop' is not read (no API call for "
    "WooCommerce) and the trigger takes '14:00' from the mail's text",
    "r38b-07-hubspot-supabase-sms-if-mobile": "'insert each one …, and send them a text … if they have a mobile "
    "number' builds neither the loop nor the SMS recipient from the item",
    "r38b-10-dm-exa-each-domain-beside": "'could you make me something I can run by hand: it goes through …' is "
    "refused as a question",
    "r38b-11-airtable-suppliers-search-if-found-slack": "'if something comes up' after the per-item search tests "
    "the supplier list, not the search",
    "r38b-12-de-sheet-kunden-search-insolvenz": "German 'für jeden Kunden im Web … suchen, falls etwas gefunden "
    "wird' is refused",
    "r38b-13-airtable-fares-scrape-if-under-telegram": "'scrape each URL's fare' scrapes once, outside any loop",
    "r38b-14-sheet-stock-scrape-if-below-email-me": "'scrape every page for its stock count' scrapes once, outside "
    "any loop",
    "r38b-15-airtable-records-priority-urgent-slack": "'look in the airtable table … for records with priority "
    "'urgent'' creates a record instead of reading",
    "r38b-16-supabase-invoices-overdue-email": "the filter 'status 'overdue'' is not carried into the Supabase query",
    "r38b-17-fr-freshdesk-notion-une-page-par-ticket": "French 'les mettre dans la base Notion …, une page par "
    "ticket' writes no Notion page",
}


@pytest.mark.parametrize("item", cases("planner_round38b.jsonl", _KNOWN))
def test_round38b_description_comes_out_right(item):
    assert_right(item, seed="r38b")
