"""A workflow's structure as weighted features, a fingerprint vector, and why two structures match.

Pattern match compares what a workflow *is*, not what it is called: its trigger, the multiset of
block types, the integrations and the operations they run, branching (conditions, routers and
their arity), loops and parallels and what sits inside them, and which kinds of blocks feed which.
Features are `"<facet>:<value>" → count`; similarity is a weighted Jaccard over them. The
fingerprint (feature hashing into 256 signed dimensions, L2-normalised) lets Postgres find
candidates with an HNSW index; the exact similarity then ranks them and explains the match.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

from lib.sim.registry import get_block

SHAPE_DIM = 256
# How much one unit of each facet weighs in the similarity.
WEIGHTS = {"trigger": 4.0, "type": 2.0, "op": 2.5, "branch": 3.0, "arity": 1.0, "loop": 3.0, "flow": 1.0}
_CONTAINER_TYPES = {"loop", "parallel"}
_CORE = {
    "starter",
    "agent",
    "function",
    "condition",
    "router",
    "api",
    "response",
    "evaluator",
    "loop",
    "parallel",
}


def _value(block: dict[str, Any], sub_id: str) -> Any:
    subs = block.get("subBlocks")
    sub = subs.get(sub_id) if isinstance(subs, dict) else None
    return sub.get("value") if isinstance(sub, dict) else None


def _trigger(block: dict[str, Any]) -> str | None:
    btype = block.get("type")
    if btype == "starter":
        mode = _value(block, "startWorkflow")
        return f"starter-{mode}" if isinstance(mode, str) and mode else "starter-manual"
    spec = get_block(btype)
    if spec is not None and spec.trigger:
        return str(btype)
    if btype in ("start_trigger", "generic_webhook", "webhook", "schedule"):
        return str(btype)
    return None


def features(state: dict[str, Any]) -> dict[str, float]:
    """`{"trigger:starter-schedule": 1, "type:agent": 2, "op:slack.send": 1, ...}` of a state."""
    blocks = state.get("blocks") if isinstance(state, dict) else None
    blocks = blocks if isinstance(blocks, dict) else {}
    out: Counter[str] = Counter()
    types: dict[str, str] = {}
    for key, block in blocks.items():
        if not isinstance(block, dict) or not isinstance(block.get("type"), str):
            continue
        btype = block["type"]
        types[str(block.get("id") or key)] = btype
        trigger = _trigger(block)
        if trigger is not None:
            out[f"trigger:{trigger}"] += 1
            continue
        out[f"type:{btype}"] += 1
        op = _value(block, "operation")
        if isinstance(op, str) and op:
            out[f"op:{btype}.{op}"] += 1
        data = found if isinstance(found := block.get("data"), dict) else {}
        parent = data.get("parentId")
        if parent and isinstance(blocks.get(parent), dict):
            out[f"loop:in-{blocks[parent].get('type')}:{btype}"] += 1
        if btype in _CONTAINER_TYPES:
            kind = data.get("loopType") or data.get("parallelType") or _value(block, "loopType")
            out[f"loop:{btype}-{kind or 'for'}"] += 1
    edges = state.get("edges") if isinstance(state, dict) else None
    fanout: Counter[str] = Counter()
    for e in edges if isinstance(edges, list) else ():
        if not isinstance(e, dict):
            continue
        src, dst = types.get(str(e.get("source"))), types.get(str(e.get("target")))
        if src and dst:
            out[f"flow:{_family(src)}>{_family(dst)}"] += 1
        if src in ("condition", "router"):
            fanout[str(e.get("source"))] += 1
    for bid, btype in types.items():
        if btype in ("condition", "router"):
            out[f"branch:{btype}"] += 1
            out[f"arity:{btype}-{min(fanout[bid], 5)}way"] += 1
    return {k: float(v) for k, v in sorted(out.items())}


def _family(btype: str) -> str:
    """Edge facets use the block type for core blocks and 'tool' for any integration."""
    if btype in _CORE:
        return btype
    spec = get_block(btype)
    return "trigger" if spec is not None and spec.trigger else "tool"


def _weight(feature: str) -> float:
    return WEIGHTS.get(feature.split(":", 1)[0], 1.0)


def shape(feats: dict[str, float]) -> Any:
    """The fingerprint: signed feature hashing of the weighted counts, L2-normalised (numpy)."""
    import numpy as np

    v = np.zeros(SHAPE_DIM, dtype=np.float32)
    for name, count in feats.items():
        h = int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big")
        v[h % SHAPE_DIM] += (1.0 if (h >> 32) & 1 else -1.0) * _weight(name) * count
    norm = float(np.linalg.norm(v))
    if norm == 0.0:
        v[0] = 1.0
        return v
    return v / norm


def similarity(a: dict[str, float], b: dict[str, float]) -> float:
    """Weighted Jaccard: Σ w·min(a, b) / Σ w·max(a, b) over every feature either has."""
    num = den = 0.0
    for name in a.keys() | b.keys():
        w = _weight(name)
        x, y = a.get(name, 0.0), b.get(name, 0.0)
        num += w * min(x, y)
        den += w * max(x, y)
    return num / den if den else 0.0


def _label(feature: str, count: float) -> str:
    facet, value = feature.split(":", 1)
    times = f" ×{int(count)}" if count > 1 else ""
    return {
        "trigger": value.replace("starter-", "") + (" (starter)" if value.startswith("starter-") else ""),
        "type": f"{value}{times}",
        "op": f"{value}{times}",
        "branch": f"{value}{times}",
        "arity": f"{value.replace('-', ' ', 1)} branch{times}",
        "loop": f"{value}{times}",
        "flow": f"{value.replace('>', ' → ')}{times}",
    }.get(facet, feature)


def reasons(query: dict[str, float], other: dict[str, float]) -> list[str]:
    """Why `other` matched `query`, facet by facet, and what differs (short sentences)."""
    out = []
    for facet, title in (
        ("trigger", "same trigger"),
        ("op", "same integrations and operations"),
        ("type", "shared block types"),
        ("branch", "same branching"),
        ("arity", "same number of branches"),
        ("loop", "same loop/parallel shape"),
    ):
        shared = {
            k: min(query[k], other[k]) for k in query.keys() & other.keys() if k.startswith(facet + ":")
        }
        if shared:
            out.append(f"{title}: " + ", ".join(_label(k, v) for k, v in sorted(shared.items())))
    missing = sorted(k for k in query.keys() - other.keys() if not k.startswith("flow:"))
    extra = sorted(k for k in other.keys() - query.keys() if not k.startswith("flow:"))
    if missing:
        out.append("lacks: " + ", ".join(_label(k, query[k]) for k in missing[:8]))
    if extra:
        out.append("also has: " + ", ".join(_label(k, other[k]) for k in extra[:8]))
    if not missing and not extra:
        out.append("identical structure")
    return out
