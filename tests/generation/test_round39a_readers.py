"""Round 39a's readers: a decided 'Want …' line of meeting notes, items left out by a passive negation, a vague wish."""

from __future__ import annotations

import pytest

from lib.generation import lexicon as lx
from lib.generation.steps import ACTION_START, _item_scope


def test_a_want_line_of_notes_is_a_decision():
    notes = "Call notes\nAttendees: Sam, me\n- Want: a confirmation SMS to the patient via Twilio\n- TBD: reminders"
    assert not lx.nothing_decided(notes)
    assert lx.decisions(notes) == [" a confirmation SMS to the patient via Twilio"]


def test_nobody_wanting_it_is_no_decision():
    assert lx.decisions("Meeting notes\nAttendees: Sam\n- Nobody wants a bot in #general") == []


@pytest.mark.parametrize(
    ("sentence", "test"),
    [
        ("Loads with a rate under $800 are not posted", "with a rate under $800"),
        ("Payments under $50 are not announced", "under $50"),
        ("Issues whose title contains 'wip' aren't forwarded", "whose title contains 'wip'"),
    ],
)
def test_items_a_passive_negation_leaves_out_are_a_test(sentence, test):
    assert _item_scope(sentence) == (test, True)


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        (
            "our Slack is a mess. So I guess, I don't know, something to help with the Slack noise? Maybe?",
            True,
        ),
        ("can sim do something about that?? idk what exactly, just something", True),
        ("idk, something for the Slack noise: post a digest of #general to #digest every Friday", False),
        ("Every Friday post the open deals in #sales", False),
    ],
)
def test_a_wish_for_help_said_unsure_is_vague(text, vague):
    assert lx.vague_wish(text, ACTION_START) is vague


def test_a_bullet_of_what_the_client_wants_is_read_as_our_wish():
    notes = "Discovery notes\nAttendees: Ana, me\n- Want the lead created as a contact\n- They want: a welcome email"
    assert lx.noted_wants(notes).splitlines()[2:] == [
        "- We want the lead created as a contact",
        "- We want a welcome email",
    ]
