"""scan: the context's walk may call a state clean only where `lib.secrets.find` finds nothing.

The secrets rule skips `find` on a clean state, so a wrong "clean" would hide findings. Checked on
every golden state, Sim's exports and the benchmark state, each as it is and with secrets planted
in every place `find` looks (subBlock values, nested tables and tool params, block keys, data).
"""

from __future__ import annotations

import copy
import gzip
import json
import random
from pathlib import Path
from typing import Any

from bench.validate import build_state
from lib.secrets import find
from lib.validation.context import Context

GOLDEN = Path(__file__).resolve().parent / "golden" / "states.json.gz"
PLANTS = [
    "sk-proj-Qx7Lm2Rt9Vb4Nc8Kd1Fg5Hj3Zp6Ws0Ye7Ua2Ib9Oc4Ed",
    "Bearer Zx81Qm2Rt9Vb4Nc8Kd1F",
    "https://x.io/a?token=plainvalue&limit=10",
    "the password is hunter2hunter2",
    '{"api_key": "k3y-value"}',
    "Qx7Lm2Rt9Vb4Nc8Kd1Fg5Hj3",
    "hunter2",
]


def _states() -> list[Any]:
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as fh:
        states = [case["state"] for case in json.load(fh)["cases"]]
    return [*states, build_state()]


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of every string under the blocks, and of every object (a new key goes there)."""
    found = []
    if isinstance(node, dict):
        found.append(path)
        for key, item in node.items():
            found.extend(_places(item, (*path, key)))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found.extend(_places(item, (*path, index)))
    elif isinstance(node, str):
        found.append(path)
    return found


def _plant(state: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    out = copy.deepcopy(state)
    places = _places(out.get("blocks"))
    path = rng.choice(places)
    parent: Any = out["blocks"]
    for key in path[:-1]:
        parent = parent[key]
    secret = rng.choice(PLANTS)
    if not path:
        out["blocks"][rng.choice(["apiKey", "token", "x"])] = secret
    elif isinstance(parent[path[-1]], dict):
        parent[path[-1]][rng.choice(["apiKey", "value", "password", "note"])] = secret
    else:
        parent[path[-1]] = rng.choice([secret, f"{parent[path[-1]]} {secret}"])
    return out


def _agrees(state: Any) -> None:
    ctx = Context(state, "jul25")
    blocks = state.get("blocks") if isinstance(state, dict) else None
    if ctx.secrets_clean:
        assert find({"blocks": blocks} if isinstance(blocks, dict) else {}) == []


def test_clean_only_where_find_finds_nothing():
    rng = random.Random(5)
    for state in _states():
        _agrees(state)
        if isinstance(state, dict) and isinstance(state.get("blocks"), dict) and state["blocks"]:
            for _ in range(4):
                _agrees(_plant(state, rng))


def test_real_states_are_judged_clean_without_the_search(sim_export):
    """The fast path is the common one: Sim's exports and the benchmark state are clean."""
    from lib.sim.state import unwrap

    assert Context(unwrap(sim_export)[0], "current").secrets_clean
    assert Context(build_state(), "jul25").secrets_clean


def test_a_planted_key_is_not_clean():
    state = build_state()
    state["blocks"]["b0"]["subBlocks"]["userPrompt"]["value"] += (
        " sk-proj-Qx7Lm2Rt9Vb4Nc8Kd1Fg5Hj3Zp6Ws0Ye7Ua2Ib9Oc4Ed"
    )
    assert not Context(state, "jul25").secrets_clean


_TEXTS = [
    "Be brief. (v12)", "https://example.com/v1", "https://x.com/a?sig=abc", "https://u:pw@x.com/a",
    "{{OPENAI_API_KEY}}", "Bearer {{TOKEN}}", 'return <a.b> // "quoted"\n\tnext', "tokens", "see my password",
    "sk-proj-Qx7Lm2Rt9Vb4Nc8Kd1Fg5Hj3Zp6Ws0Ye7Ua2Ib9Oc4Ed", "x\ud800 lone surrogate", "café au lait",
    "token=abcdefgh12345678", "a" * 30, "plain words only",
]  # fmt: skip


def test_texts_judged_together_as_one_by_one():
    """`all_clean` (one JSON text for the walk's plain texts) answers what `clean` answers text by
    text, on every pair and triple of texts that trip or pass its checks."""
    from itertools import combinations

    from lib.validation import scan

    for size in (1, 2, 3):
        for group in combinations(_TEXTS, size):
            texts = [(text, "value") for text in group]
            scan.CLEAN.clear()
            expected = all(scan.clean(text, field, False) for text, field in texts)
            scan.CLEAN.clear()
            assert scan.all_clean(texts) == expected, group


def test_key_value_tables_are_read_as_the_general_walk_reads_them():
    """A table stored as Sim writes it (`scan.key_value_rows`) is read straight from its texts: the
    walk's secret verdict, its tagged strings and the api host check's suspicion must be what the
    general readings give (`clean_value`, `tagged_in`, `_suspect_in`) on random tables."""
    from lib.validation import exfiltration, facts, scan

    rng = random.Random(17)
    texts = [
        *_TEXTS,
        "",
        "h",
        "Authorization",
        "X-Api-Key",
        "Accept",
        "<a.b>",
        "x < y",
        "{{ANTHROPIC_API_KEY}}",
    ]
    checked = 0
    for _ in range(3000):
        rows = []
        for _ in range(rng.randint(1, 3)):
            row: Any = {
                "id": rng.choice(texts),
                "cells": {"Key": rng.choice(texts), "Value": rng.choice(texts)},
            }
            if rng.random() < 0.1:  # now and then a row Sim would not write: read the general way
                row = rng.choice([{"cells": row["cells"]}, {**row, "x": 1}, {"id": 3, "cells": row["cells"]}])
            rows.append(row)
        block = {"id": "a", "type": "api", "name": "A", "position": {"x": 0, "y": 0}, "enabled": True}
        block["subBlocks"] = {"headers": {"id": "headers", "type": "table", "value": rows}}
        scan.CLEAN.clear()
        scan._NO_PART.clear()
        ctx = Context({"blocks": {"a": block}, "edges": []}, "jul25")
        scan.CLEAN.clear()
        scan._NO_PART.clear()
        assert ctx.secrets_clean == scan.clean_value(rows, "headers", False, 4), rows
        tagged = [("headers", inner, text) for inner, text in facts.tagged_in(rows, (), 0)]
        assert ctx.tagged("a") == tagged, rows
        assert exfiltration._suspect(rows) == exfiltration._suspect_in(rows, 0), rows
        checked += scan.key_value_rows(rows) is not None
    assert checked > 2000
