"""The trigger reader's word forms: clocks said in words, named chats, buttons."""

from __future__ import annotations

import pytest

from lib.generation.triggers import clock_words, read_trigger


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
