"""Plan → full Sim state (JUL25 shape): uuids, registry subBlocks and outputs, handles, loops, layout.

Composition is faithful, not corrective: an unknown block type or an edge to a missing block is
kept as given, so the validators report it and the repair round can fix it.
"""

from __future__ import annotations

import copy
import json
import uuid
from dataclasses import dataclass
from typing import Any

from lib.generation.layout import layout
from lib.generation.plan import WorkflowPlan

_NS = uuid.UUID("5b0c8a9e-7f1d-4c53-9d0b-1a2f6e4c7d21")
_JSON_TYPES = {
    "table",
    "input-format",
    "tool-input",
    "eval-input",
    "response-format",
    "file-upload",
    "checkbox-list",
}
# The legacy starter fields real JUL25 rows carry (sim-format §1.1, §9.5).
_STARTER_LEGACY = (
    "webhookProvider",
    "webhookPath",
    "webhookSecret",
    "scheduleType",
    "minutesInterval",
    "minutesStartingAt",
    "hourlyMinute",
    "dailyTime",
    "weeklyDay",
    "weeklyDayTime",
    "monthlyDay",
    "monthlyTime",
    "cronExpression",
    "timezone",
)


@dataclass
class Composed:
    state: dict[str, Any]
    local_ids: dict[str, str]  # state id → plan id (to talk to the model in its own terms)


def _uid(seed: str, local: str) -> str:
    return str(uuid.uuid5(_NS, f"{seed}:{local}"))


def _coerce(text: str, ui_type: str) -> Any:
    """Plan values are text; give each the JSON type its subBlock UI type stores."""
    try:
        if ui_type == "slider":
            return float(text) if "." in text else int(text)
        if ui_type == "switch":
            return text.strip().lower() in ("true", "1", "yes", "on")
        if ui_type in _JSON_TYPES:
            return json.loads(text)
    except (ValueError, json.JSONDecodeError):
        return text
    return text


def _conditions(raw: str, block_id: str) -> tuple[str, dict[str, str]]:
    """Give condition entries Sim's ids (<blockId>-if / -else-if-N / -else); map branch names to them."""
    try:
        entries = json.loads(raw)
    except (TypeError, json.JSONDecodeError):
        return raw, {}
    if not isinstance(entries, list):
        return raw, {}
    handles: dict[str, str] = {}
    elif_n = 0
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        title = str(entry.get("title", "")).lower().replace("_", " ").strip()
        if title == "if":
            suffix = "if"
        elif title == "else":
            suffix = "else"
        else:
            elif_n += 1
            suffix = f"else-if-{elif_n}"
        given = entry.get("id")
        entry["id"] = f"{block_id}-{suffix}"
        entry.setdefault("value", "")
        handles[suffix] = entry["id"]
        if isinstance(given, str) and given:
            handles[given] = entry["id"]
    return json.dumps(entries), handles


def compose(plan: WorkflowPlan, *, seed: str) -> Composed:
    from lib.sim.registry import get_block

    ids: dict[str, str] = {}
    for block in plan.blocks:
        if block.id not in ids:
            ids[block.id] = _uid(seed, block.id)
    blocks: dict[str, dict[str, Any]] = {}
    branch_ids: dict[str, dict[str, str]] = {}
    parents: dict[str, str | None] = {}
    for block in plan.blocks:
        bid = ids[block.id]
        if bid in blocks:
            bid = ids[block.id] = _uid(seed, block.id + f"#{len(blocks)}")
        given = {v.id: v.value for v in block.values}
        parent = ids.get(block.parent, block.parent) if block.parent else None
        parents[bid] = parent
        data: dict[str, Any] = {"parentId": parent, "extent": "parent"} if parent else {}
        if block.type in ("loop", "parallel"):
            data.update({"width": 500, "height": 300, "type": f"{block.type}Node"})
            if block.type == "loop":
                data["loopType"] = block.loop_type or ("forEach" if block.collection else "for")
                data["count"] = block.count or 5
                data["collection"] = block.collection or ""
            else:
                data.update(
                    {
                        "parallelType": "collection" if block.collection else "count",
                        "count": block.count or 5,
                        "collection": block.collection or "",
                    }
                )
            sub_blocks: dict[str, Any] = {}
            outputs: dict[str, Any] = {}
        else:
            spec = get_block(block.type)
            sub_blocks = {}
            if spec is not None:
                specs = list(spec.emit_sub_blocks)
                if block.type == "starter":
                    seen = {s.id for s in specs}
                    specs += [s for s in spec.sub_blocks if s.id in _STARTER_LEGACY and s.id not in seen]
                for s in specs:
                    value = _coerce(given[s.id], s.type) if s.id in given else copy.deepcopy(s.default)
                    sub_blocks[s.id] = {"id": s.id, "type": s.type, "value": value}
            for key, text in given.items():
                if key not in sub_blocks:
                    sub_blocks[key] = {"id": key, "type": "short-input", "value": text}
            if block.type == "condition" and isinstance(sub_blocks.get("conditions", {}).get("value"), str):
                sub_blocks["conditions"]["value"], branch_ids[bid] = _conditions(
                    sub_blocks["conditions"]["value"], bid
                )
            outputs = copy.deepcopy(spec.outputs) if spec is not None else {}
        blocks[bid] = {
            "id": bid,
            "type": block.type,
            "name": block.name,
            "position": {"x": 0.0, "y": 0.0},
            "subBlocks": sub_blocks,
            "outputs": outputs,
            "enabled": True,
            "horizontalHandles": True,
            "isWide": False,
            "advancedMode": False,
            "height": 0,
            "data": data,
        }
    edges = []
    for i, e in enumerate(plan.edges):
        source, target = ids.get(e.source, e.source), ids.get(e.target, e.target)
        handle = e.handle or "source"
        if source in branch_ids:
            if handle.startswith("condition-"):
                handle = handle.replace(e.source, source)
            else:
                handle = "condition-" + branch_ids[source].get(handle, f"{source}-{handle}")
        edges.append(
            {
                "id": _uid(seed, f"edge:{i}:{e.source}:{handle}:{e.target}"),
                "source": source,
                "target": target,
                "sourceHandle": handle,
                "targetHandle": "target",
            }
        )
    positions, sizes = layout(
        list(blocks),
        parents,
        [(e["source"], e["target"]) for e in edges if not e["sourceHandle"].endswith("start-source")],
    )
    for bid, (x, y) in positions.items():
        blocks[bid]["position"] = {"x": x, "y": y}
        if bid in sizes:
            blocks[bid]["data"]["width"], blocks[bid]["data"]["height"] = sizes[bid]
    loops, parallels = {}, {}
    for bid, b in blocks.items():
        if b["type"] in ("loop", "parallel"):
            nodes = [c for c, p in parents.items() if p == bid]
            d = b["data"]
            if b["type"] == "loop":
                loops[bid] = {
                    "id": bid,
                    "nodes": nodes,
                    "iterations": d["count"],
                    "loopType": d["loopType"],
                    "forEachItems": d["collection"],
                }
            else:
                parallels[bid] = {
                    "id": bid,
                    "nodes": nodes,
                    "count": d["count"],
                    "parallelType": d["parallelType"],
                    "distribution": d["collection"],
                }
    state = {"blocks": blocks, "edges": edges, "loops": loops, "parallels": parallels}
    return Composed(state, {uid: local for local, uid in ids.items()})
