"""edges: ends exist, handles are legal for the block types, no duplicates/self loops, scopes agree.

Handle legality comes from the registry's HandleSpec (sim-format §2.1 with the §9.1/§9.2
corrections: containers accept a null target handle; condition/response/containers have no
`error` handle).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lib.sim.names import pointer
from lib.validation.base import Finding, Rule
from lib.validation.context import END_HANDLES, START_HANDLES, Context, EdgeView

_TARGET_HANDLES = frozenset({"target"})
_SCOPE_HANDLES = START_HANDLES | END_HANDLES


def _branch_ids(items: list[dict[str, Any]] | None) -> set[str]:
    return {str(item.get("id")) for item in items or [] if isinstance(item.get("id"), (str, int))}


_LEGAL: dict[tuple[Any, str | None], tuple[bool, str]] = {}


def _legal_source(ctx: Context, edge: EdgeView) -> tuple[bool, str]:
    """(legal?, what the block accepts) for the edge's source handle; kept per type and handle
    (the block's spec is the registry's for its type)."""
    key = (ctx.types.get(edge.source), edge.source_handle)
    found = _LEGAL.get(key)
    if found is None:
        found = _judge_source(ctx, edge)
        if ctx.spec(edge.source) is None:
            return found  # kept only for registered types
        if len(_LEGAL) >= 4096:
            _LEGAL.clear()
        _LEGAL[key] = found
    return found


def _judge_source(ctx: Context, edge: EdgeView) -> tuple[bool, str]:
    block_id, handle = edge.source, edge.source_handle
    handles = getattr(ctx.spec(block_id), "handles", None)
    block_type = ctx.type_of(block_id)
    container_kind = block_type if block_type in ("loop", "parallel") else None
    branches = getattr(handles, "branches", None) if handles is not None else container_kind
    has_source = bool(getattr(handles, "source", False)) if handles is not None else False
    has_error = bool(getattr(handles, "error", False)) if handles is not None else False

    accepted: list[str] = []
    if has_source:
        accepted.append("'source'")
    if has_error:
        accepted.append("'error'")
    if branches in ("loop", "parallel"):
        accepted.append(f"'{branches}-start-source'/'{branches}-end-source'")
    elif branches == "condition":
        accepted.append("'condition-<condition id>'")
    elif branches == "router_v2":
        accepted.append("'router-<route id>'")
    what = ", ".join(accepted) if accepted else "no outgoing edges"

    if handle is None or handle == "source":
        return has_source, what
    if handle == "error":
        return has_error, what
    if branches in ("loop", "parallel"):
        return handle in (f"{branches}-start-source", f"{branches}-end-source"), what
    if branches == "condition" and handle.startswith("condition-"):
        return True, what  # the branch id itself is checked separately
    if branches == "router_v2" and handle.startswith("router-"):
        return True, what
    return False, what


def _check_branch(ctx: Context, edge: EdgeView) -> Iterator[Finding]:
    handle = edge.source_handle or ""
    where = f"{edge.path}/sourceHandle"
    if handle.startswith("condition-"):
        branch, items, field = handle[len("condition-") :], ctx.conditions(edge.source), "conditions"
    elif handle.startswith("router-"):
        branch, items, field = handle[len("router-") :], ctx.routes(edge.source), "routes"
    else:
        return
    if items is None:
        yield RULE.finding(
            "unknown_branch",
            where,
            f"Edge {edge.index} leaves {ctx.label(edge.source)} by '{handle}', but the block's '{field}' "
            f"value is missing or not a JSON list; store {field} as a JSON string of "
            "[{id, title, value}] whose ids the edge handles name.",
        )
    elif branch not in _branch_ids(items):
        known = ", ".join(sorted(_branch_ids(items))) or "none"
        yield RULE.finding(
            "unknown_branch",
            where,
            f"Edge {edge.index} leaves {ctx.label(edge.source)} by '{handle}', but '{branch}' is not an "
            f"id in its {field} (ids: {known}); use 'condition-<id>'/'router-<id>' with an existing id.",
        )


def _check_scope(ctx: Context, edge: EdgeView) -> Iterator[Finding]:
    source_parent, target_parent = ctx.parent.get(edge.source), ctx.parent.get(edge.target)
    handle = edge.source_handle
    if handle in START_HANDLES and target_parent != edge.source:
        yield RULE.finding(
            "container_handle_scope",
            f"{edge.path}/target",
            f"Edge {edge.index} uses '{handle}' from {ctx.label(edge.source)} to {ctx.label(edge.target)}, "
            "which is not inside that container; a start handle must lead to a block inside it "
            "(set the target's data.parentId, or use the end handle).",
        )
        return
    if handle in END_HANDLES and target_parent == edge.source:
        yield RULE.finding(
            "container_handle_scope",
            f"{edge.path}/sourceHandle",
            f"Edge {edge.index} uses '{handle}' from {ctx.label(edge.source)} into its own child "
            f"{ctx.label(edge.target)}; use the start handle to enter the container.",
        )
        return
    if source_parent == target_parent:
        return
    if target_parent == edge.source or source_parent == edge.target:
        return  # container ↔ its own direct child
    yield RULE.finding(
        "cross_scope_edge",
        edge.path,
        f"Edge {edge.index} joins {ctx.label(edge.source)} (in {source_parent or 'the root'}) and "
        f"{ctx.label(edge.target)} (in {target_parent or 'the root'}); Sim only connects blocks in "
        "the same container, or a container and its own child. Move one block or drop the edge.",
    )


def _check(ctx: Context) -> Iterator[Finding]:
    raw_edges = ctx.state.get("edges")
    # Every edge with string ends is in ctx.edges: when all are, none lacks one.
    if isinstance(raw_edges, list) and len(raw_edges) != len(ctx.edges):
        for index, edge in enumerate(raw_edges):
            if not isinstance(edge, dict):
                continue
            for end in ("source", "target"):
                if not isinstance(edge.get(end), str):
                    yield RULE.finding(
                        "invalid_edge",
                        pointer("edges", index, end),
                        f"Edge {index} has no string '{end}'; set it to a block id or remove the edge.",
                    )

    seen: dict[tuple[str, str | None, str, str | None], int] = {}
    blocks, specs, types, parent = ctx.blocks, ctx.specs, ctx.types, ctx.parent
    # The plain edges the context's walk left out have nothing to report (see `Context.odd_edges`).
    for edge in ctx.edges if ctx.edges_repeat else ctx.odd_edges:
        missing = edge.source not in blocks or edge.target not in blocks
        for end, block_id in (("source", edge.source), ("target", edge.target)) if missing else ():
            if block_id not in blocks:
                missing = True
                yield RULE.finding(
                    f"missing_{end}_block",
                    f"{edge.path}/{end}",
                    f"Edge {edge.index} points to {end} block '{block_id}', which does not exist "
                    f"(Sim: 'Connection references non-existent {end} block'); fix the id or remove the edge.",
                )
        if edge.source == edge.target:
            yield RULE.finding(
                "self_loop",
                edge.path,
                f"Edge {edge.index} connects {ctx.label(edge.source)} to itself; repeat work with a loop "
                "container instead and remove this edge.",
            )
        key = (edge.source, edge.source_handle, edge.target, edge.target_handle)
        if key in seen:
            yield RULE.finding(
                "duplicate_edge",
                edge.path,
                f"Edge {edge.index} repeats edge {seen[key]} (same source, target and handles); remove it.",
            )
        else:
            seen[key] = edge.index
        if missing:
            continue

        if specs.get(edge.source) is not None or edge.source in ctx.containers:
            legal, what = _legal_source(ctx, edge)
            if not legal:
                shown = edge.source_handle if edge.source_handle is not None else "null"
                yield RULE.finding(
                    "invalid_source_handle",
                    f"{edge.path}/sourceHandle",
                    f"Edge {edge.index} leaves {ctx.label(edge.source)} (type '{ctx.type_of(edge.source)}') by "
                    f"handle '{shown}', which that type does not have; it accepts {what}.",
                )
            else:
                handle = edge.source_handle
                if handle is not None and handle.startswith(("condition-", "router-")):
                    yield from _check_branch(ctx, edge)

        target_handles = getattr(specs.get(edge.target), "handles", None)
        if (
            types.get(edge.target) == "note"
            or edge.target in ctx.triggers
            or (target_handles is not None and getattr(target_handles, "target", True) is False)
        ):
            yield RULE.finding(
                "edge_into_entry",
                f"{edge.path}/target",
                f"Edge {edge.index} leads into {ctx.label(edge.target)} (type '{ctx.type_of(edge.target)}'), "
                "which takes no incoming edges (starters, triggers and notes); remove the edge.",
            )
        elif edge.target_handle is not None and edge.target_handle not in _TARGET_HANDLES:
            yield RULE.finding(
                "invalid_target_handle",
                f"{edge.path}/targetHandle",
                f"Edge {edge.index} enters {ctx.label(edge.target)} by handle '{edge.target_handle}'; "
                "use 'target' (or null on a loop/parallel container).",
            )
        if edge.source_handle in _SCOPE_HANDLES or parent.get(edge.source) != parent.get(edge.target):
            yield from _check_scope(ctx, edge)  # same parent and a plain handle: nothing to say
    if ctx.era == "jul25":
        yield from _check_else(ctx)


def _check_else(ctx: Context) -> Iterator[Finding]:
    """JUL25's condition handler throws when no branch matches and the 'else' branch has no edge."""
    for block_id in ctx.of_type.get("condition", ()):
        if block_id in ctx.disabled:
            continue
        items = ctx.conditions(block_id)
        if items is None:
            continue  # unknown_branch / structure report unreadable lists
        where = pointer("blocks", block_id, "subBlocks", "conditions", "value")
        name = ctx.blocks[block_id].get("name")
        else_items = [item for item in items if item.get("title") == "else"]
        if not else_items:
            yield RULE.finding(
                "else_unconnected",
                where,
                f"Condition {ctx.label(block_id)} has no 'else' branch; when no condition holds, July 2025 "
                f"Sim stops the run ('No matching path found for condition block {name}, and no else block "
                "exists'). Add an else entry and connect it to the next step, or to a Response block that "
                "ends the run cleanly.",
            )
            continue
        handle = f"condition-{else_items[0].get('id')}"
        if not any(
            e.source_handle == handle and e.target in ctx.blocks for e in ctx.out_edges.get(block_id, ())
        ):
            yield RULE.finding(
                "else_unconnected",
                where,
                f"The 'else' branch of condition {ctx.label(block_id)} has no outgoing edge; when no "
                f"condition holds, July 2025 Sim stops the run ('No path found for condition block {name}, "
                f"and else connection missing'). Connect '{handle}' to the block that should run otherwise, "
                "or to a Response block that ends the run cleanly.",
            )


