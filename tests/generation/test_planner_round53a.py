"""Planner round r53a: triggers and schedules. The clock of a schedule that names no zone is the writer's, read from
where they say they are ('we have a bakery in Gouda', 'wir haben einen Hof bei Beelitz'), the country of a phone
number they give, or the language they write in; 'Sunday evening, like 6 o'clock' is 18:00; the days of rows a
report counts are not the run's days; a chatbot whose example question names a day, and a run pressed by hand on
a day, are no schedules. Probe lines (`planner_round53a.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round53a.jsonl", _KNOWN))
def test_round53a_description_comes_out_right(item):
    assert_right(item, seed="r53a")
