"""Sim's table rows → a workflow state, the way Sim's own JUL25 loader builds it (sim-format §1.2).

The normalized rows are the truth (`workflow.state` is often stale, §1.1). Real exports often
lack edge rows; edges are then inferred only from evidence (§9.11): a block that references
another by name (`<agent1.content>`, `<start.input>`) follows it, unless the reference is
already implied through a block in between; a container's first children follow its start
handle. Every inference is returned as an assumption, so nothing guessed passes as fact.
"""

from __future__ import annotations

import uuid
from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from lib.sim.names import find_references, normalize_name

__all__ = [
    "Built",
    "accepts_target",
    "build_state",
    "edge_id",
    "edge_of",
    "fill_subflows",
    "source_handle",
    "spec_of",
]

CONTAINERS = frozenset({"loop", "parallel"})
_EDGE_NS = uuid.UUID("6f1d2c3e-8a4b-4c5d-9e6f-a1b2c3d4e5f6")
# Sim's own columns of a `workflow` row that we keep (the store writes them as they are).
SIM_COLUMNS = (
    "user_id",
    "workspace_id",
    "folder_id",
    "color",
    "is_deployed",
    "deployed_at",
    "deployed_state",
    "run_count",
    "last_run_at",
    "is_published",
    "marketplace_data",
    "collaborators",
    "last_synced",
    "created_at",
    "updated_at",
)
_TIMESTAMPS = {"deployed_at", "last_run_at", "last_synced", "created_at", "updated_at"}


def spec_of(block_type: Any) -> Any:
    """The registry entry for a type, or None (unknown type, or no registry available)."""
    if not isinstance(block_type, str) or not block_type:
        return None
    try:
        from lib.sim import registry

        return registry.get_block(block_type)
    except Exception:
        return None


def source_handle(block_type: str) -> str | None:
    """The plain outgoing handle of a block type; None when the type has only branch handles."""
    if block_type in CONTAINERS:
        return f"{block_type}-end-source"
    spec = spec_of(block_type)
    handles = getattr(spec, "handles", None)
    if handles is not None:
        if getattr(handles, "branches", None) in ("condition", "router_v2") or not getattr(
            handles, "source", True
        ):
            return None
        return "source"
    return None if block_type in ("condition", "response", "note", "router_v2") else "source"


def accepts_target(block_type: str) -> bool:
    """Whether a block of this type has a target handle (starters, triggers and notes do not)."""
    if block_type in CONTAINERS:
        return True
    spec = spec_of(block_type)
    handles = getattr(spec, "handles", None)
    if handles is not None:
        return bool(getattr(handles, "target", True)) and not getattr(spec, "trigger", False)
    return block_type not in ("starter", "note", "start_trigger", "schedule", "webhook")


def edge_id(workflow_id: str, source: str, handle: str | None, target: str) -> str:
    """A stable id for an inferred edge, so re-importing the same rows yields the same state."""
    return str(uuid.uuid5(_EDGE_NS, f"{workflow_id}|{source}|{handle}|{target}"))


@dataclass
class Built:
    """A rebuilt workflow: its state, its row-level fields, and what we had to assume."""

    id: str
    name: str
    state: dict[str, Any]
    description: str | None = None
    variables: dict[str, Any] = field(default_factory=dict)
    sim_fields: dict[str, Any] = field(default_factory=dict)
    assumptions: list[dict[str, Any]] = field(default_factory=list)

    def assume(
        self, kind: str, message: str, *, edge: str | None = None, blocks: list[str] | None = None
    ) -> None:
        item: dict[str, Any] = {"kind": kind, "message": message}
        if edge:
            item["edge"] = edge
        if blocks:
            item["blocks"] = blocks
        self.assumptions.append(item)


