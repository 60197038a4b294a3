"""Planner round r51c: one message per item to a person the data names — the loop over the fetched list (calendar
events, sheet rows, Supabase rows, the API call's input) and the recipient read from each item: said inside a test
('if the waves are over 1.8 m, text each of today's passengers'), said as what the people get ('our guides get a
WhatsApp with their tour'), with the list told after the people ('… each of tomorrow's clients. They're in the sheet
…'), in Portuguese, Spanish and German, with a place corrected ('in Outlook — no, Google Calendar …'), an API input
field as the address, and a webhook's booking made into an event. Probe lines (`planner_roundr51c.jsonl`) were
written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {
    "r51c-05-en-tutors-receive-an-email-with-their-lessons": (
        "the list told after the people as what each row is ('Each lesson is a row in the Airtable table …') with the "
        "address column said in the same sentence ('… and the tutor's email is in the 'Tutor Email' column'): the "
        "sentence is read as a second e-mail, outside the loop, and the list is not read first"
    ),
    "r51c-15-en-notes-webhook-booking-to-event": (
        "'Notes from the call with …' over bullets with no verb of deciding is read as meeting notes where nothing was "
        "decided, and refused (the 'Kickoff notes:' heading of set 51's line is read as decided)"
    ),
}


@pytest.mark.parametrize("item", cases("planner_roundr51c.jsonl", _KNOWN))
def test_roundr51c_description_comes_out_right(item):
    assert_right(item, seed="r51c")
