"""JUL25's YAML workflow format (the editor's Export button, sim-format §5.4) ↔ a state.

The YAML names each block's type, name, non-empty inputs, outgoing connections and parent;
it has no positions, subBlock types or outputs. Export writes that shape; import rebuilds a
state from it the way JUL25's importer did (§5.2): subBlocks from the registry, unknown inputs
as short-input, positions laid out in layers. Block ids are kept as given so re-imports match.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from lib.errors import InvalidInput
from lib.sim import branches
from lib.sim.rows import CONTAINERS, edge_id, fill_subflows, spec_of

__all__ = ["from_yaml", "is_jul25_yaml", "parse_yaml", "to_yaml"]

_CONTAINER_INPUTS = {
    "loop": {"loopType": "loopType", "count": "count", "collection": "collection"},
    "parallel": {"parallelType": "parallelType", "count": "count", "distribution": "collection"},
}


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _condition_labels(block: dict[str, Any]) -> dict[str, str]:
    """condition entry id → 'if' / 'else-if' / 'else-if-2' / 'else', in the order of the conditions value."""
    entries = branches.of_block(block)
    labels: dict[str, str] = {}
    middle = 0
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict) or "id" not in entry:
            continue
        if i == 0:
            labels[str(entry["id"])] = "if"
        elif entry.get("title") == "else":
            labels[str(entry["id"])] = "else"
        else:
            middle += 1
            labels[str(entry["id"])] = "else-if" if middle == 1 else f"else-if-{middle}"
    return labels


def _connections(block: dict[str, Any], edges: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}

    def put(group: dict[str, Any], key: str, target: str) -> None:
        if key not in group:
            group[key] = target
        else:
            group[key] = (group[key] if isinstance(group[key], list) else [group[key]]) + [target]

    labels = _condition_labels(block)
    for edge in edges:
        handle, target = edge.get("sourceHandle") or "source", edge["target"]
        if handle == "source":
            put(out, "success", target)
        elif handle == "error":
            put(out, "error", target)
        elif handle.startswith("condition-"):
            cid = handle[len("condition-") :]
            put(out.setdefault("conditions", {}), labels.get(cid, cid), target)
        elif handle in (
            "loop-start-source",
            "loop-end-source",
            "parallel-start-source",
            "parallel-end-source",
        ):
            kind, end = handle.split("-")[:2]
            put(out.setdefault(kind, {}), end, target)
        else:
            put(out.setdefault("handles", {}), handle, target)
    return out


def to_yaml(state: dict[str, Any]) -> str:
    """The JUL25 YAML text of a state (values verbatim; redact before calling for an export)."""
    by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for edge in state.get("edges") or []:
        if isinstance(edge, dict) and edge.get("source") and edge.get("target"):
            by_source[edge["source"]].append(edge)
    blocks: dict[str, Any] = {}
    for bid, block in (state.get("blocks") or {}).items():
        btype = block.get("type")
        entry: dict[str, Any] = {"type": btype, "name": block.get("name")}
        data = block.get("data") or {}
        if btype in CONTAINERS:
            inputs = {key: data.get(src) for key, src in _CONTAINER_INPUTS[btype].items()}
        else:
            inputs = {
                sid: sub.get("value")
                for sid, sub in (block.get("subBlocks") or {}).items()
                if isinstance(sub, dict)
            }
        inputs = {k: v for k, v in inputs.items() if not _empty(v)}
        if inputs:
            entry["inputs"] = inputs
        connections = _connections(block, by_source.get(bid, []))
        if connections:
            entry["connections"] = connections
        if data.get("parentId"):
            entry["parentId"] = data["parentId"]
        if block.get("enabled") is False:
            entry["enabled"] = False
        blocks[bid] = entry
    import yaml  # loaded where YAML is written or parsed, not by every route importing this module

    return yaml.safe_dump(
        {"version": "1.0", "blocks": blocks}, sort_keys=False, allow_unicode=True, width=120
    )


def parse_yaml(text: str | bytes, *, file: str = "workflow.yaml") -> Any:
    """YAML text → Python data within the input limits (aliases bounded before expansion)."""
    from lib import limits

    return limits.load_yaml(text, field=file)


def is_jul25_yaml(doc: Any) -> bool:
    """True for the export shape (blocks with inputs/connections), not a state written as YAML."""
    blocks = doc.get("blocks") if isinstance(doc, dict) else None
    if not isinstance(blocks, dict) or "state" in doc:
        return False
    return not any(isinstance(b, dict) and ("subBlocks" in b or "position" in b) for b in blocks.values())


def _fail(file: str, path: str, message: str) -> InvalidInput:
    return InvalidInput(
        f"{file}{path}: {message}",
        field=f"{file}{path}",
        details=[{"file": file, "line": None, "reason": f"{path}: {message}"}],
    )


def _targets(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [] if value is None else [str(value)]


def _edges_of(bid: str, block: dict[str, Any], cond_ids: dict[str, str]) -> list[tuple[str, str]]:
    """(handle, target) pairs from one block's `connections`."""
    conns = block.get("connections") or {}
    pairs: list[tuple[str, str]] = []
    for key, value in conns.items():
        if key in ("success", "error"):
            handle = "source" if key == "success" else "error"
            pairs += [(handle, t) for t in _targets(value)]
        elif key == "conditions" and isinstance(value, dict):
            for label, tgt in value.items():
                cid = cond_ids.get(str(label), str(label))
                pairs += [(f"condition-{cid}", t) for t in _targets(tgt)]
        elif key in ("loop", "parallel") and isinstance(value, dict):
            for end, tgt in value.items():
                pairs += [(f"{key}-{end}-source", t) for t in _targets(tgt)]
        elif key == "handles" and isinstance(value, dict):
            for handle, tgt in value.items():
                pairs += [(str(handle), t) for t in _targets(tgt)]
    return pairs


