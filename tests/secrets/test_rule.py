"""The `secrets` validation rule reports by value as well as by name, and never quotes the value."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from keys import KEYS

from lib.validation import validate


def _findings(subs, data=None):
    state = {
        "blocks": {
            "start": {
                "id": "start",
                "type": "starter",
                "name": "Start",
                "position": {"x": 0, "y": 0},
                "subBlocks": {
                    "startWorkflow": {"id": "startWorkflow", "type": "dropdown", "value": "manual"}
                },
                "outputs": {},
                "enabled": True,
            },
            "agent": {
                "id": "agent",
                "type": "agent",
                "name": "Agent 1",
                "position": {"x": 300, "y": 0},
                "subBlocks": {k: {"id": k, "type": "long-input", "value": v} for k, v in subs.items()},
                "outputs": {},
                "enabled": True,
                "data": data or {},
            },
        },
        "edges": [
            {
                "id": "e",
                "source": "start",
                "target": "agent",
                "sourceHandle": "source",
                "targetHandle": "target",
            }
        ],
        "loops": {},
        "parallels": {},
    }
    report = validate(state)
    return [f for f in report.findings if f.validator == "secrets"]


def test_reports_keys_by_value_in_prompts_and_data_token():
    found = _findings(
        {"systemPrompt": f"Call with {KEYS['anthropic_api_key']}", "userPrompt": "<start.input>"},
        data={"token": "a-data-token-123"},
    )
    by_path = {f.path: f for f in found}
    assert set(by_path) == {"/blocks/agent/subBlocks/systemPrompt/value", "/blocks/agent/data/token"}
    assert all(f.code == "plaintext_secret_value" and f.severity == "warning" for f in found)
    assert "{{ANTHROPIC_API_KEY}}" in by_path["/blocks/agent/subBlocks/systemPrompt/value"].message
    assert not any(KEYS["anthropic_api_key"] in f.message or "a-data-token-123" in f.message for f in found)


def test_by_name_is_reported_once_and_references_not_at_all():
    found = _findings({"apiKey": KEYS["openai_api_key"], "userPrompt": "Bearer {{X}} and <start.input>"})
    assert [(f.code, f.path) for f in found] == [("plaintext_secret", "/blocks/agent/subBlocks/apiKey/value")]
    assert _findings({"apiKey": "{{OPENAI_API_KEY}}", "userPrompt": "Summarise <start.input>"}) == []
