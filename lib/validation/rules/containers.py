"""containers: loop/parallel nesting is sound and the loops/parallels maps agree with the blocks.

Container `data` is what the editor shows and current Sim recomputes from; JUL25 server runs use
the stored `loops`/`parallels` maps as they are (sim-format §9.4), so disagreement is worth a
warning, and what the JUL25 executor checks (loop nodes exist, iterations > 0, forEach items)
is judged on the map JUL25 would use.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lib.sim.names import REFERENCE_RE, normalize_name, pointer
from lib.validation.base import Finding, Rule
from lib.validation.context import Context

_LOOP_TYPES = {"jul25": ("for", "forEach"), "current": ("for", "forEach", "while", "doWhile")}
_PARALLEL_TYPES = ("collection", "count")
_NO_DATA: dict[str, Any] = {}


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    if isinstance(value, (list, dict)):
        return not value
    return False


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _parsed(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        if text[:1] in ("[", "{"):
            try:
                return json.loads(text)
            except ValueError:
                return text
        return text
    return value


def _same(a: Any, b: Any) -> bool:
    return a == b or _parsed(a) == _parsed(b) or (_empty(a) and _empty(b))


def _show(value: Any) -> str:
    try:
        text = json.dumps(value, default=str)
    except (ValueError, TypeError, RecursionError):
        text = repr(type(value).__name__)
    return text if len(text) <= 80 else text[:77] + "..."


def _parent_pointer(block: dict[str, Any], block_id: str) -> str:
    data = block.get("data")
    if isinstance(data, dict) and isinstance(data.get("parentId"), str) and data["parentId"]:
        return pointer("blocks", block_id, "data", "parentId")
    return pointer("blocks", block_id, "parentId")


def _check_nesting(ctx: Context) -> Iterator[Finding]:
    parents = ctx.parent_ids
    for bid, parent in parents.items():
        block = ctx.blocks[bid]
        where = _parent_pointer(block, bid)
        if parent == bid or parent not in ctx.blocks or not ctx.is_container(parent):
            why = (
                "itself"
                if parent == bid
                else "a block that does not exist"
                if parent not in ctx.blocks
                else f"{ctx.label(parent)}, which is not a loop or parallel"
            )
            yield RULE.finding(
                "invalid_parent",
                where,
                f"{ctx.label(bid)} has parentId '{parent}', which is {why}; point it at the enclosing "
                "loop/parallel block or remove parentId and extent.",
            )
            continue
        if bid in ctx.ancestors_of_parent(parent) or parent in ctx.descendants(bid):
            yield RULE.finding(
                "parent_cycle",
                where,
                f"{ctx.label(bid)} and {ctx.label(parent)} contain each other; nesting must form a tree.",
            )
            continue
        data = found if isinstance(found := block.get("data"), dict) else {}
        extent = data.get("extent", block.get("extent"))
        if extent != "parent":
            yield RULE.finding(
                "extent_mismatch",
                pointer("blocks", bid, "data", "extent"),
                f"{ctx.label(bid)} sits in {ctx.label(parent)} but its extent is {_show(extent)}; "
                "set data.extent to 'parent' so the editor keeps it inside the container.",
            )
        top = block.get("parentId")
        if isinstance(data.get("parentId"), str) and isinstance(top, str) and top and top != data["parentId"]:
            yield RULE.finding(
                "parent_mismatch",
                pointer("blocks", bid, "parentId"),
                f"{ctx.label(bid)} has data.parentId '{data['parentId']}' but parentId '{top}'; Sim uses "
                "data.parentId, so make both the same.",
            )
        if ctx.is_trigger(bid):
            yield RULE.finding(
                "trigger_in_container",
                pointer("blocks", bid),
                f"{ctx.label(bid)} is a starter/trigger inside {ctx.label(parent)}; Sim does not allow "
                "entry points in loops or parallels. Move it to the top level.",
            )
    if not ctx.stray_extents:
        return  # the context's walk found no block outside a container with extent 'parent'
    for bid, block in ctx.blocks.items():
        if bid in parents:
            continue
        data = found if isinstance(found := block.get("data"), dict) else _NO_DATA
        if data.get("extent") == "parent" or block.get("extent") == "parent":
            yield RULE.finding(
                "extent_mismatch",
                pointer("blocks", bid, "data", "extent"),
                f"{ctx.label(bid)} has extent 'parent' but no parentId; set data.parentId to its "
                "container or remove extent.",
            )


def _check_nodes(ctx: Context, kind: str, cid: str, config: dict[str, Any]) -> Iterator[Finding]:
    nodes = config.get("nodes")
    base = pointer(kind, cid)
    if not isinstance(nodes, list):
        return
    for i, node in enumerate(nodes):
        if isinstance(node, str) and node not in ctx.blocks:
            yield RULE.finding(
                "subflow_node_missing",
                f"{base}/nodes/{i}",
                f"{kind}['{cid}'].nodes lists '{node}', which is not a block (Sim checks every loop node "
                "exists); drop it from nodes.",
            )
    children = set(ctx.children.get(cid, ()))
    listed = {n for n in nodes if isinstance(n, str)}
    if listed != children:
        yield RULE.finding(
            "subflow_mismatch",
            f"{base}/nodes",
            f"{kind}['{cid}'].nodes is {sorted(listed)} but the blocks inside {ctx.label(cid)} are "
            f"{sorted(children)}; make nodes list exactly the blocks whose data.parentId is '{cid}'.",
        )


def _mismatch(kind: str, cid: str, key: str, stored: Any, expected: Any, source: str) -> Finding:
    return RULE.finding(
        "subflow_mismatch",
        pointer(kind, cid, key),
        f"{kind}['{cid}'].{key} is {_show(stored)} but the container's {source} says "
        f"{_show(expected)}; JUL25 runs use the map, the editor uses the block: make them agree.",
    )


def _check_loop(ctx: Context, cid: str) -> Iterator[Finding]:
    data = ctx.data(cid)
    config = ctx.loops.get(cid)
    block_type = data.get("loopType") or "for"
    block_count = data.get("count") or 5
    block_items = data.get("collection") or ""
    if config is None:
        yield RULE.finding(
            "missing_subflow_config",
            pointer("loops", cid),
            f"Loop {ctx.label(cid)} has no entry in 'loops'; add loops['{cid}'] = {{id, nodes, iterations, "
            "loopType, forEachItems}} (JUL25 runs read it from there).",
        )
    else:
        yield from _check_nodes(ctx, "loops", cid, config)
        if "loopType" in config and config["loopType"] != block_type:
            yield _mismatch("loops", cid, "loopType", config["loopType"], block_type, "data.loopType")
        if block_type == "for" and "iterations" in config and not _same(config["iterations"], block_count):
            yield _mismatch("loops", cid, "iterations", config["iterations"], block_count, "data.count")
        if (
            block_type == "forEach"
            and "forEachItems" in config
            and not _same(config["forEachItems"], block_items)
        ):
            yield _mismatch(
                "loops", cid, "forEachItems", config["forEachItems"], block_items, "data.collection"
            )

    # What the run uses: the map in JUL25 (when present), the block's data in current Sim.
    use_map = ctx.era == "jul25" and config is not None
    cfg = config or {}  # the map as use_map reads it
    loop_type = (cfg.get("loopType") or block_type) if use_map else block_type
    iterations = cfg.get("iterations", block_count) if use_map else block_count
    items = cfg.get("forEachItems", block_items) if use_map else block_items
    where_type = (
        pointer("loops", cid, "loopType")
        if use_map and "loopType" in cfg
        else pointer("blocks", cid, "data", "loopType")
    )
    if loop_type not in _LOOP_TYPES[ctx.era]:
        allowed = ", ".join(_LOOP_TYPES[ctx.era])
        yield RULE.finding(
            "invalid_loop_type",
            where_type,
            f"Loop {ctx.label(cid)} has loopType {_show(loop_type)}; this Sim accepts {allowed}.",
        )
        return
    if (loop_type == "for" or ctx.era == "jul25") and _number(iterations) and iterations <= 0:
        where = (
            pointer("loops", cid, "iterations")
            if use_map and "iterations" in cfg
            else pointer("blocks", cid, "data", "count")
        )
        yield RULE.finding(
            "invalid_iterations",
            where,
            f"Loop {ctx.label(cid)} runs {iterations} times; Sim needs iterations > 0. Set a positive count.",
        )
    if loop_type == "forEach" and _empty(items):
        where = (
            pointer("loops", cid, "forEachItems") if use_map else pointer("blocks", cid, "data", "collection")
        )
        yield RULE.finding(
            "missing_foreach_items",
            where,
            f"forEach loop {ctx.label(cid)} has no items (Sim refuses a forEach loop without them); set "
            "data.collection (and loops forEachItems) to an array, an object or a <block.field> reference.",
        )
    elif loop_type == "forEach" and ctx.era == "jul25":
        where = (
            pointer("loops", cid, "forEachItems")
            if use_map and "forEachItems" in cfg
            else pointer("blocks", cid, "data", "collection")
        )
        problem = _not_a_list(ctx, cid, items)
        if problem:
            yield RULE.finding(
                "collection_not_list",
                where,
                f"forEach loop {ctx.label(cid)} iterates over {problem}; July 2025 Sim needs a non-empty "
                "array or object there and stops the run with 'collection is empty or invalid'. Point it at "
                "a list output (e.g. <jira1.issues>, <function1.result>) or write a JSON array.",
            )
    if ctx.era == "jul25" and ctx.type_of(ctx.parent.get(cid, "")) == "loop":
        yield from _check_nested(ctx, cid)
    if loop_type in ("while", "doWhile"):
        key = "whileCondition" if loop_type == "while" else "doWhileCondition"
        if _empty(data.get(key)) and _empty((config or {}).get(key)):
            yield RULE.finding(
                "missing_while_condition",
                pointer("blocks", cid, "data", key),
                f"{loop_type} loop {ctx.label(cid)} has no {key}; give it a condition expression or it "
                "will not stop as intended.",
            )


# Declared output types that can never hold a list (an agent's text may be a JSON list: allowed).
_SCALAR_TYPES = frozenset({"string", "number", "boolean"})


def _not_a_list(ctx: Context, cid: str, items: Any) -> str | None:
    """Why JUL25's loop handler cannot iterate `items` (None when it can or we cannot tell)."""
    if isinstance(items, (list, dict)):
        return "an empty collection" if not items else None
    if not isinstance(items, str):
        return f"{_show(items)}, which is not a list"
    text = items.strip()
    refs = REFERENCE_RE.findall(text)
    if not refs:
        if text.startswith("//"):
            return "a comment (no items)"
        if text[:1] in ("[", "{"):
            try:
                parsed = json.loads(text)
            except ValueError:
                return None  # a JavaScript literal: Sim evaluates it
            return "an empty collection" if not parsed else None
        whole = re.fullmatch(r"<([\w\-]+)>", text)
        if whole and [b for b in ctx.by_name.get(normalize_name(whole.group(1)), []) if b != cid]:
            return (
                None  # '<jira1>': Sim's resolver gives the block's whole output (Jira's bulk read is a list)
            )
        return f"the plain text {_show(text)}, which is not a list"
    match = REFERENCE_RE.fullmatch(text)
    if match is None:
        return None
    owners = [b for b in ctx.by_name.get(normalize_name(match.group("block")), []) if b != cid]
    if len(owners) != 1 or ctx.type_of(owners[0]) == "agent":
        return None
    field = match.group("path").split(".", 1)[0].split("[", 1)[0]
    if "." in match.group("path") or "[" in match.group("path"):
        return None  # a nested path: its type is not declared
    declared = getattr(ctx.spec(owners[0]), "outputs", None) or {}
    kind = declared.get(field) if isinstance(declared, dict) else None
    if isinstance(kind, str) and kind in _SCALAR_TYPES:
        return f"{text}, a {kind} output of {ctx.label(owners[0])}"
    return None


