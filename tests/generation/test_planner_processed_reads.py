"""A chat service's messages as the object of the AI's work ("summarise the Discord messages from the past 24
hours", "analyse the Teams messages in the Ops channel", "translate yesterday's Discord posts") are read: they had
been *sent* to the same service (a Discord post of the summary beside the Slack post that was asked for), or read
and sent both. A message made of something else and sent to the service ("send the summary as a Discord message")
is still a send. Written before the fix (`planner_processed_reads.jsonl`, in no bench set): 3 of 7 right."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_processed_reads.jsonl", _KNOWN))
def test_processed_read_comes_out_right(item):
    assert_right(item, seed="pr")


def test_messages_of_a_service_that_cannot_read_them_are_refused_honestly():
    """Telegram's JUL25 block only sends: its messages to classify are not silently turned into a post."""
    from lib.errors import CannotPlan
    from lib.generation import planner

    with pytest.raises(CannotPlan, match="Telegram block can only send"):
        planner.draft(
            "Every hour classify the new Telegram messages and log each one to the 'Inbox' Google Sheet."
        )
