"""Planner round 9a on our own descriptions (`planner_round9a.jsonl`, in no bench set, each written before its
fix, none copied from a bench set) of the classes of triggers and steps the development sets 10–12 missed:
a time zone written as its short US or Australian name ('7:45 PT', '10:00 CT', '6pm AEST', '8:15 et'); what the
writer takes back with a question as its reason ('… hmm, there's no trigger for that? then every 2 hours …') or
by naming another service for the same object ('put it in a Google Doc... no wait, a Notion page': the verb
stays); a service's items sent elsewhere ('post the open Jira bugs to #qa on Slack', 'send the Jira tickets
created today to …'): read, not written; an e-mail address carried in a message ('with the customer email and
the total') that sends no e-mail; and in a chat run, 'tells me …' is the chat's answer, not an e-mail. Every
state built is valid with no runtime error."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round9a.jsonl", _KNOWN))
def test_round9a_description_comes_out_right(item):
    assert_right(item, seed="r9a")
