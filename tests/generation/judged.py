"""Our own labelled descriptions (`planner_round*.jsonl`), judged by structure like the bench sets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.structure_judge import Judge
from lib.errors import CannotPlan
from lib.generation import planner
from lib.generation.compose import compose
from lib.validation import runtime_findings, validate


def cases(name: str, known: dict[str, str]) -> list[Any]:
    """One pytest param per line of `name`; those in `known` (id → reason) are strict xfails."""
    items = [
        json.loads(line)
        for line in Path(__file__).with_name(name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return [
        pytest.param(i, id=i["id"], marks=[pytest.mark.xfail(reason=known[i["id"]], strict=True)])
        if i["id"] in known
        else pytest.param(i, id=i["id"])
        for i in items
    ]


def assert_right(item: dict[str, Any], seed: str) -> None:
    """Built: valid, no runtime error, every label right; refused: only when a refusal is acceptable."""
    try:
        state = compose(planner.plan(item["description"]), seed=seed).state
    except CannotPlan:
        assert item["expect"] != "workflow", "refused a workflow the user needed"
        return
    report = validate(state)
    assert [f.code for f in runtime_findings(report) if f.severity == "error"] == []
    assert report.valid
    verdict = Judge(item, state, False).verdict()
    assert verdict.misses == []
