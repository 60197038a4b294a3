"""Planner round 13a on our own descriptions (`planner_round13a.jsonl`, in no bench set, each written before
its fix): how a service is named. Shorthand and product words ('the Inventory gsheet', 'gh issues', 'PRs',
'hs', 'sfdc', 'jira tix', 'the notion db', 'the Payables excel', 'the … teams channel', 'our youtube channel',
'the … drive folder') name the service as its full name does, read from one table of shorthand in
`services.json`; a service named only by its host ('(api.bigcartel.com)', 'ups (onlinetools.ups.com)') is an
HTTP request to that host, the most specific host written ('our wrike.com workspace (www.wrike.com/api/v4)')
the one called; a messaging service used as a verb ('telegram me', 'whatsapp the foreman') sends there."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round13a.jsonl", _KNOWN))
def test_round13a_description_comes_out_right(item):
    assert_right(item, seed="r13a")
