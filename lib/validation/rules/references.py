"""references: every `<name.field>` names an existing block that runs before the one using it.

Runtime references (`<loop.*>`, `<parallel.*>`, `<variable.*>`) are the executor's. A block may
name its enclosing container (`<dataparallel.currentItem>`). Output keys are checked only where
the registry declares outputs and the block cannot produce arbitrary ones (agents with a
responseFormat, triggers and starters, containers, evaluators with metrics do).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lib.sim.names import Reference, find_references, pointer
from lib.validation.base import Finding, Rule
from lib.validation.context import Context

_START_TYPES = ("starter", "start_trigger")
_CONTAINER_DATA_KEYS = ("collection", "whileCondition", "doWhileCondition", "count")
# Types whose outputs are open-ended at run time.
_OPEN_OUTPUT_TYPES = frozenset({"evaluator", "workflow", "response", "api_trigger", "input_trigger"})


def _sources(ctx: Context, block_id: str) -> Iterator[tuple[tuple[str, ...], Any]]:
    """(pointer parts, value) pairs whose references the block's run resolves."""
    if ctx.is_container(block_id):
        # Container settings live in data; its subBlocks (if any) are stale editor copies.
        data = ctx.data(block_id)
        for key in _CONTAINER_DATA_KEYS:
            if key in data:
                yield ("blocks", block_id, "data", key), data[key]
        return
    for sub_id, sub in ctx.sub_blocks(block_id).items():
        yield ("blocks", block_id, "subBlocks", sub_id, "value"), sub.get("value")


def _resolve(ctx: Context, ref: Reference) -> list[str]:
    owners = ctx.by_name.get(ref.name)
    if owners:
        return owners
    if ref.name == "start":  # Sim resolves <start.*> to the start block whatever its name
        return [bid for bid in ctx.blocks if ctx.type_of(bid) in _START_TYPES]
    return []


def _open_outputs(ctx: Context, target: str) -> bool:
    block = ctx.blocks[target]
    if ctx.is_container(target) or ctx.is_trigger(target) or ctx.type_of(target) in _OPEN_OUTPUT_TYPES:
        return True
    if ctx.type_of(target) == "agent":
        fmt = ctx.value(target, "responseFormat")
        if fmt not in (None, "", {}, []) and not (isinstance(fmt, str) and not fmt.strip()):
            return True
    return not isinstance(block.get("type"), str)


def _declared_outputs(ctx: Context, target: str) -> set[str]:
    keys: set[str] = set()
    spec_outputs = getattr(ctx.spec(target), "outputs", None)
    if isinstance(spec_outputs, dict):
        keys.update(str(k) for k in spec_outputs)
    stored = ctx.blocks[target].get("outputs")
    if isinstance(stored, dict):
        keys.update(str(k) for k in stored)
    return keys


def _check_ref(ctx: Context, block_id: str, parts: tuple[str, ...], ref: Reference) -> Iterator[Finding]:
    shown = f"<{ref.block}.{ref.path}>"
    where = pointer(*parts) + ref.pointer
    targets = _resolve(ctx, ref)
    if not targets:
        known = ", ".join(sorted(ctx.by_name)[:15])
        yield RULE.finding(
            "unknown_reference",
            where,
            f"{ctx.label(block_id)} references {shown}, but no block is named '{ref.name}' once names are "
            f"normalized (lowercase, no spaces or dots); use one of: {known or 'no named blocks'}.",
        )
        return
    if any(t in ctx.ancestors_of_parent(block_id) for t in targets):
        return  # the enclosing loop/parallel: <container.index>, <container.currentItem>
    upstream = ctx.upstream(block_id)
    reachable = [t for t in targets if t in upstream]
    if not reachable:
        target = targets[0]
        yield RULE.finding(
            "reference_not_upstream",
            where,
            f"{ctx.label(block_id)} references {shown}, but {ctx.label(target)} does not run before it "
            "(no path of edges leads from it to this block), so the value will be empty; connect "
            f"{ctx.label(target)} upstream or reference a block that runs earlier.",
        )
        return
    target = reachable[0]
    if _open_outputs(ctx, target):
        return
    declared = _declared_outputs(ctx, target)
    if declared and ref.field not in declared:
        yield RULE.finding(
            "unknown_output_field",
            where,
            f"{ctx.label(block_id)} references {shown}, but {ctx.label(target)} (type "
            f"'{ctx.type_of(target)}') has no output '{ref.field}'; use one of: {', '.join(sorted(declared))}.",
        )


def _check(ctx: Context) -> Iterator[Finding]:
    for block_id in ctx.blocks:
        if ctx.is_note(block_id):
            continue  # notes are documentation, never resolved
        for parts, value in _sources(ctx, block_id):
            for ref in find_references(value):
                yield from _check_ref(ctx, block_id, parts, ref)


RULE = Rule.define(
    "references",
    "Each <name.field> reference names an existing block (by normalized name) that runs before "
    "the referencing block and, where the registry declares outputs, one of its output keys.",
    {
        "unknown_reference": ("error", "No block has the referenced normalized name."),
        "reference_not_upstream": ("warning", "The referenced block has no path to the referencing block."),
        "unknown_output_field": ("warning", "The referenced block type declares no such top-level output."),
    },
    _check,
)
