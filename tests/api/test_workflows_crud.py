"""GET/POST /api/workflows and GET/PUT/DELETE /api/workflows/{id} on real Postgres."""

from __future__ import annotations

import copy
import threading

import pytest

from lib.store import workflows
from lib.templates import catalogue

LIST = "api/workflows/index.py"
ONE = "api/workflows/[id].py"


@pytest.fixture
def headers(api_key, tenant):
    return {"Authorization": f"Bearer {api_key(tenant)}"}


@pytest.fixture
def state():
    return catalogue.get("ai-pr-reviewer").state


def _create(client, headers, state, **fields):
    r = client(LIST).post("/api/workflows", json={"state": state, **fields}, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


# -- POST /api/workflows ----------------------------------------------------------------------
def test_post_stores_a_validated_state_and_mirrors_its_blocks(client, headers, tenant, state):
    body = _create(client, headers, state, name="PR bot", category="engineering-devops", status="active")
    assert body["name"] == "PR bot" and body["status"] == "active" and body["version"] == 1
    assert body["validation"]["valid"] is True
    assert body["state"] == state
    rows = workflows.block_rows(tenant, body["id"])
    assert {r["id"] for r in rows} == set(state["blocks"])


def test_post_accepts_a_bare_state_and_sim_export_envelopes(client, headers, state):
    c = client(LIST)
    bare = c.post("/api/workflows", json=state, headers=headers)
    assert bare.status_code == 201 and bare.json()["name"] == "Untitled workflow"

    envelope = {
        "version": "1.0",
        "exportedAt": "2025-07-24T10:00:00Z",
        "state": {**state, "metadata": {"name": "From export"}},
    }
    r = c.post("/api/workflows", json=envelope, headers=headers)
    assert r.status_code == 201 and r.json()["name"] == "From export"

    editor = {"workflow": {"id": "w1", "name": "Editor export"}, "state": state, "subBlockValues": {}}
    r = c.post("/api/workflows", json=editor, headers=headers)
    assert r.status_code == 201 and r.json()["name"] == "Editor export"

    import yaml

    r = c.post(
        "/api/workflows",
        content=yaml.safe_dump({"name": "From YAML", "state": state}),
        headers={**headers, "Content-Type": "application/yaml"},
    )
    assert r.status_code == 201 and r.json()["name"] == "From YAML"


def test_post_refuses_an_invalid_state_with_the_findings(client, headers, tenant, state):
    broken = copy.deepcopy(state)
    broken["edges"].append(
        {
            "id": "dangling",
            "source": "review",
            "target": "nowhere",
            "sourceHandle": "source",
            "targetHandle": "target",
        }
    )
    broken["blocks"]["notify"]["type"] = "slack_v9"
    r = client(LIST).post("/api/workflows", json={"name": "bad", "state": broken}, headers=headers)
    assert r.status_code == 422
    err = r.json()["error"]
    assert err["code"] == "validation_error" and err["field"] == "body.state"
    codes = {(f["validator"], f["code"], f["path"]) for f in err["details"]}
    assert ("edges", "missing_target_block", "/edges/4/target") in codes
    assert ("block_types", "unknown_block_type", "/blocks/notify/type") in codes
    assert workflows.page(tenant)[0] == []

    r = client(LIST).post("/api/workflows", json={"name": "no state"}, headers=headers)
    assert r.status_code == 422 and r.json()["error"]["field"] == "state"


# -- GET /api/workflows/{id}, PUT, DELETE ------------------------------------------------------
def test_get_one_is_private_and_unknown_ids_are_json_404s(client, headers, state):
    created = _create(client, headers, state, name="mine")
    c = client(ONE)
    r = c.get(f"/api/workflows/{created['id']}", headers=headers)
    assert r.status_code == 200 and r.json()["state"] == state
    assert r.headers["cache-control"].startswith("private") and r.headers["etag"].startswith(
        f'"{created["version"]}-'
    )
    assert (
        c.get(
            f"/api/workflows/{created['id']}", headers={**headers, "If-None-Match": r.headers["etag"]}
        ).status_code
        == 304
    )

    missing = c.get("/api/workflows/does-not-exist", headers=headers)
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found" and missing.json()["request_id"]


def test_validating_changes_the_etag_and_put_accepts_it(client, headers, state):
    """POST …/validate stores findings in metadata without a new version: a cached GET must not
    be served stale, and the new ETag still works as If-Match."""
    created = _create(client, headers, state, name="etag")
    c = client(ONE)
    url = f"/api/workflows/{created['id']}"
    before = c.get(url, headers=headers).headers["etag"]
    checked = client("api/workflows/[id]/validate.py").post(url + "/validate", headers=headers)
    assert checked.status_code == 200
    again = c.get(url, headers={**headers, "If-None-Match": before})
    assert again.status_code == 200 and again.json()["metadata"]["validation"]["valid"] is True
    after = again.headers["etag"]
    assert after != before and after.startswith(f'"{created["version"]}-')
    assert c.get(url, headers={**headers, "If-None-Match": after}).status_code == 304
    put = c.put(url, json={"state": state}, headers={**headers, "If-Match": after})
    assert put.status_code == 200 and put.json()["version"] == created["version"] + 1


def test_another_tenants_workflow_is_not_found(client, headers, api_key, state):
    created = _create(client, headers, state, name="tenant A's")
    other = {"Authorization": f"Bearer {api_key('t-other-' + created['id'][:8])}"}
    c = client(ONE)
    wid = created["id"]
    assert c.get(f"/api/workflows/{wid}", headers=other).status_code == 404
    assert (
        c.put(f"/api/workflows/{wid}", json={"state": state, "version": 1}, headers=other).status_code == 404
    )
    assert c.delete(f"/api/workflows/{wid}", headers=other).status_code == 404
    assert client(LIST).get("/api/workflows", headers=other).json()["workflows"] == []
    assert c.get(f"/api/workflows/{wid}", headers=headers).status_code == 200


def test_put_replaces_with_the_current_version_and_409s_on_a_stale_one(client, headers, tenant, state):
    created = _create(client, headers, state, name="v1")
    wid = created["id"]
    c = client(ONE)
    changed = copy.deepcopy(state)
    changed["blocks"]["notify"]["subBlocks"]["channel"]["value"] = "#platform"
    r = c.put(f"/api/workflows/{wid}", json={"state": changed, "version": 1, "name": "v2"}, headers=headers)
    assert r.status_code == 200, r.text
    assert r.json()["version"] == 2 and r.json()["name"] == "v2"
    assert workflows.block_rows(tenant, wid)[0]["workflow_id"] == wid

    stale = c.put(f"/api/workflows/{wid}", json={"state": state, "version": 1}, headers=headers)
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "conflict"
    assert stale.json()["error"]["details"] == [{"current_version": 2}]

    via_header = c.put(f"/api/workflows/{wid}", json={"state": state}, headers={**headers, "If-Match": '"2"'})
    assert via_header.status_code == 200 and via_header.json()["version"] == 3
    stale_header = c.put(
        f"/api/workflows/{wid}", json={"state": state}, headers={**headers, "If-Match": 'W/"2"'}
    )
    assert stale_header.status_code == 409
    assert workflows.get(tenant, wid).version == 3


def test_put_needs_a_version_and_a_valid_state(client, headers, state):
    wid = _create(client, headers, state, name="x")["id"]
    c = client(ONE)
    r = c.put(f"/api/workflows/{wid}", json={"state": state}, headers=headers)
    assert r.status_code == 422 and r.json()["error"]["field"] == "body.version"
    r = c.put(f"/api/workflows/{wid}", json={"state": state}, headers={**headers, "If-Match": "abc"})
    assert r.status_code == 422 and r.json()["error"]["field"] == "header.if-match"
    r = c.put(
        f"/api/workflows/{wid}", json={"state": state, "version": 1}, headers={**headers, "If-Match": "2"}
    )
    assert r.status_code == 422
    broken = copy.deepcopy(state)
    broken["blocks"].pop("start")
    r = c.put(f"/api/workflows/{wid}", json={"state": broken, "version": 1}, headers=headers)
    assert r.status_code == 422 and any(f["code"] == "missing_starter" for f in r.json()["error"]["details"])
    assert c.get(f"/api/workflows/{wid}", headers=headers).json()["version"] == 1


def test_delete_removes_the_workflow_and_its_blocks(client, headers, tenant, state):
    wid = _create(client, headers, state, name="doomed")["id"]
    assert workflows.block_rows(tenant, wid)
    c = client(ONE)
    r = c.delete(f"/api/workflows/{wid}", headers=headers)
    assert r.status_code == 204 and r.content == b""
    assert c.get(f"/api/workflows/{wid}", headers=headers).status_code == 404
    assert workflows.block_rows(tenant, wid) == []
    assert c.delete(f"/api/workflows/{wid}", headers=headers).status_code == 404


# -- GET /api/workflows --------------------------------------------------------------------------
def test_list_filters_and_returns_summaries(client, headers, tenant, state):
    for i in range(3):
        workflows.create(
            tenant, state=state, name=f"Invoice bot {i}", category="finance-reporting", status="active"
        )
    workflows.create(
        tenant, state=state, name="Lead router", category="sales-leads", description="routes invoices? no"
    )
    c = client(LIST)
    r = c.get("/api/workflows", headers=headers)
    assert r.status_code == 200 and r.headers["cache-control"].startswith("private")
    rows = r.json()["workflows"]
    assert [w["name"] for w in rows][:1] == ["Lead router"] and len(rows) == 4
    assert "state" not in rows[0]
    assert (
        len(
            c.get("/api/workflows", params={"category": "finance-reporting"}, headers=headers).json()[
                "workflows"
            ]
        )
        == 3
    )
    assert len(c.get("/api/workflows", params={"status": "draft"}, headers=headers).json()["workflows"]) == 1
    assert len(c.get("/api/workflows", params={"q": "invoice"}, headers=headers).json()["workflows"]) == 4
    bad = c.get("/api/workflows", params={"status": "deleted"}, headers=headers)
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "query.status"
    assert c.get("/api/workflows", params={"limit": 0}, headers=headers).status_code == 422
    assert c.get("/api/workflows", params={"cursor": "garbage!"}, headers=headers).status_code == 422


def test_pagination_has_no_gaps_or_duplicates_while_rows_are_inserted(client, headers, tenant, state):
    existing = {workflows.create(tenant, state=state, name=f"before {i}").id for i in range(60)}
    stop = threading.Event()
    inserted: list[str] = []

    def writer() -> None:
        n = 0
        while not stop.is_set() and n < 40:
            inserted.append(workflows.create(tenant, state=state, name=f"during {n}").id)
            n += 1

    threads = [threading.Thread(target=writer) for _ in range(2)]
    for t in threads:
        t.start()
    seen: list[str] = []
    c = client(LIST)
    cursor = None
    try:
        while True:
            params = {"limit": 7, **({"cursor": cursor} if cursor else {})}
            page = c.get("/api/workflows", params=params, headers=headers).json()
            seen += [w["id"] for w in page["workflows"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert inserted, "the writers must have run while paging"
    assert len(seen) == len(set(seen)), "a row appeared on two pages"
    assert existing <= set(seen), "a row that existed before paging was skipped"
    assert set(seen) <= existing | set(inserted)