def _check_parallel(ctx: Context, cid: str) -> Iterator[Finding]:
    data = ctx.data(cid)
    config = ctx.parallels.get(cid)
    default_type = "collection" if ctx.era == "jul25" else "count"
    block_type = data.get("parallelType") or default_type
    block_count = data.get("count") or 5
    block_items = data.get("collection") or ""
    if config is None:
        yield RULE.finding(
            "missing_subflow_config",
            pointer("parallels", cid),
            f"Parallel {ctx.label(cid)} has no entry in 'parallels'; add parallels['{cid}'] = {{id, nodes, "
            "count, parallelType, distribution}} (JUL25 runs read it from there).",
        )
    else:
        yield from _check_nodes(ctx, "parallels", cid, config)
        if "parallelType" in config and config["parallelType"] != block_type:
            yield _mismatch(
                "parallels", cid, "parallelType", config["parallelType"], block_type, "data.parallelType"
            )
        if block_type == "count" and "count" in config and not _same(config["count"], block_count):
            yield _mismatch("parallels", cid, "count", config["count"], block_count, "data.count")
        if (
            block_type == "collection"
            and "distribution" in config
            and not _same(config["distribution"], block_items)
        ):
            yield _mismatch(
                "parallels", cid, "distribution", config["distribution"], block_items, "data.collection"
            )

    use_map = ctx.era == "jul25" and config is not None
    cfg = config or {}  # the map as use_map reads it
    parallel_type = (cfg.get("parallelType") or block_type) if use_map else block_type
    count = cfg.get("count", block_count) if use_map else block_count
    items = cfg.get("distribution", block_items) if use_map else block_items
    if parallel_type not in _PARALLEL_TYPES:
        yield RULE.finding(
            "invalid_parallel_type",
            pointer("blocks", cid, "data", "parallelType"),
            f"Parallel {ctx.label(cid)} has parallelType {_show(parallel_type)}; use 'collection' or 'count'.",
        )
        return
    if parallel_type == "count" and _number(count) and (count < 1 or not float(count).is_integer()):
        yield RULE.finding(
            "invalid_parallel_count",
            pointer("parallels", cid, "count")
            if use_map and "count" in cfg
            else pointer("blocks", cid, "data", "count"),
            f"Parallel {ctx.label(cid)} has count {count}; use a whole number of branches, 1 or more.",
        )
    if parallel_type == "collection" and _empty(items):
        yield RULE.finding(
            "missing_parallel_items",
            pointer("blocks", cid, "data", "collection"),
            f"Collection parallel {ctx.label(cid)} has nothing to distribute; set data.collection (and "
            "parallels distribution) to an array, an object or a <block.field> reference.",
        )


