"""Planner round 51a: a test on the data a trigger brings or a read fetched, and what happens on each side of it —
'if it's over $2k forward it …, otherwise just file it in …' on an e-mail or chat message (the number is in the
message's text), an amount with a decimal comma ('above 1.500,00 €'), a rules table in a markdown spec ('| above 6 |
… | otherwise | …'), a count of the rows read ('count the yeses; if it's fewer than 10 …, and if it's 10 or more …
instead'), 'if there were no orders that day, don't send anything' guarding the one message, an AI check of a
length ('have the AI check it's under 800 words, and if it is …; if not …'), and per-item sides by age in a loop.
Probe lines (`planner_round51a.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {
    "r51a-01-en-outlook-invoice-forward-else-airtable": (
        "'when an invoice arrives' after 'our suppliers email invoices to bills@… (that's outlook)' is read as a Stripe "
        "invoice event; the test and both sides come out right"
    ),
    "r51a-05-en-sheet-count-fewer-else-instead-discord": (
        "'keeps a Google Sheet 'Signups' where players put yes or no' is no read of the sheet, so the agent that "
        "counts the yeses has no data; the other side's post ('post the team list there instead') is dropped"
    ),
    "r51a-08-en-ai-check-words-notion-else-email": (
        "'have the AI check it's under 800 words': the agent's answer is tested for the word 'yes', not compared "
        "with 800"
    ),
    "r51a-09-en-loop-age-email-else-sms": (
        "'Members aged 65 or over get an email with the renewal link': 'an email' is read as a Gmail read inside the "
        "loop and the test compares its content with 65; no e-mail is sent on either side"
    ),
    "r51a-11-de-stripe-erstattung-komma-teams-sonst-sheet": (
        "German with the verb last ('sonst nur eine Zeile im Google Sheet … anhängen'): the sheet is read, not "
        "appended to"
    ),
    "r51a-15-en-notion-no-signups-dont-email": (
        "'If no one signed up that week, don't email anything' becomes a test for the word 'signed' in the items, "
        "with the e-mail after it rather than on its side ('no orders', 'nothing was logged' come out right)"
    ),
}


@pytest.mark.parametrize("item", cases("planner_round51a.jsonl", _KNOWN))
def test_round51a_description_comes_out_right(item):
    assert_right(item, seed="r51a")
