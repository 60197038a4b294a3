"""Large imports through object storage: S3 (moto in server mode on loopback) and Supabase Storage (stand-in)."""

import uuid

import httpx
import rowfixtures as F

from lib.store import workflows


def _upload_and_run(client, api_key, tenant, files):
    auth = {"Authorization": f"Bearer {api_key(tenant)}"}
    wids = []
    for name, data in files:
        r = client("api/imports/index.py").post(
            "/api/imports", json={"filename": name, "content_type": "text/csv"}, headers=auth
        )
        assert r.status_code == 201, r.text
        ticket = r.json()
        assert ticket["method"] == "PUT" and ticket["expires_at"]
        put = httpx.put(ticket["upload_url"], content=data, headers=ticket["headers"])
        assert put.status_code == 200, put.text
        wids.append(ticket["id"])
    return [client("api/imports/[id]/run.py").post(f"/api/imports/{i}/run", headers=auth) for i in wids]


def _csv():
    wid = str(uuid.uuid4())
    return F.to_csv(F.triage_blocks(wid), F.BLOCK_COLUMNS, bom=True, pretty=True)


def test_s3_upload_then_run_streams_the_import(s3, client, api_key, tenant):
    (r,) = _upload_and_run(client, api_key, tenant, [("workflow_blocks.csv", _csv())])
    assert r.status_code == 200, r.text  # small enough to finish in the first call
    assert r.json()["status"] == "done" and r.json()["remaining"] == 0
    item = r.json()["imported"][0]
    assert item["valid"] and workflows.get(tenant, item["id"]).state["blocks"]


def test_supabase_upload_then_run(supabase_storage, client, api_key, tenant):
    (r,) = _upload_and_run(client, api_key, tenant, [("workflow_blocks.csv", _csv())])
    assert r.status_code == 200, r.text
    assert r.json()["imported"][0]["valid"] is True
    assert "POST object/upload/sign" in supabase_storage.calls and "GET object/sign" in supabase_storage.calls


def test_run_of_unknown_or_other_tenants_upload_is_404(s3, client, api_key, tenant):
    auth = {"Authorization": f"Bearer {api_key(tenant)}"}
    r = client("api/imports/index.py").post("/api/imports", json={"filename": "a.csv"}, headers=auth)
    upload_id = r.json()["id"]
    httpx.put(r.json()["upload_url"], content=_csv(), headers=r.json()["headers"])
    other = {"Authorization": f"Bearer {api_key('another-tenant')}"}
    assert (
        client("api/imports/[id]/run.py").post(f"/api/imports/{upload_id}/run", headers=other).status_code
        == 404
    )
    bad = client("api/imports/[id]/run.py").post("/api/imports/not-an-id/run", headers=auth)
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "id"
    r = client("api/imports/index.py").post(
        "/api/imports", json={"filename": "a.csv", "extra": 1}, headers=auth
    )
    assert r.status_code == 422 and "extra" in r.text


def test_uploaded_garbage_is_a_4xx_with_reason(s3, client, api_key, tenant):
    (r,) = _upload_and_run(client, api_key, tenant, [("x.json", b'{"blocks": [')])
    assert r.status_code == 400 and "x.json" in r.json()["error"]["message"]


def test_without_configured_storage_large_imports_are_unavailable(client, monkeypatch, settings_env):
    for var in ("SUPABASE_URL", "S3_ENDPOINT_URL", "AWS_ACCESS_KEY_ID"):
        monkeypatch.delenv(var, raising=False)
    settings_env()
    r = client("api/imports/index.py").post("/api/imports", json={"filename": "rows.csv"})
    assert r.status_code == 503
    err = r.json()["error"]
    assert err["code"] == "unavailable" and err["field"] == "storage" and "S3_ENDPOINT_URL" in err["message"]
