"""Rows → state: Sim's loader shape, parent columns merged, edges inferred only from evidence."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "imports"))

import rowfixtures as F

from lib.sim.rows import build_state
from lib.validation import validate


def _pairs(state):
    return {(e["source"], e["sourceHandle"], e["target"]) for e in state["edges"]}


def test_blocks_follow_sims_loader_and_merge_parent_columns():
    built = build_state(F.triage_blocks(), workflow=F.workflow_row())
    fn = built.state["blocks"][F.FUNC]
    assert fn["data"] == {"parentId": F.LOOP, "extent": "parent"}  # data was {} in the row (§9.6)
    assert fn["parentId"] == F.LOOP and fn["position"] == {"x": 120, "y": 90}
    start = built.state["blocks"][F.START]
    assert start["height"] == 95 and start["outputs"] == {"response": {"type": {"input": "any"}}}
    assert built.name == "Support triage" and built.sim_fields["run_count"] == 4


def test_edges_inferred_from_references_and_membership_with_assumptions():
    built = build_state(F.triage_blocks(), workflow=F.workflow_row())
    assert _pairs(built.state) == {
        (F.START, "source", F.AGENT),  # <start.input>
        (F.AGENT, "source", F.API),  # <agent1.content>
        (F.AGENT, "source", F.LOOP),  # the loop child reads <agent1.content>: lifted to the loop
        (F.LOOP, "loop-start-source", F.FUNC),  # the only child of the loop
    }
    kinds = [a["kind"] for a in built.assumptions]
    assert kinds.count("edge_inferred") == 3 and kinds.count("container_start_edge") == 1
    assert all(
        a.get("edge") in {e["id"] for e in built.state["edges"]}
        for a in built.assumptions
        if "edge" in a.get("kind", "") or a["kind"] == "container_start_edge"
    )
    assert built.state["loops"][F.LOOP]["nodes"] == [F.FUNC]
    report = validate(built.state)
    assert report.valid, [f.message for f in report.errors]


def test_transitive_reference_is_not_an_edge_and_runtime_refs_are_not_evidence():
    blocks = F.triage_blocks()[:3]
    # The api also reads <start.input>; it is already downstream of Start through the agent.
    blocks[2]["sub_blocks"]["url"]["value"] = (
        "https://x.example.com/<start.input>?i=<loop.index>&v=<variable.k>"
    )
    built = build_state(blocks, workflow=F.workflow_row())
    assert _pairs(built.state) == {(F.START, "source", F.AGENT), (F.AGENT, "source", F.API)}


def test_no_edges_to_unknown_names_static_text_or_into_the_starter():
    blocks = F.triage_blocks()[:2]
    blocks[1]["sub_blocks"]["systemPrompt"]["value"] = "Use <ghost.content>, a < b.c and <br>"
    blocks[0]["sub_blocks"]["webhookPath"]["value"] = "<agent1.content>"  # the starter has no target handle
    built = build_state(blocks, workflow=F.workflow_row())
    assert _pairs(built.state) == {(F.START, "source", F.AGENT)}
    assert any(a["kind"] == "edge_not_inferred" for a in built.assumptions)


def test_edge_rows_are_used_as_given_and_dangling_ones_dropped():
    edges = [
        {
            "id": "e1",
            "source_block_id": F.START,
            "target_block_id": F.AGENT,
            "source_handle": "source",
            "target_handle": "target",
        },
        {
            "id": "e2",
            "source_block_id": F.AGENT,
            "target_block_id": "gone",
            "source_handle": "source",
            "target_handle": None,
        },
    ]
    built = build_state(F.triage_blocks(), edges, workflow=F.workflow_row())
    assert [e["id"] for e in built.state["edges"]] == ["e1"]
    assert [a["kind"] for a in built.assumptions if a["kind"].startswith("edge")] == ["edge_dropped"]


def test_subflow_rows_are_kept_as_stored():
    rows = [
        {
            "id": F.LOOP,
            "workflow_id": F.WF_ID,
            "type": "loop",
            "config": {"nodes": [F.FUNC], "iterations": 7, "loopType": "for"},
        }
    ]
    built = build_state(F.triage_blocks(), subflows=rows, workflow=F.workflow_row())
    assert built.state["loops"][F.LOOP] == {
        "id": F.LOOP,
        "nodes": [F.FUNC],
        "iterations": 7,
        "loopType": "for",
    }
    assert "subflow_derived" not in [a["kind"] for a in built.assumptions]


def test_absolute_child_position_is_made_relative():
    blocks = F.triage_blocks()
    blocks[4]["position_x"], blocks[4]["position_y"] = 700, 650  # inside the loop box (500,400)+(600,300)
    built = build_state(blocks, workflow=F.workflow_row())
    assert built.state["blocks"][F.FUNC]["position"] == {"x": 200, "y": 250}
    assert any(a["kind"] == "position_relative" for a in built.assumptions)


def test_inferred_edge_ids_are_stable():
    a = build_state(F.triage_blocks(), workflow=F.workflow_row())
    b = build_state(F.triage_blocks(), workflow=F.workflow_row())
    assert a.state["edges"] == b.state["edges"]
