"""Validation throughput on 50-block JUL25 states, beside floors measured in the same run.

Run: python bench/validate.py [states]   (no assertions; numbers only)

Every validated state is distinct (its texts, code and conditions carry the state's number), so
caches keyed by text (reference scans, JavaScript parses) start cold for each one; the "same
state again" line shows the warm case. Floors, over the same states: a plain recursive walk
that visits every value once, and Pydantic's model check of the state (what the structure rule
used to run on every call). Rates are per second of this process's CPU time, so other load on
a shared machine does not count against either side.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib.sim.state import WorkflowState
from lib.validation import validate


def _block(bid, block_type, name, subs, x, parent=None, data=None):
    data = dict(data or {})
    if parent:
        data.update(parentId=parent, extent="parent")
    return {
        "id": bid,
        "type": block_type,
        "name": name,
        "position": {"x": x, "y": 100},
        "subBlocks": {k: {"id": k, "type": t, "value": v} for k, (t, v) in subs.items()},
        "outputs": {},
        "enabled": True,
        "horizontalHandles": True,
        "isWide": False,
        "advancedMode": False,
        "height": 0,
        "data": data,
    }


def _edge(i, source, target, handle="source", target_handle="target"):
    return {
        "id": f"e{i}",
        "source": source,
        "target": target,
        "sourceHandle": handle,
        "targetHandle": target_handle,
    }


def build_state(size: int = 50, variant: int = 0) -> dict:
    """starter → condition → (if) chain of agent/api/function ... ; (else) loop{function, agent} → chain."""
    blocks = [
        _block(
            "start",
            "starter",
            "Start",
            {"startWorkflow": ("dropdown", "manual"), "inputFormat": ("input-format", [])},
            0,
        ),
        _block(
            "cond",
            "condition",
            "Route",
            {
                "conditions": (
                    "condition-input",
                    json.dumps(
                        [
                            {"id": "cond-if", "title": "if", "value": f"<start.input> != 'v{variant}'"},
                            {"id": "cond-else", "title": "else", "value": ""},
                        ]
                    ),
                )
            },
            300,
        ),
        _block(
            "loop",
            "loop",
            "Loop 1",
            {},
            600,
            data={"loopType": "forEach", "collection": "<start.input>", "count": 5},
        ),
        _block(
            "lf", "function", "Loop Fn", {"code": ("code", "return <loop.currentItem>")}, 50, parent="loop"
        ),
        _block(
            "la",
            "agent",
            "Loop Agent",
            {
                "userPrompt": ("long-input", "<loopfn.result>"),
                "model": ("combobox", "gpt-4o"),
                "apiKey": ("short-input", "{{OPENAI_API_KEY}}"),
            },
            300,
            parent="loop",
        ),
    ]
    edges = [
        _edge(1, "start", "cond"),
        _edge(2, "cond", "loop", "condition-cond-else", None),
        _edge(3, "loop", "lf", "loop-start-source"),
        _edge(4, "lf", "la"),
    ]
    previous, previous_name = "cond", None
    kinds = ["agent", "api", "function"]
    for i in range(size - len(blocks)):
        kind = kinds[i % 3]
        bid, name = f"b{i}", f"{kind.capitalize()} {i}"
        ref = f"<{previous_name}>" if previous_name else "<start.input>"
        if kind == "agent":
            subs = {
                "systemPrompt": ("long-input", f"Be brief. (v{variant})"),
                "userPrompt": ("long-input", f"Use {ref}"),
                "model": ("combobox", "gpt-4o"),
                "apiKey": ("short-input", "{{OPENAI_API_KEY}}"),
                "tools": ("tool-input", []),
                "responseFormat": ("code", None),
            }
            out = "content"
        elif kind == "api":
            subs = {
                "url": ("short-input", f"https://example.com/v{variant}"),
                "method": ("dropdown", "POST"),
                "headers": (
                    "table",
                    [{"id": "h", "cells": {"Key": "Authorization", "Value": "Bearer {{TOKEN}}"}}],
                ),
                "body": ("code", f'{{"v": "{ref}", "n": {variant}}}'),
            }
            out = "data"
        else:
            subs = {"code": ("code", f"return {ref} // a < b stays a comparison (v{variant})")}
            out = "result"
        blocks.append(_block(bid, kind, name, subs, 900 + 300 * i))
        handle = "condition-cond-if" if previous == "cond" else "source"
        edges.append(_edge(len(edges) + 1, previous, bid, handle))
        if i == 10:
            edges.append(_edge(len(edges) + 1, "loop", bid, "loop-end-source"))
        previous, previous_name = bid, f"{kind}{i}.{out}"
    loops = {
        "loop": {
            "id": "loop",
            "nodes": ["lf", "la"],
            "iterations": 5,
            "loopType": "forEach",
            "forEachItems": "<start.input>",
        }
    }
    return {"blocks": {b["id"]: b for b in blocks}, "edges": edges, "loops": loops, "parallels": {}}


def _walk(value) -> int:
    """The floor: visit every value of the state once."""
    if isinstance(value, dict):
        return 1 + sum(_walk(v) for v in value.values())
    if isinstance(value, list):
        return 1 + sum(_walk(v) for v in value)
    return 1


def _rate(label: str, states: list[dict], run) -> float:
    """States per second of CPU time (process_time: the machine is shared, wall time is noisy)."""
    timings = []
    start = time.process_time()
    for state in states:
        t0 = time.process_time()
        run(state)
        timings.append((time.process_time() - t0) * 1000)
    total = time.process_time() - start
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    rate = len(states) / total
    print(f"  {label:<44} {rate:>8.0f} states/s   p50 {statistics.median(timings):.3f} ms   p95 {p95:.3f} ms")
    return rate


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    states = [build_state(variant=i + 1) for i in range(count)]
    first = validate(build_state())  # loads the registry and the JavaScript parser once
    print(
        f"{count} distinct states of {len(states[0]['blocks'])} blocks, {len(states[0]['edges'])} edges; "
        f"valid={first.valid}, findings={len(first.findings)}"
    )
    walk = _rate("floor: plain walk of every value", states, _walk)
    _rate("reference: Pydantic model check only", states, WorkflowState.model_validate)
    rate = _rate("validate (nine rules + runtime checks)", states, validate)
    same = [states[0]] * count
    _rate("validate, the same state again (warm caches)", same, validate)
    print(f"validate runs at {rate / walk:.2f}x the plain walk's rate")


if __name__ == "__main__":
    main()
