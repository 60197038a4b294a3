"""Every description of every evaluation set (`bench/generation_*.jsonl`) planned offline: no crash,
and every state produced passes the nine validators with no runtime error (issue 9: a state Sim
would throw on is never handed out, whether or not it is what the user asked for)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.generation_eval import run_planner
from lib.generation.claude import is_runtime

SETS = sorted((Path(__file__).parents[2] / "bench").glob("generation_*.jsonl"))


def test_the_sets_are_found():
    assert len(SETS) >= 16, [p.name for p in SETS]


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_every_state_of_the_set_is_valid_with_no_runtime_error(path):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    items = [
        {"id": f"line {n}"} | json.loads(line) for n, line in enumerate(lines, 1)
    ]  # older sets have no ids
    produced, _elapsed = run_planner(items)
    crashed = [item["id"] for item, p in zip(items, produced) if p.crashed]
    assert not crashed, crashed
    states = [(item["id"], p) for item, p in zip(items, produced) if p.state is not None]
    assert states  # each set has workflows to build
    invalid = [i for i, p in states if not p.valid]
    assert not invalid, invalid
    runtime = {
        i: [f.code for f in p.findings if is_runtime(f) and f.severity == "error"]
        for i, p in states
        if any(is_runtime(f) and f.severity == "error" for f in p.findings)
    }
    assert not runtime, runtime
