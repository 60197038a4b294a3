"""Redaction: secrets → null deterministically, `{{ENV}}` references kept, input untouched."""

import copy
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "imports"))

import rowfixtures as F

from lib.sim.redact import redact_state, redact_value
from lib.sim.rows import build_state


def _state():
    state = build_state(F.triage_blocks(), workflow=F.workflow_row()).state
    agent = state["blocks"][F.AGENT]["subBlocks"]
    agent["azureEndpoint"]["value"] = "https://corp.openai.azure.com"
    agent["tools"]["value"] = [
        {
            "type": "exa",
            "title": "Exa",
            "params": {"apiKey": "exa-123", "query": "x", "token": "{{EXA_TOKEN}}"},
        }
    ]
    state["blocks"][F.AGENT]["data"] = {"authToken": "abc", "maxTokens": 100}
    state["blocks"]["gm"] = {
        "id": "gm",
        "type": "gmail",
        "name": "Gmail 1",
        "position": {"x": 0, "y": 0},
        "enabled": True,
        "data": {},
        "subBlocks": {"credential": {"id": "credential", "type": "oauth-input", "value": "cred_9"}},
    }
    return state


def test_secret_fields_headers_tool_params_and_data_keys_are_nulled():
    state = _state()
    before = copy.deepcopy(state)
    out, paths = redact_state(state)
    assert state == before  # the stored state is never changed
    agent = out["blocks"][F.AGENT]
    assert agent["subBlocks"]["apiKey"]["value"] == "{{OPENAI_API_KEY}}"  # an env reference survives
    assert agent["subBlocks"]["azureEndpoint"]["value"] is None
    params = agent["subBlocks"]["tools"]["value"][0]["params"]
    assert params == {"apiKey": None, "query": "x", "token": "{{EXA_TOKEN}}"}
    assert agent["data"] == {"authToken": None, "maxTokens": 100}
    headers = out["blocks"][F.API]["subBlocks"]["headers"]["value"]
    assert headers[0]["cells"]["Value"] == "application/json" and headers[1]["cells"]["Value"] is None
    assert out["blocks"]["gm"]["subBlocks"]["credential"]["value"] == "cred_9"  # kept unless exporting
    assert "/blocks/blk-api-0003/subBlocks/headers/value/1/cells/Value" in paths


def test_export_also_drops_oauth_credential_ids_and_is_deterministic():
    a, _ = redact_state(_state(), export=True)
    b, _ = redact_state(_state(), export=True)
    assert a == b
    assert a["blocks"]["gm"]["subBlocks"]["credential"]["value"] is None


def test_legacy_string_tools_and_loose_json():
    state = _state()
    state["blocks"][F.AGENT]["subBlocks"]["tools"]["value"] = json.dumps([{"params": {"apiKey": "k"}}])
    out, _ = redact_state(state)
    assert json.loads(out["blocks"][F.AGENT]["subBlocks"]["tools"]["value"]) == [{"params": {"apiKey": None}}]
    loose = redact_value(
        {"provider": "x", "api_key": "sk-1", "nested": [{"Authorization": "Bearer z"}], "state": _state()}
    )
    assert loose["api_key"] is None and loose["nested"][0]["Authorization"] is None
    assert loose["state"]["blocks"][F.AGENT]["subBlocks"]["azureEndpoint"]["value"] is None
