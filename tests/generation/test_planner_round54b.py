"""Planner round r54b: refusals and named parameters. A workflow asked as a question ('is there a way in Sim to have
it react when …', 'could you set it up so whenever …', 'Please make it so the customer then gets a text'), one written
in German, Portuguese, Spanish or French with words of its trade the phrase table does not hold, is built; a question
about Sim and a physical chore are still refused. A second sheet named for a log ('Add a line … to the sheet
'Reminder Log''), an API's address said in brackets, and a customer's address in pasted input reach their blocks.
Probe lines (`planner_round54b.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round54b.jsonl", _KNOWN))
def test_round54b_description_comes_out_right(item):
    assert_right(item, seed="r54b")
