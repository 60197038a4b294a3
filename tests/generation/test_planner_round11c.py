"""Planner round 11c on our own descriptions (`planner_round11c.jsonl`, in no bench set, each written before its
fix, none copied from a bench set) of the loop and reference classes held-out set 14 missed: a write to the item's
own record ('then mark that record's Reminded field as true', 'update that row's `risk_note` column with it', 'set
that row's 'Last Contacted' column') names no service: it goes back to the list the items were read from, once
per item, inside the loop, also when it follows the loop phrase ('… for each order, and update that row's …'); the
column it names, quoted in any quotes or backticks, is the column changed. A place read from ('at the phone
number on that record') is no write. Every state built is valid with no runtime error."""

from __future__ import annotations

import pytest

from lib.generation import steps
from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r11c-sheet-ai-every-no-loop": "'have AI flag every task that …': the agent's own object is read as a loop",
    "r11c-search-summary-each-no-loop": "'… with a two-line summary each': a loop over the results, not one agent",
    "r11c-reddit-filter-then-ai-one-agent": "a filter agent for 'that mention …' before the agent that digests",
    "r11c-those-summaries-one-agent": "'email those summaries': a second summary agent after the first",
    "r11c-notion-each-ai-mark-page": "Notion in Sim JUL25 sets no page property; the closest write, appending to the item's own page, is not chosen: a new page is made",
}


@pytest.mark.parametrize("item", cases("planner_round11c.jsonl", _KNOWN))
def test_round11c_description_comes_out_right(item):
    assert_right(item, seed="r11c")


@pytest.mark.parametrize(
    ("clause", "back"),
    [
        ("then mark that row's 'Contacted' column as yes", True),
        ("and update the matching record with the new price", True),
        ("set its row's status to done", True),
        ("write the summary back into column D", True),
        ("at the phone number on that record", False),
        ("text the driver at the number in that row", False),
    ],
)
def test_a_write_to_the_items_own_record_goes_back(clause, back):
    """The write-back is the clause's verb acting on the item's record, not a record the clause reads from."""
    assert bool(steps._WRITES_BACK.search(clause)) is back
