"""A time window a read cannot apply ("last week's closed Jira issues", "the Linear issues closed in the last 7
days", "today's messages in #support"): Sim JUL25's Jira, Linear, Slack, Discord and Notion reads take no date, so
the window had vanished — every issue of the project was summarised and the coverage report said nothing was left
out. The AI step that reads the list is told to keep only that window, and the report says the read does not
apply it. Written before the fix (`planner_read_windows.jsonl`, in no bench set): 0 of 5 right, 4 after (the fifth once 'summarise the Discord messages …' was read: `test_planner_processed_reads.py`)."""

from __future__ import annotations

import pytest

from lib.generation import planner
from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_read_windows.jsonl", _KNOWN))
def test_read_window_comes_out_right(item):
    assert_right(item, seed="rw")


def test_a_window_no_step_applies_is_an_assumption():
    """With no AI step after the read, the window is not applied anywhere: the report says so."""
    draft = planner.draft("Every hour, post the Discord messages from the last hour to #mirror on Slack.")
    said = " ".join(draft.assumptions)
    assert "last hour" in said and "not applied" in said
