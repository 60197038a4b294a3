"""lib/generation/vectors.py: a search that takes a vector gets the embedding of its words; a write that takes points
gets each item paired with its vector. The points' code runs in Node here, with the values Sim would paste in."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from lib.generation import planner
from lib.sim.names import REFERENCE_RE

_UPSERT = "Every hour read the new rows of the Supabase table 'tickets' and store them in the Qdrant collection 'tickets'."


def _points_code() -> str:
    plan = planner.draft(_UPSERT).plan
    qdrant = next(b for b in plan.blocks if b.type == "qdrant")
    local = REFERENCE_RE.fullmatch(plan.value(qdrant.id, "points") or "").group("block")
    return plan.value(local, "code") or ""


def test_the_upsert_reads_points_made_after_the_embedding_and_the_read_is_tested_first():
    plan = planner.draft(_UPSERT).plan
    order = [b.type for b in plan.blocks]
    assert order == [
        "starter",
        "supabase",
        "condition",
        "function",
        "function",
        "openai",
        "function",
        "qdrant",
    ]
    embed = next(b for b in plan.blocks if b.type == "openai")
    assert REFERENCE_RE.fullmatch(plan.value(embed.id, "input") or "")  # the texts function's list
    test = json.loads(
        plan.value(next(b for b in plan.blocks if b.type == "condition").id, "conditions") or "[]"
    )
    assert "<supabase1.results>" in test[0]["value"]


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the function")
def test_each_item_becomes_a_point_with_its_vector_and_a_stable_id():
    code = _points_code()
    items = [{"id": 7, "title": "Leak"}, {"id": "tk-9", "title": "Door"}, "a plain line"]
    vectors = [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]
    body = code.replace("<supabase1.results>", json.dumps(items))
    body = REFERENCE_RE.sub(json.dumps(vectors), body)  # the embeddings' output
    run = f"console.log(JSON.stringify((() => {{ {body} }})()))"
    out = subprocess.run(["node", "-e", run], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    points = json.loads(out.stdout)
    assert [p["vector"] for p in points] == vectors
    assert points[0]["id"] == 7 and points[0]["payload"] == items[0]  # Qdrant takes an unsigned integer id
    uuid = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    assert re.match(uuid, points[1]["id"]) and re.match(uuid, points[2]["id"])
    assert points[2]["payload"] == {"text": "a plain line"}
    again = subprocess.run(["node", "-e", run], capture_output=True, text=True)
    assert json.loads(again.stdout) == points  # the same items give the same ids: a run again updates them
