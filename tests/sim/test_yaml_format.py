"""JUL25 YAML: export shape, import into a laid-out state, and the errors JUL25's importer gave."""

import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "imports"))

import rowfixtures as F

from lib.errors import InvalidInput, MalformedInput
from lib.sim.rows import build_state
from lib.sim.yaml_format import from_yaml, is_jul25_yaml, parse_yaml, to_yaml
from lib.validation import validate

COND = "blk-cond"


def _state():
    state = build_state(F.triage_blocks(), workflow=F.workflow_row()).state
    state["blocks"][COND] = {
        "id": COND,
        "type": "condition",
        "name": "Condition 1",
        "position": {"x": 1300, "y": 100},
        "enabled": True,
        "subBlocks": {
            "conditions": {
                "id": "conditions",
                "type": "condition-input",
                "value": '[{"id":"c-if","title":"if","value":"<api1.status> === 200"},'
                '{"id":"c-else","title":"else","value":""}]',
            }
        },
        "outputs": {},
        "data": {},
    }
    state["edges"].append(
        {"id": "ec", "source": F.API, "target": COND, "sourceHandle": "source", "targetHandle": "target"}
    )
    state["edges"].append(
        {
            "id": "ec2",
            "source": COND,
            "target": F.LOOP,
            "sourceHandle": "condition-c-else",
            "targetHandle": "target",
        }
    )
    return state


def test_export_shape():
    doc = yaml.safe_load(to_yaml(_state()))
    assert doc["version"] == "1.0"
    agent = doc["blocks"][F.AGENT]
    assert agent["type"] == "agent" and agent["name"] == "Agent 1"
    assert agent["inputs"]["userPrompt"] == "<start.input>" and "memories" not in agent["inputs"]
    assert sorted(agent["connections"]["success"]) == sorted([F.API, F.LOOP])
    assert doc["blocks"][F.LOOP]["connections"] == {"loop": {"start": F.FUNC}}
    assert doc["blocks"][F.LOOP]["inputs"] == {"loopType": "for", "count": 3}
    assert doc["blocks"][F.FUNC]["parentId"] == F.LOOP
    assert doc["blocks"][COND]["connections"] == {"conditions": {"else": F.LOOP}}
    assert is_jul25_yaml(doc)


def test_import_rebuilds_a_valid_laid_out_state():
    original = _state()
    state = from_yaml(yaml.safe_load(to_yaml(original)))
    assert set(state["blocks"]) == set(original["blocks"])
    pairs = {(e["source"], e["sourceHandle"], e["target"]) for e in state["edges"]}
    assert pairs == {(e["source"], e["sourceHandle"], e["target"]) for e in original["edges"]}
    agent = state["blocks"][F.AGENT]
    assert agent["subBlocks"]["userPrompt"]["value"] == "<start.input>"
    assert agent["subBlocks"]["memories"] == {
        "id": "memories",
        "type": "short-input",
        "value": None,
    }  # from registry
    xs = {bid: b["position"]["x"] for bid, b in state["blocks"].items()}
    assert xs[F.START] < xs[F.AGENT] < xs[F.API] < xs[COND] < xs[F.LOOP]  # layers left to right
    assert state["blocks"][F.FUNC]["data"]["parentId"] == F.LOOP
    assert state["loops"][F.LOOP]["nodes"] == [F.FUNC]
    assert validate(original).valid == validate(state).valid


@pytest.mark.parametrize(
    "doc, where",
    [
        ([1, 2], ""),
        ({"blocks": {}}, "/version"),
        ({"version": "1.0", "blocks": []}, "/blocks"),
        ({"version": "1.0", "blocks": {"a": {"type": "agent"}}}, "/blocks/a/name"),
        (
            {"version": "1.0", "blocks": {"a": {"type": "agent", "name": "A", "inputs": [1]}}},
            "/blocks/a/inputs",
        ),
        (
            {
                "version": "1.0",
                "blocks": {"a": {"type": "agent", "name": "A", "connections": {"success": "zz"}}},
            },
            "/blocks/a/connections",
        ),
        (
            {"version": "1.0", "blocks": {"a": {"type": "agent", "name": "A", "parentId": "zz"}}},
            "/blocks/a/parentId",
        ),
    ],
)
def test_invalid_documents_name_the_place(doc, where):
    with pytest.raises(InvalidInput) as exc:
        from_yaml(doc, file="w.yaml")
    assert exc.value.field == f"w.yaml{where}"


def test_syntax_error_names_line_and_column():
    with pytest.raises(MalformedInput) as exc:
        parse_yaml("version: '1.0'\nblocks:\n  a: [unclosed\n", file="w.yaml")
    assert "line" in exc.value.message and "column" in exc.value.message