def _num(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            return _num(Decimal(str(value)))
        except (ArithmeticError, ValueError):
            return 0
    return value


def _flag(value: Any, default: bool) -> bool:
    return default if value is None else bool(value)


def _block(row: dict[str, Any]) -> dict[str, Any]:
    get = row.get
    data = dict(found) if isinstance(found := get("data"), dict) else {}
    x, y, height = get("position_x") or 0, get("position_y") or 0, get("height") or 0
    subs, outputs = get("sub_blocks"), get("outputs")
    block: dict[str, Any] = {
        "id": str(row["id"]),
        "type": str(get("type") or ""),
        "name": str(get("name") or ""),
        # typed cells are ints or floats already (`_num` for anything else)
        "position": {
            "x": x if type(x) is int or type(x) is float else _num(x),
            "y": y if type(y) is int or type(y) is float else _num(y),
        },
        "subBlocks": subs if isinstance(subs, dict) else {},
        "outputs": outputs if isinstance(outputs, dict) else {},
        "enabled": _flag(get("enabled"), True),
        "horizontalHandles": _flag(get("horizontal_handles"), True),
        "isWide": _flag(get("is_wide"), False),
        "advancedMode": _flag(get("advanced_mode"), False),
        "height": height if type(height) is int or type(height) is float else _num(height),
        "data": data,
    }
    for col, key in (
        ("trigger_mode", "triggerMode"),
        ("error_enabled", "errorEnabled"),
        ("locked", "locked"),
    ):
        if get(col) is not None:
            block[key] = bool(row[col])
    if isinstance(retry := get("retry"), dict):
        block["retry"] = retry
    # The loader merges the parent columns into data and copies them to the block (§1.2, §9.6).
    for col, key in (("parent_id", "parentId"), ("extent", "extent")):
        if value := get(col):
            data[key] = value
            block[key] = value
    return block


def _timestamp_ok(value: Any) -> bool:
    if isinstance(value, datetime):
        return True
    try:
        datetime.fromisoformat(str(value).replace(" ", "T"))
        return True
    except ValueError:
        return False


def build_state(
    blocks: list[dict[str, Any]],
    edges: list[dict[str, Any]] | None = None,
    subflows: list[dict[str, Any]] | None = None,
    workflow: dict[str, Any] | None = None,
    workflow_id: str | None = None,
) -> Built:
    """A state from one workflow's rows (dicts keyed by column name, cells already typed)."""
    wid = str((workflow or {}).get("id") or workflow_id or (blocks[0]["workflow_id"] if blocks else "") or "")
    wf = workflow or {}
    built = Built(
        id=wid,
        name=str(wf.get("name") or f"Imported workflow {wid[:8]}"),
        state={},
        description=wf.get("description"),
    )
    if isinstance(wf.get("variables"), dict):
        built.variables = wf["variables"]
    built.sim_fields = {
        k: wf[k]
        for k in SIM_COLUMNS
        if wf.get(k) is not None and (k not in _TIMESTAMPS or _timestamp_ok(wf[k]))
    }
    if not workflow:
        built.assume("name_defaulted", f"no workflow row for {wid}; named it {built.name!r}")
    if not blocks and isinstance(wf.get("state"), dict) and isinstance(wf["state"].get("blocks"), dict):
        built.state = dict(wf["state"])
        built.assume(
            "state_from_blob",
            "no workflow_blocks rows: used the workflow.state column, which Sim "
            "stopped updating (it may be stale)",
        )
        return built

    block_map: dict[str, dict[str, Any]] = {}
    for row in blocks:
        block = _block(row)
        block_map[block["id"]] = block
    _relative_positions(block_map, built)
    state: dict[str, Any] = {"blocks": block_map, "edges": [], "loops": {}, "parallels": {}}
    for row in edges or []:
        edge = edge_of(row)
        if edge["source"] not in block_map or edge["target"] not in block_map:
            built.assume(
                "edge_dropped",
                f"edge {edge['id']} joins {edge['source']} → {edge['target']}, and one of "
                "them is not a block of this workflow; dropped it",
                edge=edge["id"],
            )
            continue
        state["edges"].append(edge)
    if not edges:
        _infer_edges(wid, block_map, state["edges"], built)
    fill_subflows(block_map, subflows or [], state, built)
    built.state = state
    return built


def edge_of(row: dict[str, Any]) -> dict[str, Any]:
    """A state edge from a `workflow_edges` row."""
    return {
        "id": str(row["id"]),
        "source": row.get("source_block_id"),
        "target": row.get("target_block_id"),
        "sourceHandle": row.get("source_handle"),
        "targetHandle": row.get("target_handle"),
    }


def _relative_positions(blocks: dict[str, dict[str, Any]], built: Built) -> None:
    """Children are placed relative to their container; convert a position that is plainly absolute."""
    for block in blocks.values():
        parent = blocks.get(block["data"].get("parentId") or "")
        if parent is None:
            continue
        pos, ppos, pdata = block["position"], parent["position"], parent["data"]
        width, height = _num(pdata.get("width") or 0), _num(pdata.get("height") or 0)
        if not (width and height):
            continue
        dx, dy = pos["x"] - ppos["x"], pos["y"] - ppos["y"]
        outside = pos["x"] > width or pos["y"] > height
        if outside and 0 <= dx <= width and 0 <= dy <= height:
            block["position"] = {"x": dx, "y": dy}
            built.assume(
                "position_relative",
                f"{block['name']!r} sat at absolute ({pos['x']}, {pos['y']}) inside "
                f"{parent['name']!r}; stored it relative to the container",
                blocks=[block["id"], parent["id"]],
            )


def _scope_chain(blocks: dict[str, dict[str, Any]], bid: str) -> list[str]:
    """[bid, its container, that container's container, ...] (cycles cut)."""
    chain = [bid]
    while True:
        parent = blocks[chain[-1]]["data"].get("parentId")
        if parent not in blocks or parent in chain:
            return chain
        chain.append(parent)


def _lift(blocks: dict[str, dict[str, Any]], src: str, dst: str) -> tuple[str, str, bool] | None:
    """The two blocks an edge for src → dst joins in one scope (§2.2); None when one contains the other."""
    s_chain, d_chain = _scope_chain(blocks, src), _scope_chain(blocks, dst)
    if src in d_chain or dst in s_chain:
        return None
    d_parents = {
        blocks[b]["data"].get("parentId") if blocks[b]["data"].get("parentId") in blocks else None: b
        for b in d_chain
    }
    for i, b in enumerate(s_chain):
        parent = blocks[b]["data"].get("parentId")
        parent = parent if parent in blocks else None
        if parent in d_parents:
            return b, d_parents[parent], i > 0
    return None


def _infer_edges(
    wid: str, blocks: dict[str, dict[str, Any]], edges: list[dict[str, Any]], built: Built
) -> None:
    by_name: dict[str, list[str]] = defaultdict(list)
    for bid, block in blocks.items():
        by_name[normalize_name(block["name"])].append(bid)
    starters = [bid for bid, b in blocks.items() if b["type"] in ("starter", "start_trigger")]
    if "start" not in by_name and len(starters) == 1:
        by_name["start"] = starters  # `<start.input>` names the starter whatever it is called

    evidence: dict[tuple[str, str, str], list[str]] = {}
    for bid, block in blocks.items():
        values = [block["subBlocks"]]
        if block["type"] in CONTAINERS:
            values.append(
                {k: block["data"].get(k) for k in ("collection", "whileCondition", "doWhileCondition")}
            )
        for ref in find_references(values):
            targets = by_name.get(ref.name, [])
            if len(targets) != 1 or targets[0] == bid:
                if len(targets) > 1:
                    built.assume(
                        "reference_ambiguous",
                        f"<{ref.block}.{ref.path}> in {block['name']!r} matches "
                        f"{len(targets)} blocks; no edge inferred from it",
                        blocks=[bid, *targets],
                    )
                continue
            lifted = _lift(blocks, targets[0], bid)
            if lifted is None:
                continue
            src, dst, from_inside = lifted
            src_type = blocks[src]["type"]
            handle = (
                f"{src_type}-end-source"
                if from_inside and src_type in CONTAINERS
                else source_handle(src_type)
            )
            if handle is None or not accepts_target(blocks[dst]["type"]):
                built.assume(
                    "edge_not_inferred",
                    f"{block['name']!r} uses <{ref.block}.{ref.path}>, but "
                    f"{blocks[src]['name']!r} ({src_type}) → {blocks[dst]['name']!r} has no handle "
                    "to infer (branch or trigger); connect it by hand",
                    blocks=[src, dst],
                )
                continue
            evidence.setdefault((src, handle, dst), []).append(
                f"<{ref.block}.{ref.path}> in {block['name']!r}"
            )

    # Transitive reduction, one edge at a time so reachability never changes (cycles included).
    kept = dict(sorted(evidence.items()))
    for key in list(kept):
        rest = [k for k in kept if k != key]
        if _reaches(rest, key[0], key[2]):
            del kept[key]
    for (src, handle, dst), why in kept.items():
        eid = edge_id(wid, src, handle, dst)
        edges.append(
            {"id": eid, "source": src, "target": dst, "sourceHandle": handle, "targetHandle": "target"}
        )
        built.assume(
            "edge_inferred",
            f"{blocks[src]['name']!r} → {blocks[dst]['name']!r} ({handle}) from "
            + "; ".join(dict.fromkeys(why)),
            edge=eid,
            blocks=[src, dst],
        )

    # A container's children that nothing inside it feeds are where its start handle leads.
    fed = {
        e["target"]
        for e in edges
        if blocks[e["source"]]["data"].get("parentId") == blocks[e["target"]]["data"].get("parentId")
    }
    for bid, block in blocks.items():
        parent = block["data"].get("parentId")
        if parent not in blocks or blocks[parent]["type"] not in CONTAINERS or bid in fed:
            continue
        handle = f"{blocks[parent]['type']}-start-source"
        eid = edge_id(wid, parent, handle, bid)
        edges.append(
            {"id": eid, "source": parent, "target": bid, "sourceHandle": handle, "targetHandle": "target"}
        )
        built.assume(
            "container_start_edge",
            f"{block['name']!r} is inside {blocks[parent]['name']!r} and nothing "
            f"inside feeds it, so the container's {handle} leads to it",
            edge=eid,
            blocks=[parent, bid],
        )


def _reaches(edges: list[tuple[str, str, str]], start: str, goal: str) -> bool:
    out: dict[str, list[str]] = defaultdict(list)
    for s, _h, t in edges:
        out[s].append(t)
    seen, todo = {start}, deque([start])
    while todo:
        for nxt in out[todo.popleft()]:
            if nxt == goal:
                return True
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def fill_subflows(
    blocks: dict[str, dict[str, Any]],
    rows: list[dict[str, Any]],
    state: dict[str, Any],
    built: Built | None = None,
) -> None:
    """loops/parallels from workflow_subflows as stored (§9.4); derived from the containers when absent."""
    for row in rows:
        kind = "loops" if row.get("type") == "loop" else "parallels"
        config = found if isinstance(found := row.get("config"), dict) else {}
        state[kind][str(row["id"])] = {"id": str(row["id"]), **config}
    for bid, block in blocks.items():
        section = {"loop": "loops", "parallel": "parallels"}.get(block["type"])
        if section is None or bid in state[section]:
            continue
        data = block["data"]
        nodes = [c for c, b in blocks.items() if b["data"].get("parentId") == bid]
        if section == "loops":
            entry = {
                "id": bid,
                "nodes": nodes,
                "iterations": data.get("count") or 5,
                "loopType": data.get("loopType") or "for",
                "forEachItems": data.get("collection") or "",
            }
        else:
            ptype = data.get("parallelType") or "collection"
            entry = {"id": bid, "nodes": nodes, "count": data.get("count") or 5, "parallelType": ptype}
            if ptype == "collection":
                entry["distribution"] = data.get("collection") or ""
        state[section][bid] = entry
        if built is not None:
            built.assume(
                "subflow_derived",
                f"no workflow_subflows row for {block['name']!r}; derived its "
                f"{section[:-1]} config from the container block",
                blocks=[bid],
            )
