"""Planner round 45g on our own descriptions (`planner_round45g.jsonl`, in no bench set, each written before its
fix): a change said of the records a list read returned ('mark them as Archived', 'add the label … to them', 'set
their priority to urgent', 'tag them …', 'move them to the table …') is made to each record, by its own id."""

from __future__ import annotations

import json

import pytest

from lib.generation import planner
from lib.generation.compose import compose
from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r45g-01": "'the Airtable records in 'Orders'' names no table to the table reader (it wants 'table'), so the read has none",
    "r45g-05": "a sheet row changed in a loop gets no range: the rows read keep no row number to write back to",
    "r45g-13": "a sheet row changed in a loop gets no range: the rows read keep no row number to write back to",
    "r45g-14": "'every hour can you look up …' is not read as an hourly schedule",
}


@pytest.mark.parametrize("item", cases("planner_round45g.jsonl", _KNOWN))
def test_round45g_description_comes_out_right(item):
    assert_right(item, seed="r45g")


def _state(description: str) -> dict:
    return compose(planner.plan(description), seed="r45g").state


def _value(block: dict, key: str):
    return (block["subBlocks"].get(key) or {}).get("value")


def _inside_a_loop(state: dict, block_id: str) -> bool:
    return any(
        b["type"] in ("loop", "parallel") and block_id in json.dumps(b.get("data") or {})
        for b in state["blocks"].values()
    ) or bool((state["blocks"][block_id].get("data") or {}).get("parentId"))


_EACH_UPDATED = [
    ("Each night at 23:00 read the records of the Airtable table 'Tasks' whose Done box is ticked and mark them as Archived.", "airtable", "recordId", "Archived"),
    ("Every morning at 7, get the Airtable records in 'Orders' that were shipped yesterday and mark them as Delivered.", "airtable", "recordId", "Delivered"),
    ("Every Sunday at 20:00 read the customers from the Airtable table 'Customers' who spent over 1000 this year and tag them 'vip'.", "airtable", "recordId", "vip"),
    ("hey so every hour can you look up the airtable 'Tickets' records that are waiting on us and flag them as Urgent", "airtable", "recordId", "Urgent"),
]  # fmt: skip


@pytest.mark.parametrize(("description", "block_type", "key", "value"), _EACH_UPDATED)
def test_a_change_to_the_records_read_updates_each_by_its_own_id(description, block_type, key, value):
    state = _state(description)
    updates = [
        (i, b)
        for i, b in state["blocks"].items()
        if b["type"] == block_type and _value(b, "operation") == "update"
    ]
    assert len(updates) == 1
    ((uid, upd),) = updates
    assert "<loop.currentItem" in str(_value(upd, key))
    assert _inside_a_loop(state, uid)
    assert value in json.dumps(upd["subBlocks"])


_ISSUES_CHANGED = [
    ("Every Monday pull the Jira issues in project OPS that are past due and add the label 'late' to them.", "late"),
    ("Each morning at 8:30 get the unassigned Jira issues in project HELP and assign them to Priya.", "Priya"),
    ("Every hour fetch the new Linear issues labelled bug and set their priority to urgent.", "priority"),
]  # fmt: skip


@pytest.mark.parametrize(("description", "said"), _ISSUES_CHANGED)
def test_a_change_to_each_issue_read_reaches_the_issue_by_its_key(description, said):
    state = _state(description)
    writes = [
        (i, b)
        for i, b in state["blocks"].items()
        if (b["type"] == "api" and _value(b, "method") != "GET")
        or (b["type"] in ("jira", "linear") and _value(b, "operation") in ("update", "write"))
    ]
    assert len(writes) == 1
    ((wid, write),) = writes
    text = json.dumps(write["subBlocks"])
    assert "<loop.currentItem" in text
    assert said.lower() in text.lower()
    assert _inside_a_loop(state, wid)


def test_records_moved_to_another_table_are_created_there():
    state = _state(
        "Every Friday at 17:00 get the closed deals from the Airtable table 'Deals' and move them to the table 'Archive'."
    )
    creates = [
        b for b in state["blocks"].values() if b["type"] == "airtable" and _value(b, "operation") == "create"
    ]
    assert [_value(b, "tableId") for b in creates] == ["Archive"]
    assert "<" in str(_value(creates[0], "records"))
