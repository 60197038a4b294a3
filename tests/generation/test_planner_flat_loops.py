"""July 2025 Sim runs a loop inside a loop once in all, not once per pair of items, and stops when a condition is the
inner loop's first block; so the planner never nests one: an 'each' inside another 'each' joins the enclosing loop
(with a note). Written before the fix: 2 of the 3 descriptions came out with a loop in a loop."""

from __future__ import annotations

import pytest

from lib.generation import planner
from lib.generation.compose import compose
from lib.validation import validate

_TWO_EACHES = [
    "Every Monday at 9 read the 'Stores' table in Airtable. For each store, get its open GitHub issues from the repo "
    "acme/stores, and for each issue post it to #support in Slack.",
    "Every morning read the 'Projects' database in Notion, go through each project and for every task in it that is "
    "overdue, if it is overdue by more than 2 days email the owner.",
    "Each weekday at 7 fetch the rota from the Google Sheet 'Rota'; for each shift, look up the shift's staff in the "
    "Airtable 'Staff' table and for each person text them the start time.",
]


@pytest.mark.parametrize("text", _TWO_EACHES)
def test_no_loop_inside_a_loop(text):
    state = compose(planner.plan(text), seed="flat").state
    blocks = state["blocks"]
    containers = {bid for bid, b in blocks.items() if b["type"] in ("loop", "parallel")}
    nested = [
        b["name"]
        for bid, b in blocks.items()
        if bid in containers and b["data"].get("parentId") in containers
    ]
    assert nested == []
    assert not [f for f in validate(state).findings if f.severity == "error"]
