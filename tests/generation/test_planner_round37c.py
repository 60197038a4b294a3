"""Planner round 37c on our own descriptions (`planner_round37c.jsonl`, in no bench set, each written before its
fix): per-item work over a fetched list -- the list is read, a loop walks it, and every per-item step the text gives
(an HTTP check or scrape of the item's url, an AI step for the item, the send to the item's address, the update of
the same row) sits inside the loop reading the current item; a per-item filter ("whose …", "the ones that …") is a
condition inside the loop; a step said "afterwards" / "one summary" runs once after it. Voices: one-liners, chat
with typos, a Slack DM, an e-mail, a voice memo, a numbered routine, Spanish, French, German and Portuguese lines;
controls: a sheet's rows e-mailed, an Airtable table thanked, pull requests posted one by one. 10 of 19 were right
before the fix, 12 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r37c-01-sheet-site-check": "'email the owner when the site doesn't respond' after the request makes no "
    "condition: a trailing 'when' with a verb is not read as a test ('if …' and 'when … is down' are)",
    "r37c-07-slack-dm-github-ai-each": "'takes the open GitHub issues in owner/repo' reads no issues",
    "r37c-11-de-mitglieder-offen": "the German per-item line ('jedem Mitglied, dessen …') is refused",
    "r37c-15-supabase-renewals-the-ones": "'the ones that renew in the next 7 days' is a time window with no date field "
    "known, so it is left out with a note (round 46e); the test before the loop had met the label's condition until "
    "round 47's judge stopped crediting the planner's own tests",
    "r37c-19-stores-weather-api": "'For each store in the Airtable table 'Locations' (name, city, …)' with a column "
    "list and a 'when …' test is read as a create in that table, no loop",
}


@pytest.mark.parametrize("item", cases("planner_round37c.jsonl", _KNOWN))
def test_round37c_description_comes_out_right(item):
    assert_right(item, seed="r37c")