RULE = Rule.define(
    "edges",
    "Edge ends exist; source handles are legal for the block type (condition branches name real "
    "condition ids); nothing enters a starter, trigger or note; no duplicates or self loops; both "
    "ends share a container scope (or join a container and its own child).",
    {
        "invalid_edge": ("error", "An edge without a string source or target."),
        "missing_source_block": ("error", "The edge's source block does not exist."),
        "missing_target_block": ("error", "The edge's target block does not exist."),
        "self_loop": ("error", "An edge from a block to itself."),
        "duplicate_edge": (
            "error",
            "Same source, sourceHandle, target and targetHandle as an earlier edge ('' = null).",
        ),
        "invalid_source_handle": ("error", "The source handle does not exist on the source block's type."),
        "unknown_branch": (
            "error",
            "A condition-/router- handle names a branch id the block does not define.",
        ),
        "edge_into_entry": ("error", "An edge into a starter, trigger or note block."),
        "else_unconnected": (
            "error",
            "JUL25: a condition's 'else' branch is missing or has no outgoing edge (Sim throws when no branch holds).",
        ),
        "invalid_target_handle": ("warning", "A target handle other than 'target' or null."),
        "cross_scope_edge": (
            "error",
            "The ends lie in different containers (and are not container and own child).",
        ),
        "container_handle_scope": (
            "error",
            "A start handle leaving the container, or an end handle into its own child.",
        ),
    },
    _check,
)
