"""Planner round 37c on our own descriptions (`planner_round37c.jsonl`, in no bench set, each written before its
fix): per-item work over a fetched list -- the list is read, a loop walks it, and every per-item step the text gives
(an HTTP check or scrape of the item's url, an AI step for the item, the send to the item's address, the update of
the same row) sits inside the loop reading the current item; a per-item filter ("whose …", "the ones that …") is a
condition inside the loop; a step said "afterwards" / "one summary" runs once after it. Voices: one-liners, chat
with typos, a Slack DM, an e-mail, a voice memo, a numbered routine, Spanish, French, German and Portuguese lines;
controls: a sheet's rows e-mailed, an Airtable table thanked, pull requests posted one by one. 10 of 19 were right
before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r37c-01-sheet-site-check": "the HTTP check of each row's url is not placed inside the loop",
    "r37c-04-supabase-mail-then-mark": "'then set X to true for that user' is not an update inside the loop",
    "r37c-05-voice-leads-scrape-ai": "'I've got the Google Sheet …' is background: the sheet, loop and scrape are dropped",
    "r37c-07-slack-dm-github-ai-each": "'takes the open GitHub issues in owner/repo' reads no issues",
    "r37c-11-de-mitglieder-offen": "the German per-item line is refused",
    "r37c-12-pt-parceiros-whatsapp": "'para cada um' does not give WhatsApp the item's phone",
    "r37c-13-routine-hubspot-sync": "'update that row's synced column' does not name the column",
    "r37c-15-supabase-renewals-the-ones": "'for the ones that …' after a read is neither a loop nor a condition",
    "r37c-19-stores-weather-api": "'For each store in the Airtable table …' opening the text is read as a create",
}


@pytest.mark.parametrize("item", cases("planner_round37c.jsonl", _KNOWN))
def test_round37c_description_comes_out_right(item):
    assert_right(item, seed="r37c")
