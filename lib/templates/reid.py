"""Fresh block and edge ids for a state, rewritten consistently everywhere Sim stores an id.

Every workflow made from a template (or a cached generation) must get its own ids: Sim keys its
normalized rows by them and two workflows sharing ids would collide on export or re-import.
Block ids live in: the `blocks` keys and `id`, edge ends, `data.parentId` (and the stray `id`/
`nodes` keys Sim writes into container data), `loops`/`parallels` (keys, `id`, `nodes`), and the
condition branch ids the editor derives from the block id (`<blockId>-if`), which also appear in
edge handles (`condition-<blockId>-if`). References use names, not ids, so they need nothing.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from typing import Any

from lib.sim.branches import dump as dump_entries
from lib.sim.branches import parse as parse_entries

_CONDITION_PREFIX = "condition-"


def _new_uuid() -> str:
    return str(uuid.uuid4())


def _map_id(value: Any, ids: dict[str, str]) -> Any:
    return ids.get(value, value) if isinstance(value, str) else value


def _map_list(value: Any, ids: dict[str, str]) -> Any:
    return [_map_id(v, ids) for v in value] if isinstance(value, list) else value


def _rewrite_conditions(
    block: dict, old: str, new: str, ids: dict[str, str], branches: dict[str, str]
) -> None:
    """Rename `<old>-…` branch ids inside a condition block's JSON-string `conditions` value."""
    sub = (block.get("subBlocks") or {}).get("conditions")
    if not isinstance(sub, dict):
        return
    raw = sub.get("value")
    entries = parse_entries(raw)
    if entries is None:
        return
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        cid = entry.get("id")
        if isinstance(cid, str) and cid.startswith(old + "-"):
            entry["id"] = new + cid[len(old) :]
            branches[cid] = entry["id"]
        if "activeSourceBlockId" in entry:
            entry["activeSourceBlockId"] = _map_id(entry["activeSourceBlockId"], ids)
    sub["value"] = dump_entries(entries, raw)


def regenerate_ids(
    state: dict[str, Any], *, make_id: Callable[[], str] = _new_uuid, in_place: bool = False
) -> tuple[dict[str, Any], dict[str, str]]:
    """(a copy of `state` with new block and edge ids, old block id → new block id). `in_place`
    rewrites `state` itself instead, for a state no one else holds (one just read from the store):
    the copy is most of the cost on a large state."""
    if not in_place:
        state = copy.deepcopy(state)
    blocks = found if isinstance(found := state.get("blocks"), dict) else {}
    ids = {old: make_id() for old in blocks}
    branches: dict[str, str] = {}

    new_blocks: dict[str, Any] = {}
    for old, block in blocks.items():
        new = ids[old]
        if isinstance(block, dict):
            block["id"] = new
            if "parentId" in block:
                block["parentId"] = _map_id(block["parentId"], ids)
            data = block.get("data")
            if isinstance(data, dict):
                for key in ("parentId", "id"):
                    if key in data:
                        data[key] = _map_id(data[key], ids)
                if "nodes" in data:
                    data["nodes"] = _map_list(data["nodes"], ids)
            _rewrite_conditions(block, old, new, ids, branches)
        new_blocks[new] = block
    state["blocks"] = new_blocks

    for edge in found if isinstance(found := state.get("edges"), list) else []:
        if not isinstance(edge, dict):
            continue
        edge["id"] = make_id()
        edge["source"] = _map_id(edge.get("source"), ids)
        edge["target"] = _map_id(edge.get("target"), ids)
        handle = edge.get("sourceHandle")
        if isinstance(handle, str) and handle.startswith(_CONDITION_PREFIX):
            branch = handle[len(_CONDITION_PREFIX) :]
            edge["sourceHandle"] = _CONDITION_PREFIX + branches.get(branch, branch)
        if isinstance(edge.get("data"), dict) and "parentId" in edge["data"]:
            edge["data"]["parentId"] = _map_id(edge["data"]["parentId"], ids)

    for kind in ("loops", "parallels"):
        group = state.get(kind)
        if not isinstance(group, dict):
            continue
        remapped = {}
        for key, cfg in group.items():
            if isinstance(cfg, dict):
                if "id" in cfg:
                    cfg["id"] = _map_id(cfg["id"], ids)
                if "nodes" in cfg:
                    cfg["nodes"] = _map_list(cfg["nodes"], ids)
            remapped[_map_id(key, ids)] = cfg
        state[kind] = remapped
    return state, ids
