"""The trigger reader's word forms: clocks said in words, named chats, buttons."""

from __future__ import annotations

import pytest

from lib.generation.triggers import clock_words, read_schedule, read_trigger


@pytest.mark.parametrize(
    ("said", "written"),
    [
        (
            "every morning, like, at six-thirty, uh, Pacific time",
            "every morning, like, at 6:30, uh, Pacific time",
        ),
        ("every evening at, um, seven-fifteen, grab", "every evening at 7:15, grab"),
        ("at like eleven-thirty pm, back up", "at 11:30 pm, back up"),
        ("at six - no, make it seven-forty-five", "at 6 - no, make it at 7:45"),
        ("at seven thirty pm", "at 7:30 pm"),
    ],
)
def test_clock_said_in_words_is_written_in_digits(said, written):
    assert clock_words(said) == written


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Could you wire up the 'Ask Finance' chat? It should look things up in Notion before answering.",
            "chat",
        ),
        (
            "Can you set up our \"Menu Helper\" chat for guests? It answers from the Google Doc 'Allergens'.",
            "chat",
        ),
        ("Post a summary to the 'Front Desk' chat in Teams every morning at 9", "schedule"),
        (
            "Whenever a client asks, I scrape their site and write an audit. Make it a button I can press.",
            "manual",
        ),
    ],
)
def test_named_chats_and_buttons(text, kind):
    assert read_trigger(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "could u hook up the thing we talked about on friday? whenever a new issue is opened in GitHub, post it in #x",
        "Would you build the automation we spoke about on Tuesday? When a Stripe payment succeeds, add a row",
        "As discussed on Monday, when a new issue is opened in GitHub, post it in #triage on Slack",
    ],
)
def test_the_day_a_request_was_talked_over_is_no_day_it_runs_on(text):
    assert read_schedule(text) is None


def test_a_day_agreed_for_the_run_still_is_one():
    found = read_schedule("We talked it over and agreed: every Friday post the open deals in #sales")
    assert found is not None and found.values.get("weeklyDay") == "FRI"


@pytest.mark.parametrize(
    "text",
    [
        "Is there a way to run it from a button, manually, that goes through every RSVP and emails each family?",
        "Kick it off with a button and email each member their renewal date",
        "At the click of a button, read the Members sheet and email each member",
    ],
)
def test_a_run_from_a_button_is_a_manual_run(text):
    found = read_trigger(text)
    assert found.kind == "manual" and found.spans


@pytest.mark.parametrize(
    ("text", "provider"),
    [
        (
            "I want new loads posted to Telegram as soon as they're created.\nAC:\n- Triggered by the Airtable webhook",
            "airtable",
        ),
        ("Post each new listing to #x on Slack as soon as it's created (Airtable webhook).", "airtable"),
        ("I want every new inquiry email to hello@acme.com (Gmail) sorted by type.", "gmail"),
        (
            "yep, let's do it on Stripe refunds instead. So whenever a refund happens, post it in #refunds",
            "stripe",
        ),
        (
            "let's hang it off GitHub pushes instead. so whenever someone pushes to main, post it in #deploys",
            "github",
        ),
    ],
)
def test_the_service_named_beside_an_event_sends_it(text, provider):
    found = read_trigger(text)
    assert found.kind == "webhook" and found.values.get("webhookProvider") == provider
