"""POST /api/workflows/{id}/generate-state: regenerate from the description as a new version; 404 if missing."""

from __future__ import annotations


def _auth(api_key, tenant):
    return {"authorization": f"Bearer {api_key(tenant)}"}


def test_missing_workflow_is_404(client, tenant, api_key):
    r = client("api/workflows/[id]/generate-state.py").post(
        "/api/workflows/00000000-0000-0000-0000-000000000000/generate-state", headers=_auth(api_key, tenant)
    )
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_regenerates_from_the_description_as_a_new_version(client, tenant, api_key):
    from lib.store import workflows

    rec = workflows.create(
        tenant,
        state={"blocks": {}, "edges": []},
        name="Digest",
        description="Every Friday at 16:00 search the web for AI news and email it to me@x.io",
    )
    r = client("api/workflows/[id]/generate-state.py").post(
        f"/api/workflows/{rec.id}/generate-state", headers=_auth(api_key, tenant)
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["workflow"]["version"] == rec.version + 1 and body["validation"]["valid"]
    blocks = body["workflow"]["state"]["blocks"].values()
    assert {b["type"] for b in blocks} >= {"starter", "exa", "gmail"}
    assert workflows.get(tenant, rec.id).version == rec.version + 1


def test_other_tenants_workflow_is_404(client, tenant, api_key):
    from lib.store import workflows

    rec = workflows.create(tenant, state={"blocks": {}, "edges": []}, name="x", description="email me")
    r = client("api/workflows/[id]/generate-state.py").post(
        f"/api/workflows/{rec.id}/generate-state", headers=_auth(api_key, tenant + "-other")
    )
    assert r.status_code == 404


def test_imported_without_description_uses_its_blocks_or_422(client, tenant, api_key):
    from lib.generation import planner
    from lib.generation.compose import compose
    from lib.store import workflows

    state = compose(
        planner.plan("Every day at 9:00 fetch https://api.example.com/x and post it to #ops on Slack"),
        seed="imp",
    ).state
    described = workflows.create(tenant, state=state, name="imported")
    c = client("api/workflows/[id]/generate-state.py")
    r = c.post(f"/api/workflows/{described.id}/generate-state", headers=_auth(api_key, tenant))
    assert r.status_code == 200, r.text
    assert "#ops" in r.json()["workflow"]["description"]
    empty = workflows.create(tenant, state={"blocks": {}, "edges": []}, name="empty")
    r = c.post(f"/api/workflows/{empty.id}/generate-state", headers=_auth(api_key, tenant))
    assert r.status_code == 422 and r.json()["error"]["field"] == "description"
