"""Shared states for the validation tests: the sim-format §1.5 example, a richer JUL25 state with a
condition and a loop, Sim's real exports, and small builders for hand-made broken states."""

from __future__ import annotations

import copy
import json
import types
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = REPO_ROOT.parent / "shared" / "sim-examples" / "landing-page-templates"


def sub(sub_id, value, sub_type="short-input"):
    return {sub_id: {"id": sub_id, "type": sub_type, "value": value}}


def block(bid, block_type, name, *, subs=None, parent=None, data=None, x=0, y=0, **extra):
    data = dict(data or {})
    if parent:
        data.update(parentId=parent, extent="parent")
    out = {
        "id": bid,
        "type": block_type,
        "name": name,
        "position": {"x": x, "y": y},
        "subBlocks": dict(subs or {}),
        "outputs": {},
        "enabled": True,
        "data": data,
    }
    out.update(extra)
    return out


def edge(eid, source, target, source_handle="source", target_handle="target"):
    return {
        "id": eid,
        "source": source,
        "target": target,
        "sourceHandle": source_handle,
        "targetHandle": target_handle,
    }


def state(blocks, edges=(), loops=None, parallels=None):
    return {
        "blocks": {b["id"]: b for b in blocks},
        "edges": list(edges),
        "loops": loops or {},
        "parallels": parallels or {},
    }


def rich_jul25():
    """starter → condition; if → agent → api; else → loop(forEach over a list){function} → api."""
    conditions = json.dumps(
        [
            {"id": "cond-if", "title": "if", "value": "<start.input> != ''", "showTags": False},
            {"id": "cond-else", "title": "else", "value": ""},
        ]
    )
    blocks = [
        block("start", "starter", "Start", subs={**sub("startWorkflow", "manual", "dropdown")}),
        block("cond", "condition", "Check", subs=sub("conditions", conditions, "condition-input")),
        block(
            "agent",
            "agent",
            "Agent 1",
            subs={
                **sub("systemPrompt", "Be brief.", "long-input"),
                **sub("userPrompt", "Answer <start.input>", "long-input"),
                **sub("model", "gpt-4o", "combobox"),
                **sub("apiKey", "{{OPENAI_API_KEY}}"),
            },
        ),
        block("loop", "loop", "Loop 1", data={"loopType": "forEach", "collection": "[1, 2, 3]", "count": 5}),
        block(
            "fn",
            "function",
            "Function 1",
            parent="loop",
            subs=sub("code", "return <loop.currentItem> * 2; // a < b stays a comparison", "code"),
        ),
        block(
            "api",
            "api",
            "API 1",
            subs={
                **sub("url", "https://example.com/hook"),
                **sub("method", "POST", "dropdown"),
                **sub(
                    "headers",
                    [{"id": "r1", "cells": {"Key": "Authorization", "Value": "Bearer {{HOOK_TOKEN}}"}}],
                    "table",
                ),
                **sub("body", '{"answer": "<agent1.content>", "n": "<loop1.results>"}', "code"),
            },
        ),
    ]
    edges = [
        edge("e1", "start", "cond"),
        edge("e2", "cond", "agent", "condition-cond-if"),
        edge("e3", "cond", "loop", "condition-cond-else", None),
        edge("e4", "loop", "fn", "loop-start-source"),
        edge("e5", "agent", "api"),
        edge("e6", "loop", "api", "loop-end-source"),
    ]
    loops = {
        "loop": {
            "id": "loop",
            "nodes": ["fn"],
            "iterations": 5,
            "loopType": "forEach",
            "forEachItems": "[1, 2, 3]",
        }
    }
    return state(blocks, edges, loops)


@pytest.fixture
def build():
    """Builders for hand-made states: build.block/edge/sub/state, build.rich() for a fresh rich state."""
    return types.SimpleNamespace(block=block, edge=edge, sub=sub, state=state, rich=rich_jul25)


@pytest.fixture
def minimal_state():
    """The starter → agent → api example of sim-format §1.5 (a fresh copy per test)."""
    return json.loads((FIXTURES / "sim_format_1_5.json").read_text())


@pytest.fixture
def rich_state():
    return rich_jul25()


def _example_files():
    return sorted(EXAMPLES.glob("*.json")) if EXAMPLES.is_dir() else []


@pytest.fixture(params=_example_files() or [None], ids=lambda p: p.stem if p else "missing")
def sim_export(request):
    """Each of Sim's 11 landing-page exports (HEAD envelopes), read from ../shared."""
    if request.param is None:
        pytest.skip(f"Sim's example exports are not at {EXAMPLES} (shared/ sits beside the repo)")
    return json.loads(request.param.read_text())


def run_rule(rule, state_, era=None):
    """Findings of one rule on a state (era auto-detected unless given)."""
    from lib.validation.context import Context, detect_era

    return list(rule.check(Context(state_, era or detect_era(state_))))


@pytest.fixture
def check():
    return run_rule


@pytest.fixture
def copy_of():
    return copy.deepcopy