def _check_nested(ctx: Context, cid: str) -> Iterator[Finding]:
    """A loop inside a loop, as July 2025 Sim runs it: the outer loop counts its iteration done (and
    clears its blocks' outputs) once the inner loop block has run, so the inner loop's blocks run
    once in all instead of once per pair of items (simcheck: 3 × 2 items, one run of the inner
    block), and a condition first inside the inner loop then finds no output from it and throws."""
    outer = ctx.parent[cid]
    yield RULE.finding(
        "nested_loop",
        pointer("blocks", cid, "data", "parentId"),
        f"Loop {ctx.label(cid)} sits inside loop {ctx.label(outer)}; July 2025 Sim runs the inner loop's "
        "blocks once in all, not once per item of both. Put its blocks in the outer loop (one loop "
        "over the outer items) or flatten the list first (a function block).",
    )
    for edge in ctx.out_edges.get(cid, ()):
        if edge.source_handle != "loop-start-source" or ctx.type_of(edge.target) != "condition":
            continue
        first = min(ctx.in_edges.get(edge.target, ()), key=lambda e: e.index, default=None)
        if first is edge:  # Sim's condition reads the output of its first incoming connection's source
            yield RULE.finding(
                "nested_loop_condition",
                edge.path,
                f"Condition {ctx.label(edge.target)} is the first block of loop {ctx.label(cid)}, which "
                f"sits inside loop {ctx.label(outer)}; July 2025 Sim clears the inner loop's output before "
                "the condition runs and stops with 'No output found for source block'. Move the "
                "condition into the outer loop or put a block before it.",
            )