def from_yaml(doc: Any, *, file: str = "workflow.yaml") -> dict[str, Any]:
    """A state from a parsed JUL25 YAML export. InvalidInput names the first broken place."""
    if not isinstance(doc, dict):
        raise _fail(
            file, "", f"the root must be a mapping with 'version' and 'blocks', not {type(doc).__name__}"
        )
    if "version" not in doc:
        raise _fail(file, "/version", "is required (use '1.0')")
    if not isinstance(doc.get("blocks"), dict):
        raise _fail(file, "/blocks", "must be a mapping of block id → block")
    raw: dict[str, dict[str, Any]] = doc["blocks"]
    for bid, b in raw.items():
        where = f"/blocks/{bid}"
        if not isinstance(b, dict):
            raise _fail(file, where, "must be a mapping with type and name")
        for key in ("type", "name"):
            if not isinstance(b.get(key), str) or not b[key]:
                raise _fail(file, f"{where}/{key}", "is required and must be a string")
        for key in ("inputs", "connections"):
            if b.get(key) is not None and not isinstance(b[key], dict):
                raise _fail(file, f"{where}/{key}", "must be a mapping")
        if b.get("parentId") is not None and str(b["parentId"]) not in raw:
            raise _fail(
                file, f"{where}/parentId", f"names {b['parentId']!r}, which is not a block in this file"
            )

    blocks = {str(bid): _block(str(bid), b) for bid, b in raw.items()}
    edges: list[dict[str, Any]] = []
    for bid, b in raw.items():
        cond_ids = {label: cid for cid, label in _condition_labels(blocks[str(bid)]).items()}
        for handle, target in _edges_of(str(bid), b, cond_ids):
            if target not in blocks:
                raise _fail(
                    file,
                    f"/blocks/{bid}/connections",
                    f"points to {target!r}, which is not a block in this file",
                )
            edges.append(
                {
                    "id": edge_id("yaml", str(bid), handle, target),
                    "source": str(bid),
                    "target": target,
                    "sourceHandle": handle,
                    "targetHandle": "target",
                }
            )
    _layout(blocks, edges)
    state: dict[str, Any] = {"blocks": blocks, "edges": edges, "loops": {}, "parallels": {}}
    fill_subflows(blocks, [], state)
    return state


def _block(bid: str, b: dict[str, Any]) -> dict[str, Any]:
    btype, inputs = b["type"], dict(b.get("inputs") or {})
    data: dict[str, Any] = {}
    sub_blocks: dict[str, Any] = {}
    outputs: dict[str, Any] = {}
    if btype in CONTAINERS:
        for key, target in _CONTAINER_INPUTS[btype].items():
            if key in inputs:
                data[target] = inputs[key]
        data["type"] = f"{btype}Node"
    else:
        spec = spec_of(btype)
        for sub in getattr(spec, "sub_blocks", None) or []:
            if sub.id not in sub_blocks and getattr(sub, "era", "jul25") != "legacy":
                sub_blocks[sub.id] = {"id": sub.id, "type": sub.type, "value": None}
        for sid, value in inputs.items():
            sub_blocks.setdefault(sid, {"id": sid, "type": "short-input", "value": None})["value"] = value
        outputs = dict(getattr(spec, "outputs", None) or {})
    if b.get("parentId") is not None:
        data["parentId"], data["extent"] = str(b["parentId"]), "parent"
    return {
        "id": bid,
        "type": btype,
        "name": b["name"],
        "position": {"x": 0, "y": 0},
        "subBlocks": sub_blocks,
        "outputs": outputs,
        "enabled": b.get("enabled") is not False,
        "horizontalHandles": True,
        "isWide": False,
        "advancedMode": False,
        "height": 0,
        "data": data,
    }


def _layout(blocks: dict[str, dict[str, Any]], edges: list[dict[str, Any]]) -> None:
    """Layers left to right by longest path, per scope; containers sized around their children."""
    scopes: dict[str | None, list[str]] = defaultdict(list)
    for bid, b in blocks.items():
        scopes[b["data"].get("parentId")].append(bid)

    placed: set[str | None] = set()

    def place(scope: str | None) -> None:
        placed.add(scope)
        members = scopes[scope]
        for child in members:
            if child in scopes and child not in placed:
                place(child)
        layer = dict.fromkeys(members, 0)
        inner = [(e["source"], e["target"]) for e in edges if e["source"] in layer and e["target"] in layer]
        for _ in range(len(members)):  # longest path; bounded so a cycle cannot loop forever
            changed = False
            for s, t in inner:
                if layer[t] < layer[s] + 1 <= len(members):
                    layer[t], changed = layer[s] + 1, True
            if not changed:
                break
        rows: dict[int, int] = defaultdict(int)
        x0, y0, dx, dy = (100, 100, 400, 200) if scope is None else (50, 80, 350, 180)
        for m in members:
            blocks[m]["position"] = {"x": x0 + layer[m] * dx, "y": y0 + rows[layer[m]] * dy}
            rows[layer[m]] += 1
        if scope is not None and members:
            data = blocks[scope]["data"]
            data.setdefault("width", max(blocks[m]["position"]["x"] for m in members) + 350)
            data.setdefault("height", max(blocks[m]["position"]["y"] for m in members) + 200)

    place(None)
