"""State models: strict types, lossless round trip, envelopes, InvalidInput with pointers."""

import copy
import json
from pathlib import Path

import pytest

from lib.errors import InvalidInput
from lib.sim.state import WorkflowState, parse_state, unwrap

REPO_ROOT = Path(__file__).resolve().parents[2]
MINIMAL = REPO_ROOT / "tests" / "validation" / "fixtures" / "sim_format_1_5.json"
EXAMPLES = REPO_ROOT.parent / "shared" / "sim-examples" / "landing-page-templates"


@pytest.fixture
def minimal():
    return json.loads(MINIMAL.read_text())


def test_round_trip_is_lossless_including_unknown_keys(minimal):
    minimal["lastSaved"] = 1753300000000
    minimal["custom"] = {"kept": [1, 2]}
    minimal["blocks"]["b-agent"]["mystery"] = "x"
    minimal["edges"][0]["type"] = "workflowEdge"
    parsed = parse_state(minimal)
    assert isinstance(parsed, WorkflowState)
    assert parsed.to_json() == minimal
    assert parsed.blocks["b-agent"].position.x == 500
    assert isinstance(parsed.to_json()["blocks"]["b-agent"]["position"]["x"], int)


def test_real_exports_round_trip():
    files = sorted(EXAMPLES.glob("*.json")) if EXAMPLES.is_dir() else []
    if not files:
        pytest.skip(f"Sim's example exports are not at {EXAMPLES}")
    for path in files:
        envelope = json.loads(path.read_text())
        assert parse_state(envelope).to_json() == envelope["state"], path.name


def test_null_handles_are_accepted(minimal):
    minimal["edges"][0]["targetHandle"] = None
    minimal["edges"][0]["sourceHandle"] = None
    assert parse_state(minimal).edges[0].targetHandle is None


def test_bad_types_raise_invalid_input_with_pointers(minimal):
    minimal["blocks"]["b-agent"]["position"]["x"] = "500"
    minimal["blocks"]["b-api"]["enabled"] = "true"
    del minimal["edges"][1]["target"]
    minimal["blocks"]["b-start"]["data"] = {"extent": "elsewhere"}
    with pytest.raises(InvalidInput) as caught:
        parse_state(minimal)
    details = {d["path"]: d for d in caught.value.details}
    assert details["/blocks/b-agent/position/x"]["code"] == "invalid_type"
    assert details["/blocks/b-api/enabled"]["code"] == "invalid_type"
    assert details["/edges/1/target"]["code"] == "missing_field"
    assert details["/blocks/b-start/data/extent"]["code"] == "invalid_value"
    assert all(d["validator"] == "structure" and d["severity"] == "error" for d in details.values())
    assert caught.value.field == "state"


def test_pointer_escapes_odd_block_ids(minimal):
    block = minimal["blocks"].pop("b-api")
    block["id"] = "a/b~c"
    block["name"] = 7
    minimal["blocks"]["a/b~c"] = block
    with pytest.raises(InvalidInput) as caught:
        parse_state(minimal)
    assert caught.value.details[0]["path"] == "/blocks/a~1b~0c/name"


@pytest.mark.parametrize("bad", [None, [], "state", 3, {"foo": 1}, {"blocks": []}, {"blocks": {"a": None}}])
def test_malformed_inputs_raise_invalid_input(bad):
    with pytest.raises(InvalidInput):
        parse_state(bad)


def test_unwrap_forms(minimal):
    assert unwrap(minimal) == (minimal, {})
    state, meta = unwrap({"version": "1.0", "exportedAt": "2026-01-01", "state": minimal})
    assert state is minimal and meta == {"version": "1.0", "exportedAt": "2026-01-01"}
    state, meta = unwrap({"data": {"id": "wf1", "state": minimal}, "requestId": "r"})
    assert state is minimal and meta == {"requestId": "r", "id": "wf1"}
    state, _ = unwrap({"data": minimal})
    assert state is minimal


def test_unwrap_merges_jul25_text_editor_sub_block_values(minimal):
    original = copy.deepcopy(minimal)
    export = {
        "workflow": {"id": "wf", "name": "W"},
        "state": minimal,
        "subBlockValues": {"b-agent": {"model": "claude-3-5-sonnet", "newField": "x"}, "ghost": {"a": 1}},
        "version": "1.0",
    }
    state, meta = unwrap(export)
    assert state["blocks"]["b-agent"]["subBlocks"]["model"]["value"] == "claude-3-5-sonnet"
    assert state["blocks"]["b-agent"]["subBlocks"]["newField"] == {
        "id": "newField",
        "type": "short-input",
        "value": "x",
    }
    assert meta == {"workflow": {"id": "wf", "name": "W"}, "version": "1.0"}
    assert minimal == original  # the input is not changed


def test_unwrap_rejects_non_states():
    with pytest.raises(InvalidInput) as caught:
        unwrap({"version": "1.0"})
    assert caught.value.details[0]["path"] == "/blocks"
