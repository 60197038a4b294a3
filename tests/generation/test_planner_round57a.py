"""Planner round r57a: per-item work over what a schedule reads, and the read itself. 'Mon–Fri 16:45 → Jira proj
PLUMB, issues due tomorrow → each assignee gets an email', 'email each pupil's parent …; pupils and parent emails are
in the Airtable table …', 'find anything … in the Airtable table …; only post if there's something', 'every wkday
8:15 → GCal 'Site Visits' (today) → Slack, Denver tz', '(hora de Bogotá)', and an API whose input carries `email`:
the list is read (not written), the action sits in a loop over it with the recipient from the item, a test on the
read, the zone named. Probe lines (`planner_round57a.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round57a.jsonl", _KNOWN))
def test_round57a_description_comes_out_right(item):
    assert_right(item, seed="r57a")