def _check_containers(ctx: Context) -> Iterator[Finding]:
    loops, parallels = ctx.of_type.get("loop", ()), ctx.of_type.get("parallel", ())
    if loops and parallels:
        found = [cid for cid in ctx.blocks if ctx.types.get(cid) in ("loop", "parallel")]
    else:
        found = list(loops or parallels)  # in block order
    for cid in found:
        kind = ctx.types[cid]
        yield from (_check_loop(ctx, cid) if kind == "loop" else _check_parallel(ctx, cid))
        children = ctx.children.get(cid, [])
        if not children:
            yield RULE.finding(
                "empty_container",
                pointer("blocks", cid),
                f"{kind.capitalize()} {ctx.label(cid)} contains no blocks; put blocks inside it "
                "(data.parentId) or remove it.",
            )
        elif not any(e.source_handle == f"{kind}-start-source" for e in ctx.out_edges.get(cid, ())):
            yield RULE.finding(
                "container_start_unconnected",
                pointer("blocks", cid),
                f"{kind.capitalize()} {ctx.label(cid)} has blocks inside but no '{kind}-start-source' edge "
                "to the first of them; add that edge or nothing inside will run.",
            )
    for kind, configs in (("loops", ctx.loops), ("parallels", ctx.parallels)):
        expected = "loop" if kind == "loops" else "parallel"
        for cid in configs:
            if ctx.type_of(cid) != expected:
                yield RULE.finding(
                    "orphan_subflow_config",
                    pointer(kind, cid),
                    f"{kind}['{cid}'] has no matching {expected} block; remove the entry or add the block.",
                )


