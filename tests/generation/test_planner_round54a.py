"""Planner round r54a: triggers. The start the user names, wherever they name it: a payment service said aside ('when
someone pays on the site — it's Stripe', 'alguém pagar no stripe'), mail that comes into a Gmail inbox ('requests come
into my Gmail … when a new email arrives', 'when one lands'), orders a business takes over WhatsApp or a Telegram bot,
a record that lands in Airtable ('trigger it off Airtable itself'), a form that calls the workflow's API, and a button
pressed by hand though a day is said; a misread trigger adds no e-mail or other write the user did not ask for. Probe
lines (`planner_round54a.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {
    "r54a-07-en-button-click": "the trigger is right (manual); 'for each tenant emails them the rent reminder' is read "
    "as a loop over Gmail, not the sheet's rows each e-mailed (a step reading, not the trigger)",
    "r54a-12-en-typeform-aside": "'Each time someone fills it in' in the second sentence, its form named in the first "
    "('a form (Typeform)'), is not read as the event: a later event whose pronoun points back is read for arrivals only",
    "r54a-15-de-gmail-eingang": "'kommen … per Gmail rein' (a separable verb around the service) is not in the German "
    "table: the text is refused as unread German",
}


@pytest.mark.parametrize("item", cases("planner_round54a.jsonl", _KNOWN))
def test_round54a_description_comes_out_right(item):
    assert_right(item, seed="r54a")
