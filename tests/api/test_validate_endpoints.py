"""POST /api/validate (nothing stored) and POST /api/workflows/{id}/validate (result stored)."""

import json
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "imports"))

import rowfixtures as F

from lib.imports import Source, run_import
from lib.sim.rows import build_state
from lib.store import workflows

EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "sim-examples" / "landing-page-templates"


def test_posted_state_and_envelope(client):
    api = client("api/validate.py")
    state = build_state(F.triage_blocks(), workflow=F.workflow_row()).state
    r = api.post("/api/validate", json=state)
    assert r.status_code == 200 and r.json()["valid"] is True
    assert [f["code"] for f in r.json()["findings"]] == ["plaintext_header_secret"]
    r = api.post(
        "/api/validate",
        content=(EXAMPLES / "pr-review.json").read_bytes(),
        headers={"content-type": "application/json"},
    )
    assert r.json()["valid"] is True and r.json()["era"] == "current"
    state["blocks"][F.AGENT]["type"] = "guesty"  # removed before JUL25 rows stopped carrying it (§9.9)
    r = api.post("/api/validate?era=jul25", json=state)
    body = r.json()
    assert body["valid"] is False
    assert any(f["path"] == f"/blocks/{F.AGENT}/type" and f["severity"] == "error" for f in body["findings"])


def test_bad_bodies_are_4xx(client):
    api = client("api/validate.py")
    r = api.post("/api/validate", content=b"{nope", headers={"content-type": "application/json"})
    assert r.status_code == 400 and "line 1" in r.json()["error"]["message"]
    r = api.post("/api/validate", content=b"blocks: [\n", headers={"content-type": "application/yaml"})
    assert r.status_code == 400 and "YAML" in r.json()["error"]["message"]
    r = api.post("/api/validate", json={"edges": []})
    assert r.status_code == 422 and r.json()["error"]["field"] == "state"
    r = api.post("/api/validate", content=b"<xml/>", headers={"content-type": "text/xml"})
    assert r.status_code == 415
    r = api.post("/api/validate?strict=1", json={"blocks": {}})
    assert r.status_code == 422 and "strict" in r.text


def test_stored_workflow_result_is_kept_without_a_version_bump(client, api_key, tenant):
    wid = str(uuid.uuid4())
    item = run_import(tenant, [Source("b.csv", F.to_csv(F.triage_blocks(wid), F.BLOCK_COLUMNS))]).imported[0]
    before = workflows.get(tenant, item.id)
    auth = {"Authorization": f"Bearer {api_key(tenant)}"}
    api = client("api/workflows/[id]/validate.py")
    r = api.post(f"/api/workflows/{item.id}/validate", headers=auth)
    assert r.status_code == 200 and r.json()["valid"] is True
    after = workflows.get(tenant, item.id)
    assert after.version == before.version
    assert after.metadata["validation"]["findings"] == r.json()["findings"]
    assert (
        "checked_at" in after.metadata["validation"] and after.metadata["import"] == before.metadata["import"]
    )
    r = api.post("/api/workflows/nope/validate", headers=auth)
    assert r.status_code == 404
    assert json.loads(r.content)["error"]["code"] == "not_found"
