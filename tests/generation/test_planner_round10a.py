"""Planner round 10a on our own descriptions (`planner_round10a.jsonl`, in no bench set, none copied from a bench
set) of the loop class held-out set 13 missed: a loop stated in one item of a step list ('2. go through each guest in
the sheet', 'For each row in the table:' over bulleted lines) or in a sentence that repeats nothing itself ('go
through every lead in the sheet.') — the items or sentences after it repeat with it ('3. search the web for news
about them', '- then mark that row as contacted') until one is made of all the items ('4. post a digest to #…',
'write a sales summary …'), which runs once, after the loop; numbers inside a paragraph ('… : 1) … 2) … 3) …') are a
list too, and exclusive tests repeated per item ('if the total is over $300, …; if it's $300 or less, …') are one
decision, as outside a loop; and a per-item state said by its participle alone after an 'each/every <noun>' of a
list read ('email every guest marked no-show …', 'post each ticket tagged 'vip' …'), a test of each item; a read of
'each <noun>' after the list was read in an earlier step ('2. look up each supplier on the web') repeats with the
item, and a note written 'back into' the sheet is per item, not made of all of them.
Lines were written before their fix and failed before it (the period-heading test passed before: the planner's
loop over 'quarter-hour' was dropped when composed; it guards the state). Every state built is valid with no runtime error."""

from __future__ import annotations

import pytest

from lib.generation import planner
from lib.generation.compose import compose
from lib.validation import validate
from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r10a-list-each-action-then-mark": "the loop is right; 'mark the delivery as 'notified' in the sheet' writes the "
    "data so far, not the quoted value (a parameter class, another area)",
}


@pytest.mark.parametrize("item", cases("planner_round10a.jsonl", _KNOWN))
def test_round10a_description_comes_out_right(item):
    assert_right(item, seed="r10a")


@pytest.mark.parametrize("every", ["quarter-hour", "half-hour", "quarter"])
def test_a_period_heading_is_no_loop(every):
    """'Every quarter-hour:' over a list of steps says when they run; it is no list to repeat over."""
    state = compose(
        planner.plan(f"Every {every}:\n- read new rows from the 'Orders' sheet\n- post them to #kitchen"),
        seed="r10a",
    ).state
    assert [b["type"] for b in state["blocks"].values() if b["type"] in ("loop", "parallel")] == []
    assert validate(state).valid
