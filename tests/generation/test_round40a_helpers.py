"""Round 40a's readers: a 'Needs:' heading of call notes, a cadence job, a clock with its repetition after it, a day of
the month said after a correction, a reply in the bot's voice, a question about an app's fault."""

from __future__ import annotations

import pytest

from lib.generation import lexicon as lx
from lib.generation.steps import clauses
from lib.generation.triggers import _cadence_job, find_time, read_schedule


def test_a_needs_heading_of_notes_is_a_decision():
    notes = (
        "Call notes\nAttendees: Omar, me\nNeeds:\n • every Friday 15:00 total the hours\nNot needed: invoices"
    )
    assert not lx.nothing_decided(notes)
    assert not lx.nothing_decided("Meeting notes\nPresent: Jo\nRequirements:\n- post the list to #ops")


def test_a_needs_heading_that_only_looks_into_something_decides_nothing():
    assert lx.nothing_decided("Call notes\nAttendees: Jo\nNeeds: find out pricing first")


@pytest.mark.parametrize(
    ("text", "job"),
    [
        ("Please set up an hourly check of our Stripe account", True),
        ("we want a nightly sync of the CRM", True),
        ("post the daily report to #ops", False),
        ("send a weekly newsletter", False),
    ],
)
def test_a_cadence_job_after_an_article(text, job):
    found = next(w for w in ("hourly", "nightly", "daily", "weekly") if w in text)
    at = text.index(found)
    assert _cadence_job(text, at, at + len(found)) is job


def test_the_clock_said_with_its_repetition_is_the_runs():
    notes = "- Staff upload photos to the folder 'Daily Pups' by 4pm\n- Want at 17:00 every day: list today's photos"
    assert find_time(notes)[0] == "17:00"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "my end-of-month thing: on the last working day — actually, just make it the 28th at 17:00 — export",
            "28",
        ),
        ("on the first Monday of the month — no, scratch that, just the 5th at 08:30 — read the sheet", "5"),
    ],
)
def test_a_day_of_the_month_said_after_a_correction(text, day):
    values = read_schedule(text).values
    assert values["scheduleType"] == "monthly" and values["monthlyDay"] == day


def test_a_weekday_correction_stays_weekly():
    assert read_schedule("every thursday at 4pm, actually make it every friday").values["weeklyDay"] == "FRI"


def test_a_reply_in_the_bots_voice_starts_a_step():
    said = "create an issue in Linear and replies to the customer saying that we received it"
    assert clauses(said) == [
        "create an issue in Linear",
        "replies to the customer saying that we received it",
    ]
    assert len(clauses("collect the comments and replies on the post")) == 1


@pytest.mark.parametrize(
    ("text", "trouble"),
    [
        (
            "Anyone else's Notion sidebar disappeared after the last update? Tried reinstalling twice. Any fixes?",
            True,
        ),
        ("Slack notifications stopped working on Android since yesterday's update. Any ideas?", True),
        (
            "Our Zapier zap stopped working after the last update. Can you build a workflow that posts each new "
            "Stripe payment to #sales? Any ideas?",
            False,
        ),
        ("When a Stripe payment fails, post it to #billing", False),
    ],
)
def test_a_question_about_an_apps_fault(text, trouble):
    assert lx.app_trouble(text) is trouble
