"""Exports: envelope shape, redaction, YAML, and the target=current mappings of removed types."""

import json
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "imports"))

import rowfixtures as F

from lib.sim.envelope import read_envelope
from lib.sim.export import export_workflow, map_to_current
from lib.sim.rows import build_state


def _state():
    state = build_state(F.triage_blocks(), workflow=F.workflow_row()).state
    state["blocks"]["wh"] = {
        "id": "wh",
        "type": "webhook",
        "name": "Webhook",
        "position": {"x": 0, "y": 300},
        "enabled": True,
        "outputs": {},
        "data": {},
        "subBlocks": {
            "webhookProvider": {"id": "webhookProvider", "type": "dropdown", "value": "generic"},
            "webhookConfig": {"id": "webhookConfig", "type": "webhook-config", "value": None},
            "providerConfig": {
                "id": "providerConfig",
                "type": "unknown",
                "value": {"token": "{{HOOK_TOKEN}}", "secretHeaderName": "X-Sig"},
            },
        },
    }
    state["blocks"]["sh"] = {
        "id": "sh",
        "type": "stagehand_agent",
        "name": "Browser",
        "position": {"x": 0, "y": 500},
        "enabled": True,
        "outputs": {},
        "data": {},
        "subBlocks": {
            "startUrl": {"id": "startUrl", "type": "short-input", "value": "https://a.example"},
            "task": {"id": "task", "type": "long-input", "value": "find the price"},
            "apiKey": {"id": "apiKey", "type": "short-input", "value": "sk-plain"},
        },
    }
    return state


def test_json_envelope_is_redacted_and_reads_back():
    out = export_workflow(_state(), name="Support triage", description="d")
    env = out.body
    assert env["version"] == "1.0" and env["exportedAt"] == env["state"]["metadata"]["exportedAt"]
    assert env["state"]["metadata"]["name"] == "Support triage"
    # a clear key becomes a reference the export lists (stored states never hold one; see lib.secrets)
    assert env["state"]["blocks"]["sh"]["subBlocks"]["apiKey"]["value"] == "{{BROWSER_API_KEY}}"
    assert env["state"]["blocks"][F.AGENT]["subBlocks"]["apiKey"]["value"] == "{{OPENAI_API_KEY}}"
    assert "sk-plain" not in json.dumps(env) and "BROWSER_API_KEY" in env["required_env"]
    back = read_envelope(env)
    assert back.name == "Support triage" and "metadata" not in back.state
    assert out.filename == "Support_triage_workflow.json" and out.mappings == []


def test_target_current_maps_removed_types_and_lists_every_mapping():
    state, mappings = map_to_current(_state())
    wh, sh = state["blocks"]["wh"], state["blocks"]["sh"]
    assert wh["type"] == "generic_webhook" and wh["triggerMode"] is True
    assert (
        wh["subBlocks"]["token"]["value"] == "{{HOOK_TOKEN}}"
        and wh["subBlocks"]["secretHeaderName"]["value"] == "X-Sig"
    )
    assert "webhookProvider" not in wh["subBlocks"]
    assert sh["type"] == "stagehand" and sh["subBlocks"]["operation"]["value"] == "agent"
    assert sh["subBlocks"]["task"]["value"] == "find the price"
    assert {(m["block"], m["from"], m["to"]) for m in mappings} == {
        ("wh", "webhook", "generic_webhook"),
        ("sh", "stagehand_agent", "stagehand"),
    }
    out = export_workflow(_state(), name="x", target="current")
    assert out.body["mappings"] == out.mappings and len(out.mappings) == 2
    assert out.body["state"]["blocks"]["sh"]["subBlocks"]["apiKey"]["value"] == "{{BROWSER_API_KEY}}"


def test_unknown_types_are_reported_not_mapped():
    state = _state()
    state["blocks"]["g"] = {
        "id": "g",
        "type": "guesty",
        "name": "Guesty",
        "subBlocks": {},
        "position": {"x": 0, "y": 0},
        "enabled": True,
    }
    _, mappings = map_to_current(state)
    assert {"block": "g", "to": None}.items() <= next(m for m in mappings if m["block"] == "g").items()


def test_yaml_export_is_redacted_and_names_its_mappings():
    out = export_workflow(_state(), name="Support triage", format="yaml", target="current")
    assert out.media_type == "application/yaml" and out.filename == "Support_triage_workflow.yaml"
    first, second = out.body.splitlines()[:2]
    assert first == "# required env: " + ", ".join(out.required_env) and "BROWSER_API_KEY" in first
    assert second == "# mapped 'Webhook' (wh): webhook -> generic_webhook"
    doc = yaml.safe_load(out.body)
    assert doc["blocks"]["sh"]["type"] == "stagehand"
    assert doc["blocks"]["sh"]["inputs"]["apiKey"] == "{{BROWSER_API_KEY}}" and "sk-plain" not in out.body
    assert "sk-live" not in out.body
