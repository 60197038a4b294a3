"""Planner round r56a: work done for each item of a fetched list, and words in the text that wrongly became blocks.
'For each team on it, add a row …' after a scrape, 'email each of those customers … with my review link https://…',
'go through the exhibitors and, if anyone has entered more than 6, email them', 'for each new callout email, create
an event', 'WhatsApps each resident on the sheet which bin to put out' after an API read, and the same in other
languages ('zet elke aanvraag als rij', 'manda a ciascun cliente un SMS'): a loop over the list with its action
inside, the recipient taken from the item, a per-item test inside the loop; a noun that merely appears ('team', a
link in a message, 'callout email', 'lands in my inbox' in the background) makes no block. Probe lines
(`planner_round56a.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {
    "r56a-01-en-scrape-each-club-row": "a scraped page is one document: the planner has no step that pulls a list of "
    "the items on it to loop over, so each team's row is one row of the whole page (the Microsoft Teams read that "
    "'for each team on it' made is gone)",
    "r56a-09-en-api-then-text-each-member": "the background says 'members hate turning up when it's closed' (read "
    "as a test with an inbox read and an agent) and 'There's an … API at … and a Google Sheet 'Members' with …' "
    "(read as a row appended to the sheet); with those sentences told plainly the state is right",
}


@pytest.mark.parametrize("item", cases("planner_round56a.jsonl", _KNOWN))
def test_round56a_description_comes_out_right(item):
    assert_right(item, seed="r56a")
