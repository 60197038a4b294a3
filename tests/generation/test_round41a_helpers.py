"""Round 41a's readers: a sentence saying who writes is not read word by word, a day that dates a daily run's start
is no run day, a service's own item named one by one is its event, a line saying what triggers the run, a banned
auto-reply, the report a reader of chores gives when done, and discovery notes unsure of what they want."""

from __future__ import annotations

import re

import pytest

from lib.generation import lexicon as lx
from lib.generation import translations
from lib.generation.triggers import _event_named, _triggered_line, read_schedule


def _blanked(english: str, language: str) -> str:
    spans = translations.name_spans(english, language)
    return "".join(" " if any(a <= i < b for a, b in spans) else c for i, c in enumerate(english))


@pytest.mark.parametrize(
    ("english", "language", "who"),
    [
        (
            "hello, we are a Schlüsseldienst in Köln. when a form comes in, post it in #jobs on Slack.",
            "German",
            "Köln",
        ),
        (
            "hi! I have a clínica in Campinas. every day at 19:00 read the Google Calendar 'X'.",
            "Portuguese",
            "clínica",
        ),
    ],
)
def test_a_sentence_saying_who_writes_need_not_be_read(english, language, who):
    blanked = _blanked(english, language)
    assert who not in blanked
    assert "post" in blanked or "read" in blanked  # the request stays to be read


def test_an_introduction_naming_a_service_is_still_read():
    english = "hello, we have a Google Sheet with Bestellungen. every day post it in #ops on Slack."
    assert "Bestellungen" in _blanked(english, "German")


@pytest.mark.parametrize(
    ("text", "kind", "days"),
    [
        ("From Monday, every day at 05:00, read the sheet and post it", "daily", None),
        ("Starting next Monday, every day at 07:30, post the rota", "daily", None),
        ("Every Monday from next Monday at 9, post the rota", "weekly", "MON"),
    ],
)
def test_a_day_dating_the_start_of_a_daily_run_is_no_run_day(text, kind, days):
    trigger = read_schedule(text)
    assert trigger is not None and trigger.values["scheduleType"] == kind
    if days:
        assert trigger.values["weeklyDay"] == days


@pytest.mark.parametrize(
    "text",
    [
        "I want every Stripe refund (charge refunded event) handled automatically.",
        "I want each completed Stripe checkout to create the stay.",
        "each paid stripe invoice should add a row to the sheet 'Paid'",
    ],
)
def test_a_services_own_item_one_by_one_is_its_event(text):
    hook = _event_named(text)
    assert hook is not None and hook.values["webhookProvider"] == "stripe"


def test_a_line_saying_what_triggers_the_run_names_its_event():
    text = "I want to be told when a candidate gets an offer.\n- Triggered when a record in the Airtable table 'C' changes."
    hook = _triggered_line(text)
    assert hook is not None and hook.values["webhookProvider"] == "airtable"
    assert _triggered_line("I want to be told when a candidate gets an offer.") is None


def test_the_report_a_reader_of_chores_gives_is_no_step():
    chores = "Before the weekend please wash the van. Text me when it's done."
    assert lx.physical_work("wash the delivery van") and lx.physical_work("label every bay")
    assert lx.done_reported("text me", chores)
    assert not lx.done_reported("text me", "Every day at 9 text me the weather.")


def test_discovery_notes_unsure_of_what_they_want_are_a_vague_wish():
    notes = (
        "- Maybe something that notifies someone when things change? Wasn't sure what, or who.\n"
        "- She'll think about it and come back to us."
    )
    assert lx.vague_wish(notes, re.compile(r"(?!)"))
