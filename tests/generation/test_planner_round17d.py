"""Planner round 17d on our own descriptions (`planner_round17d.jsonl`, in no bench set, written before the
fix): routers, prohibitions and services without a block. Several tests in one sentence that end with the rest
('if it is about an invoice …, if it is a bug …, and for everything else …', '…, if 'pro' …, otherwise …') are one
decision; a test without its subject ('if is a complaint', 'if 'wrong size'') is of the same subject as the one
before. A sorting verb with routes that leave out their verb ('classify them: invoices to the sheet …, job
applications to #hiring …') is a router. A prohibition said as 'change nothing in Asana', 'don't modify nothing in
Notion', 'Jira stays read-only', 'leave HubSpot untouched' or in German ('nichts in GitHub ändern') removes the
write. A service written with its website ('the Monday.com board', 'our ClickUp.com workspace') is that service's
API. 'I write for our logistic company in Poznan' (who is asking) is no step."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round17d.jsonl", _KNOWN))
def test_round17d_description_comes_out_right(item):
    assert_right(item, seed="r17d")
