"""facts: the one walk of a block's subBlocks flags every subBlock a rule could report.

The ids, block_types and secrets rules look only at the subBlocks the walk flags, and structure
skips its subBlock walk on the record's `typed`; a subBlock wrongly passed would hide a finding.
Each rule is run here twice on the same context, once as it reads the facts and once with every
subBlock flagged (what it did before the walk), over every golden state, Sim's exports and the
benchmark state, each as it is and with its subBlocks corrupted at random (undeclared ids, odd
UI types, dropdown values of every JSON type, credential names, tool lists, tables, ids), and
with blocks' own ids, names and extents and edges' ids, ends and handles corrupted (the
block-by-block paths of ids and containers run only when the context's walk flags something,
the edges rule looks only at the edges it did not find plain).
"""

from __future__ import annotations

import copy
import gzip
import json
import random
from pathlib import Path
from typing import Any

from bench.validate import build_state
from lib.validation.context import Context, detect_era
from lib.validation.rules import block_types, containers, edges, ids, secrets
from lib.validation.shape import _sub_blocks, well_typed

GOLDEN = Path(__file__).resolve().parent / "golden" / "states.json.gz"
EXAMPLES = Path("/work/shared/sim-examples")
_VALUES: list[Any] = [
    None, True, 0, 2.5, "", "  ", "GET", "get", "POST", "manual", "schedule", "gpt-4o", "<start.input>",
    "{{OPENAI_API_KEY}}", "sk-plain-value", "plain", ["x"], [], {}, {"a": 1},
    '[{"type": "x", "params": {"apiKey": "abc123secret"}}]', "not json [",
    [{"type": "x", "params": {"token": "abc123secret"}}],
    [{"id": "r", "cells": {"Key": "Authorization", "Value": "Bearer abc"}}],
    [{"cells": {"Key": "Accept", "Value": "json"}}],
    "{{ANTHROPIC_API_KEY}}", "Bearer {{STRIPE_SECRET_KEY}}", "https://api.example.com/x?key={{OPENAI_API_KEY}}",
    [{"id": "r", "cells": {"Key": "Authorization", "Value": "Bearer {{GITHUB_TOKEN}}"}}],
    {"text": "{{ACME_TOKEN}}"}, "••••", "<agent1.content>", " ", "changeme",
]  # fmt: skip
_TYPES: list[Any] = [
    "short-input", "long-input", "dropdown", "combobox", "code", "table", "tool-input", "oauth-input",
    "unknown", "switch", "time-input", None, 5,
]  # fmt: skip
_IDS = ["apiKey", "token", "password", "zzz", "tools", "headers", "params", "method", "model", "operation",
        "channel", "manualChannel", "credential", "botToken", "url", "code", "body"]  # fmt: skip


def _states() -> list[dict[str, Any]]:
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as fh:
        states = [case["state"] for case in json.load(fh)["cases"]]
    for path in sorted(EXAMPLES.rglob("*.json")) if EXAMPLES.is_dir() else []:
        try:
            states.append(json.loads(path.read_text()))
        except ValueError:
            continue
    states.append(build_state(variant=7))
    return states


def _corrupt(state: Any, rng: random.Random) -> Any:
    state = copy.deepcopy(state)
    blocks = state.get("blocks") if isinstance(state, dict) else None
    if not isinstance(blocks, dict) or not blocks:
        return state
    for _ in range(rng.randint(1, 6)):
        key = rng.choice(list(blocks))
        block = blocks[key]
        if isinstance(block, dict) and rng.random() < 0.15:  # the block's own keys, an edge's id
            _corrupt_block(state, key, block, rng)
            continue
        subs = block.get("subBlocks") if isinstance(block, dict) else None
        if not isinstance(subs, dict):
            continue
        roll = rng.random()
        if roll < 0.4 or not subs:
            sub_id = rng.choice(_IDS + list(subs))
            subs[sub_id] = {
                "id": sub_id,
                "type": rng.choice(_TYPES),
                "value": copy.deepcopy(rng.choice(_VALUES)),
            }
        else:
            sub_id = rng.choice(list(subs))
            sub = subs[sub_id]
            if not isinstance(sub, dict) or roll > 0.95:
                subs[sub_id] = rng.choice([None, "x", [], {"type": "short-input"}])
            elif roll < 0.6:
                sub["value"] = copy.deepcopy(rng.choice(_VALUES))
            elif roll < 0.8:
                sub["type"] = rng.choice(_TYPES)
            else:
                sub["id"] = rng.choice(["other", sub_id, 5, None])
    return state


