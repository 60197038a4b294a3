"""Reading a planned state's blocks and values in tests: what one description builds, as Sim would receive it."""

from __future__ import annotations

from lib.generation import planner
from lib.generation.compose import compose


def blocks(description: str, block_type: str, seed: str = "built") -> list[dict]:
    """The blocks of `block_type` in the composed state of `description`, in block order."""
    state = compose(planner.plan(description), seed=seed).state
    return [b for b in state["blocks"].values() if b["type"] == block_type]


def value(block: dict, field: str):
    return (block["subBlocks"].get(field) or {}).get("value")


def either(block: dict, field: str):
    """A field's value, else its `manual…` twin's (a selector and its typed-in twin hold the same place)."""
    manual = "manual" + field[:1].upper() + field[1:]
    return value(block, field) or value(block, manual)


def runs_before(state: dict, first: str, then: str) -> bool:
    """Whether the block `then` is reached along the state's edges after the block `first`."""
    nxt: dict[str, list[str]] = {}
    for e in state["edges"]:
        nxt.setdefault(e["source"], []).append(e["target"])
    seen, todo = set(), [first]
    while todo:
        for n in nxt.get(todo.pop(), []):
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return then in seen
