"""Helpers whose meaning round 38a changed: a ban said of what goes nowhere ('nothing goes to Slack') is the active
ban; the AI said as the doer in the present passive ('The answer is written by AI') is its step on what is named
first; 'sent to me as a Slack DM' goes to me on that chat; 'email' opening a list of fields is a field."""

from __future__ import annotations

import pytest

from lib.generation import lexicon as lx
from lib.generation import steps


@pytest.mark.parametrize(
    "said, ban",
    [
        ("3. Notes: nothing goes to Slack", "3. Notes: Don't send anything to Slack"),
        ("Rules: nothing is posted to Teams.", "Rules: Don't post anything to Teams."),
        ("No alert gets sent to the #ops channel.", "Don't send any alert to the #ops channel."),
    ],
)
def test_a_ban_of_what_goes_nowhere(said, ban):
    assert lx._passive_bans(said) == ban


@pytest.mark.parametrize(
    "said",
    [
        "The summary goes to Slack.",
        "Make sure nothing goes unanswered.",
        "if nothing goes to Slack, email me",
    ],
)
def test_what_goes_somewhere_is_no_ban(said):
    assert lx._passive_bans(said) == said


def test_the_ai_said_as_the_doer_in_the_present_passive():
    said = "- The answer is written by AI using our Google Doc 'FAQ'"
    assert " ".join(steps._ai_doing(said).split()) == "- draft the answer with AI using our Google Doc 'FAQ'"


def test_sent_to_me_on_a_chat_is_no_email():
    said = "summarise it. The summary is sent to me as a Slack DM."
    assert "email" not in steps._sent_there(said)
    assert "email" in steps._sent_there("summarise it. The summary is sent to me.")


@pytest.mark.parametrize(
    "clause, noun",
    [
        ("add email, domain and profile to the Airtable table 'Leads'", True),
        ("alert me via email, SMS and Slack", False),
        ("email the summary to ops@x.co", False),
    ],
)
def test_email_opening_a_list_of_fields(clause, noun):
    assert steps._email_as_noun(clause) is noun
