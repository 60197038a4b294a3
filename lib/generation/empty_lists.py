"""A test before each loop over a list that can be empty, so an empty list ends the run cleanly.

"Every 10 minutes, for each new email …" finds no new email in most runs, and a sheet's "new rows" or a
search's results can be none. July 2025 Sim's loop handler stops the whole run when a forEach loop's
collection is empty ("collection is empty or invalid", read in its loop handler and seen in its executor),
so such a workflow would fail on every quiet run. A condition before the loop takes an empty list to a
clean end instead; a list the planner already tests ("if there are none, post nothing") is left as it is.
"""

from __future__ import annotations

import json

from lib.generation import rx as re
from lib.generation.plan import PlanBlock, PlanEdge, PlanValue, WorkflowPlan
from lib.generation.shaping import free_name
from lib.sim.names import REFERENCE_RE, normalize_name

_WHOLE_OUTPUT = re.compile(r"<(?P<block>[\w-]+)>")
TEST_NAME = "Any items"  # the condition's name (numbered when taken)
END_NAME = "Nothing to repeat"  # the block the empty branch ends at


def added_here(block_name: str) -> bool:
    """Whether a block of that name is one this module adds (not a step the user asked for)."""
    return any(block_name == n or block_name.startswith(n + " ") for n in (TEST_NAME, END_NAME))


def _tested_before(plan: WorkflowPlan, loop: PlanBlock, listed: str) -> bool:
    """Whether a condition leading into `loop` already tests the list it repeats over."""
    for edge in plan.edges:
        source = plan.block(edge.source) if edge.target == loop.id else None
        if (
            source is not None
            and source.type == "condition"
            and listed in (plan.value(source.id, "conditions") or "")
        ):
            return True
    return False


def _add(plan: WorkflowPlan, before: PlanBlock, kind: str, name: str, field: str, value: str) -> PlanBlock:
    name = free_name(name, {normalize_name(b.name) for b in plan.blocks} | {b.id for b in plan.blocks})
    block = PlanBlock(
        id=normalize_name(name), type=kind, name=name, values=[PlanValue(id=field, value=value)]
    )
    plan.blocks.insert(plan.blocks.index(before), block)
    return block


def guard_list(plan: WorkflowPlan, before: PlanBlock, listed: str, reason: str) -> PlanBlock:
    """Put a condition before `before`: `if` the list `listed` holds an item into it, `else` to a block that ends
    the run saying `reason`. Returns the condition."""
    test = [
        {"id": "if", "title": "if", "value": f"[].concat({listed} || []).length > 0"},
        {"id": "else", "title": "else", "value": ""},
    ]
    guard = _add(plan, before, "condition", TEST_NAME, "conditions", json.dumps(test))
    # (the reason names the step, not the list: Sim replaces a reference in a function's code by its value)
    end = _add(
        plan,
        before,
        "function",
        END_NAME,
        "code",
        f"return {{ skipped: true, reason: {json.dumps(reason)} }};",
    )
    for edge in plan.edges:
        if edge.target == before.id:
            edge.target = guard.id
    plan.edges += [
        PlanEdge(source=guard.id, target=before.id, handle="if"),
        PlanEdge(source=guard.id, target=end.id, handle="else"),
    ]
    return guard


def guard_empty_lists(plan: WorkflowPlan) -> list[str]:
    """Put a condition before each top-level forEach loop over a list an earlier block fetched, its `if` into the loop and its
    `else` to a block that ends the run. Changes `plan` in place; returns a note per test added."""
    notes: list[str] = []
    for loop in [b for b in plan.blocks if b.type == "loop" and b.parent is None and b.loop_type != "for"]:
        listed = (loop.collection or "").strip()
        # (a block whose whole output is the list, `<jira1>` for Jira's bulk read, as well as a path into one)
        found = REFERENCE_RE.fullmatch(listed) or _WHOLE_OUTPUT.fullmatch(listed)
        if (
            found is None
            or normalize_name(found.group("block")) == "start"
            or _tested_before(plan, loop, listed)
        ):
            continue  # (a list in the event or the run's input is the caller's: only a fetched one is tested)
        guard = guard_list(plan, loop, listed, f"nothing for {loop.name} to repeat over")
        notes.append(
            f"'{guard.name}' tests {listed} before {loop.name}: an empty list ends the run cleanly (July 2025 Sim "
            "stops a run whose loop has nothing to repeat over)"
        )
    return notes
