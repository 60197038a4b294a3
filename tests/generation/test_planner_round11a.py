"""Planner round 11a on our own descriptions (`planner_round11a.jsonl`, in no bench set, each written before
its fix): a service the planner has no data for, named as a proper name where a service goes (the object of
a read or a write, 'from our Mindbody account', 'check Skubana for', 'in Jobber (POST …)', 'Trustpilot
(their public API)'), is an HTTP request to the host the user wrote, else to a guessed
`https://api.<name>.com/` stated as an assumption to check; a common word is never guessed to be one. An HTTP
method written before an address ('PATCH https://…', 'POST to events.pagerduty.com/…') is the request's
method, and a service's own block or request is made once beside it. 'add up' computes, it adds nothing.
Changing a row ('set that row's … column to', 'mark … as', 'update the record') is the service's update
operation; 'listed in our … sheet' reads it."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round11a.jsonl", _KNOWN))
def test_round11a_description_comes_out_right(item):
    assert_right(item, seed="r11a")
