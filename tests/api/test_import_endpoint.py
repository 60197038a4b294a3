"""POST /api/workflows/import: multipart with several files, JSON/YAML bodies, and 4xx for bad input."""

import json
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "imports"))

import rowfixtures as F

EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "sim-examples" / "landing-page-templates"
URL = "/api/workflows/import"


def _api(client):
    return client("api/workflows/import.py")


def test_multipart_with_several_files_of_different_kinds(client, api_key, tenant):
    wid = str(uuid.uuid4())
    files = [
        (
            "files",
            ("workflow_blocks.csv", F.to_csv(F.triage_blocks(wid), F.BLOCK_COLUMNS, bom=True), "text/csv"),
        ),
        ("files", ("workflow.csv", F.to_csv([F.workflow_row(wid)], F.WORKFLOW_COLUMNS), "text/csv")),
        ("files", ("kb.json", (EXAMPLES / "knowledge-base-qa.json").read_bytes(), "application/json")),
        ("files", ("broken.json", b'{"blocks": ', "application/json")),
    ]
    r = _api(client).post(URL, files=files, headers={"Authorization": f"Bearer {api_key(tenant)}"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert sorted(i["name"] for i in body["imported"]) == ["Support triage", "knowledge-base-qa"]
    assert body["rejected"] == [{"file": "broken.json", "line": 1, "reason": body["rejected"][0]["reason"]}]
    assert "not valid JSON" in body["rejected"][0]["reason"]
    triage = next(i for i in body["imported"] if i["name"] == "Support triage")
    assert triage["valid"] is True and any(a["kind"] == "edge_inferred" for a in triage["assumptions"])


def test_json_and_yaml_bodies(client):
    state = json.loads((EXAMPLES / "resume-parser.json").read_text())
    r = _api(client).post(URL, json=state)
    assert r.status_code == 200 and r.json()["imported"][0]["name"] == "resume-parser"
    yaml_doc = (
        "version: '1.0'\nblocks:\n  s1:\n    type: starter\n    name: Start\n"
        "    connections: {success: a1}\n  a1:\n    type: agent\n    name: Agent 1\n"
        "    inputs: {model: gpt-4o, userPrompt: '<start.input>'}\n"
    )
    r = _api(client).post(URL, content=yaml_doc, headers={"content-type": "application/yaml"})
    assert r.status_code == 200, r.text
    assert r.json()["imported"][0]["valid"] is True


def test_bad_inputs_are_4xx_naming_place_and_reason(client, settings_env):
    api = _api(client)
    r = api.post(URL, content=b'{"blocks": {"a": 1', headers={"content-type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "malformed_input"
    assert "line 1" in r.json()["error"]["message"] and r.json()["error"]["field"] == "body.json"
    r = api.post(
        URL,
        json={
            "blocks": {
                "a": {
                    "id": "a",
                    "type": "agent",
                    "name": "A",
                    "position": {"x": 1},
                    "subBlocks": {},
                    "enabled": "yes",
                }
            }
        },
    )
    assert r.status_code == 422 and "/blocks/a/position/y" in r.text and "/blocks/a/enabled" in r.text
    r = api.post(URL, json=[1, 2])
    assert r.status_code == 422
    r = api.post(URL, content=b"x", headers={"content-type": "image/png"})
    assert r.status_code == 415 and r.json()["error"]["field"] == "content-type"
    r = api.post(URL, content=b"", headers={"content-type": "application/json"})
    assert r.status_code == 422
    r = api.post(URL, content=b"foo,bar\n1,2\n", headers={"content-type": "text/csv"})
    assert r.status_code == 422 and "not a Sim CSV table" in r.json()["error"]["message"]
    settings_env(MAX_BODY_BYTES="1000")
    r = api.post(URL, content=b"{" + b" " * 2000 + b"}", headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "payload_too_large"


def test_multipart_without_files_is_422(client):
    r = _api(client).post(
        URL, content=b"--xyz--\r\n", headers={"content-type": "multipart/form-data; boundary=xyz"}
    )
    assert r.status_code in (400, 422)
    assert r.json()["error"]["field"] in ("body", "content-type")