def _corrupt_block(state: dict[str, Any], key: str, block: dict[str, Any], rng: random.Random) -> None:
    roll = rng.random()
    if roll < 0.2:
        block["id"] = rng.choice(["other", 5, None, *state["blocks"]])
    elif roll < 0.4:
        block["name"] = rng.choice(["", " . ", "Loop", "variable", "Start", 7, None, "Agent 1", "agent1"])
    elif roll < 0.6:
        data = block.setdefault("data", {})
        if isinstance(data, dict):
            data.pop("parentId", None)
            data["extent"] = rng.choice(["parent", None, "x"])
    elif roll < 0.7:
        block["extent"] = "parent"
    else:
        edges = state.get("edges")
        if isinstance(edges, list) and edges and isinstance(edges[0], dict):
            edge = {**edges[0], "id": rng.choice([edges[0].get("id"), 3, "fresh"])}
            edge[rng.choice(["source", "target", "sourceHandle", "targetHandle"])] = rng.choice(
                [
                    *state["blocks"],
                    key,
                    "gone",
                    None,
                    "",
                    "source",
                    "target",
                    "error",
                    "condition-x",
                    "loop-start-source",
                ]
            )
            edges[rng.randrange(len(edges))] = edge


def _everything_flagged(ctx: Context) -> Context:
    """The same context with every kept subBlock flagged for every rule."""
    flagged = copy.copy(ctx)
    flagged.facts = facts = copy.copy(ctx.facts)
    facts.type_suspects = {bid: list(subs) for bid, subs in facts.subs.items()}
    facts.secret_suspects = {bid: list(subs) for bid, subs in facts.subs.items()}
    flagged.sends_secrets = {bid for bid, block_type in ctx.types.items() if block_type == "api"}
    flagged.odd_block_ids = flagged.stray_extents = True  # the block-by-block paths of ids and containers
    flagged.odd_edges = list(ctx.edges)  # every edge for the edges rule
    facts.odd_ids = {
        bid: [k for k, s in subs.items() if isinstance(s.get("id"), str) and s.get("id") != k]
        for bid, subs in facts.subs.items()
    }
    return flagged


def _dump(findings: Any) -> list[dict[str, Any]]:
    return [f.model_dump() for f in findings]


def test_the_rules_find_the_same_with_and_without_the_walks_flags():
    rng = random.Random(14)
    checked = flagged_findings = 0
    for state in _states():
        for variant in (state, _corrupt(state, rng), _corrupt(state, rng)):
            ctx = Context(variant, detect_era(variant))
            full = _everything_flagged(ctx)
            for rule in (ids.RULE, block_types.RULE, secrets.RULE, containers.RULE, edges.RULE):
                now, before = _dump(rule.check(ctx)), _dump(rule.check(full))
                assert now == before, (rule.name, variant)
                flagged_findings += len(now)
            raw_blocks = variant.get("blocks") if isinstance(variant, dict) else None
            for bid in ctx.facts.subs:
                subs = raw_blocks[bid].get("subBlocks")
                assert ctx.facts.typed(bid) == (type(subs) is dict and _sub_blocks(subs)), (bid, subs)
            assert well_typed(variant, ctx.facts, ctx.edges_typed) == well_typed(variant)
            checked += 1
    assert checked > 1500 and flagged_findings > 1000