def _check(ctx: Context) -> Iterator[Finding]:
    yield from _check_nesting(ctx)
    yield from _check_containers(ctx)


RULE = Rule.define(
    "containers",
    "parentId points at an existing loop/parallel, extents agree, no triggers inside containers, "
    "loops/parallels maps agree with container blocks, and loop/parallel settings can run.",
    {
        "invalid_parent": ("error", "parentId names a missing block, a non-container, or the block itself."),
        "parent_cycle": ("error", "Containers nest inside each other in a cycle."),
        "extent_mismatch": ("warning", "extent is not 'parent' on a child, or 'parent' without a parentId."),
        "parent_mismatch": ("warning", "data.parentId and the top-level parentId disagree."),
        "trigger_in_container": ("error", "A starter or trigger inside a loop or parallel."),
        "missing_subflow_config": ("warning", "A container block without its loops/parallels entry."),
        "orphan_subflow_config": ("warning", "A loops/parallels entry without a matching container block."),
        "subflow_mismatch": (
            "warning",
            "loops/parallels entry disagrees with the container block (nodes, type, count, items).",
        ),
        "subflow_node_missing": ("error", "loops/parallels nodes names a block that does not exist."),
        "invalid_loop_type": (
            "error",
            "loopType outside for/forEach (JUL25) or for/forEach/while/doWhile (current).",
        ),
        "invalid_iterations": ("error", "A loop with iterations <= 0."),
        "missing_foreach_items": ("error", "A forEach loop without items."),
        "collection_not_list": (
            "error",
            "JUL25: a forEach loop's collection is plain text, a scalar output or empty, not a list.",
        ),
        "nested_loop": (
            "warning",
            "JUL25: a loop inside a loop; Sim runs the inner loop's blocks once in all, not per item.",
        ),
        "nested_loop_condition": (
            "error",
            "JUL25: a condition first in a loop nested in a loop; Sim stops with 'No output found for "
            "source block'.",
        ),
        "missing_while_condition": ("warning", "A while/doWhile loop without a condition."),
        "invalid_parallel_type": ("error", "parallelType other than collection or count."),
        "invalid_parallel_count": ("error", "A count parallel whose count is not a whole number >= 1."),
        "missing_parallel_items": ("warning", "A collection parallel with nothing to distribute."),
        "empty_container": ("warning", "A loop or parallel with no blocks inside."),
        "container_start_unconnected": ("warning", "A container with blocks but no start-handle edge."),
    },
    _check,
)
