"""GET /api/workflows/{id}/export: JSON envelope and YAML, redacted, with mappings for target=current."""

import json
import sys
import uuid
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "imports"))

import rowfixtures as F

from lib.imports import Source, run_import
from lib.store import workflows


def _stored(tenant):
    wid = str(uuid.uuid4())
    blocks = F.triage_blocks(wid)
    blocks.append(
        F.block_row(
            f"{wid}-wh",
            wid,
            "webhook",
            "Webhook",
            100,
            400,
            {"webhookProvider": {"id": "webhookProvider", "type": "dropdown", "value": "generic"}},
            {},
        )
    )
    report = run_import(
        tenant,
        [
            Source("b.csv", F.to_csv(blocks, F.BLOCK_COLUMNS)),
            Source("w.csv", F.to_csv([F.workflow_row(wid)], F.WORKFLOW_COLUMNS)),
        ],
    )
    return report.imported[0].id


def test_json_export_redacts_and_reimports(client, api_key, tenant):
    wid = _stored(tenant)
    auth = {"Authorization": f"Bearer {api_key(tenant)}"}
    r = client("api/workflows/[id]/export.py").get(f"/api/workflows/{wid}/export", headers=auth)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert r.headers["content-disposition"] == 'attachment; filename="Support_triage_workflow.json"'
    env = r.json()
    assert env["version"] == "1.0" and env["state"]["metadata"]["name"] == "Support triage"
    assert "sk-live" not in r.text and "{{OPENAI_API_KEY}}" in r.text
    stored = workflows.get(tenant, wid).state["blocks"][F.API]["subBlocks"]["headers"]["value"][1]["cells"]
    assert stored["Value"].startswith("Bearer {{") and "sk-live" not in stored["Value"]  # moved out on import
    assert stored["Value"] in r.text  # export keeps the reference, not null
    back = run_import(tenant, [Source("export.json", r.content)])
    assert back.imported and back.rejected == []


def test_yaml_export_with_current_target_lists_mappings(client, api_key, tenant):
    wid = _stored(tenant)
    auth = {"Authorization": f"Bearer {api_key(tenant)}"}
    r = client("api/workflows/[id]/export.py").get(
        f"/api/workflows/{wid}/export?format=yaml&target=current", headers=auth
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/yaml")
    assert (
        r.headers["content-disposition"].endswith('_workflow.yaml"') and r.headers["x-export-mappings"] == "1"
    )
    doc = yaml.safe_load(r.text)
    # Block ids are Sim's own (the workflow's id is ours, derived per tenant).
    assert next(k for k in doc["blocks"] if k.endswith("-wh")) and all(
        b["type"] == "generic_webhook" for k, b in doc["blocks"].items() if k.endswith("-wh")
    )
    assert "# mapped 'Webhook'" in r.text and "sk-live" not in r.text
    r = client("api/workflows/[id]/export.py").get(
        f"/api/workflows/{wid}/export?target=current", headers=auth
    )
    assert [m["to"] for m in json.loads(r.content)["mappings"]] == ["generic_webhook"]


def test_bad_queries_and_other_tenants(client, api_key, tenant):
    wid = _stored(tenant)
    api = client("api/workflows/[id]/export.py")
    auth = {"Authorization": f"Bearer {api_key(tenant)}"}
    r = api.get(f"/api/workflows/{wid}/export?format=xml", headers=auth)
    assert r.status_code == 422 and r.json()["error"]["field"] == "query.format"
    r = api.get(f"/api/workflows/{wid}/export?colour=red", headers=auth)
    assert r.status_code == 422 and "colour" in r.text
    r = api.get(
        f"/api/workflows/{wid}/export", headers={"Authorization": f"Bearer {api_key('someone-else')}"}
    )
    assert r.status_code == 404
