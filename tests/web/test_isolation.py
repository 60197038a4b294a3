"""Tenant isolation, generated from the route table: for every route file and every operation it
declares, tenant B (an admin key) gets nothing of tenant A — no name, description, state or
secret of A's in any answer, A's ids answer 404, and A's workflow is untouched afterwards.

A new route or method without a case here fails `test_every_operation_has_an_isolation_case`,
so an endpoint cannot be added and forgotten. HEAD answers like GET (the same operation).
"""

from __future__ import annotations

import json
import uuid

import pytest

from lib.web import routes

SECRET = "sk-ant-api03-Iso9Lm2Rt9Vb4Nc8Kd1Fg5Hj3Zp6Ws0Ye7Ua2Ib9Oc4EdQx7Lm2Rt9Vb4Nc-Aa1Bb2"
TEMPLATE = "support-ticket-triage"
STATE_SNIPPET = {"blocks": {}, "edges": [], "loops": {}, "parallels": {}}

# "METHOD /path" → how tenant B calls it (path parameters are A's where A has one) and what B may get.
# `owned`: the path names A's workflow, so the only right answer is "not found".
CASES: dict[str, dict] = {
    "GET /api/health": {"expect": {200}},
    "GET /api/openapi.json": {"expect": {200}},
    "GET /api/block-types": {"expect": {200}},
    "GET /api/templates": {"expect": {200}},
    "GET /api/templates/{name}": {"expect": {200}},
    "GET /api/workflows": {"expect": {200}},
    "POST /api/workflows": {"json": {"name": "b's own", "state": STATE_SNIPPET}, "expect": {201, 422}},
    "POST /api/workflows/templates/{name}": {"json": {"name": "b from template"}, "expect": {201}},
    "POST /api/workflows/import": {"json": {"state": STATE_SNIPPET}, "expect": {200, 201, 422}},
    "POST /api/generate": {"json": {"description": "email me the weather every morning"}, "expect": {201}},
    "POST /api/validate": {"json": {"state": STATE_SNIPPET}, "expect": {200}},
    "POST /api/imports": {"json": {"filename": "rows.csv", "size": 10}, "expect": {201, 422, 503}},
    "POST /api/imports/{id}/run": {"expect": {404, 503}},
    "GET /api/imports/{id}": {"expect": {404}},
    "GET /api/workflows/{id}": {"owned": True},
    "PUT /api/workflows/{id}": {"owned": True, "json": "a valid state"},
    "DELETE /api/workflows/{id}": {"owned": True},
    "GET /api/workflows/{id}/export": {"owned": True},
    "GET /api/workflows/{id}/secrets": {"owned": True},
    "POST /api/workflows/{id}/validate": {"owned": True},
    "POST /api/workflows/{id}/generate-state": {"owned": True},
    "GET /api/workflows/cache": {"expect": {200}},
    "GET /api/workflows/cache/stats": {"expect": {200}},
    "DELETE /api/workflows/cache": {"expect": {200}},
    "POST /api/workflows/cache/{entry_id}/bad": {"owned": True, "json": {"reason": "not mine"}},
    "GET /api/analytics": {"expect": {200}},
    # searches that would find A's workflow (same words, same structure) if they crossed tenants
    "POST /api/workflows/semantic-search": {
        "json": {"query": "support ticket triage", "limit": 50},
        "expect": {200},
    },
    "POST /api/workflows/pattern-match": {"json": "the template's state", "expect": {200}},
    "GET /api/workflows/similar/{id}": {"owned": True},
    "GET /api/workflows/{id}/versions": {"owned": True},
    "GET /api/workflows/{id}/versions/{n}": {"owned": True},
    "POST /api/workflows/{id}/versions/{n}/restore": {"owned": True},
    # key management: B's admin lists and makes only B's keys; A's key (by its prefix) is not found
    "GET /api/keys": {"expect": {200}},
    "POST /api/keys": {"json": {"role": "read", "name": "b's key"}, "expect": {201}},
    "DELETE /api/keys/{id}": {"owned": True},
    "POST /api/keys/{id}/rotate": {"owned": True},
}


def _operations() -> list[str]:
    return sorted(f"{op.method} {op.path}" for r in routes.discover() for op in r.load().app.operations)


def test_every_operation_has_an_isolation_case():
    missing = [op for op in _operations() if op not in CASES]
    assert missing == [], f"add an isolation case for {missing} in tests/web/test_isolation.py"


@pytest.fixture
def tenant_a(server, tenant, api_key):
    key = api_key(tenant, "admin")
    marker = f"iso-{uuid.uuid4().hex[:10]}"
    template = server.get(f"/api/templates/{TEMPLATE}").json()
    state = template["state"]
    block = next(iter(state["blocks"].values()))
    block["subBlocks"]["isoKey"] = {"id": "isoKey", "type": "short-input", "value": SECRET}
    r = server.post(
        "/api/workflows",
        json={"name": f"{marker} name", "description": f"{marker} description", "state": state},
        headers={"authorization": f"Bearer {key}"},
    )
    assert r.status_code == 201, r.text
    workflow = r.json()
    # a generation leaves a cache entry and usage rows of A's
    auth = {"authorization": f"Bearer {key}"}
    made = server.post(
        "/api/generate", json={"description": f"Every morning email me the {marker} report"}, headers=auth
    )
    assert made.status_code == 201, made.text
    # (only a valid generated state is cached; when there is none B is sent a made-up entry id)
    entries = server.get("/api/workflows/cache", headers=auth).json()["entries"]
    return {"tenant": tenant, "key": key, "marker": marker, "workflow": workflow, "cache": entries}


@pytest.mark.parametrize("operation", _operations())
def test_tenant_b_gets_nothing_of_tenant_a(operation, server, tenant_a, api_key):
    case = CASES[operation]
    method, path = operation.split(" ", 1)
    a_id = tenant_a["workflow"]["id"]
    url = path.format(
        id=a_id, name=TEMPLATE, n="1", entry_id=(tenant_a["cache"] or [{"id": str(uuid.uuid4())}])[0]["id"]
    )
    if path.startswith("/api/imports/{id}"):
        url = path.format(id=uuid.uuid4().hex)
    if path.startswith("/api/keys/{id}"):  # A's own admin key, by its prefix (A keeps using it below)
        url = path.format(id=tenant_a["key"][:10])
    b_key = api_key(f"{tenant_a['tenant']}-b", "admin")
    body = case.get("json")
    if body == "a valid state":  # only ownership can refuse it
        body = {"state": server.get(f"/api/templates/{TEMPLATE}").json()["state"], "version": 1}
    elif body == "the template's state":  # A's workflow has exactly this structure
        body = {"state": server.get(f"/api/templates/{TEMPLATE}").json()["state"], "limit": 50}
    r = server.request(method, url, json=body, headers={"authorization": f"Bearer {b_key}"})

    expected = {404} if case.get("owned") else case["expect"]
    assert r.status_code in expected, (operation, r.status_code, r.text[:300])
    text = r.text
    leaked = [tenant_a["marker"], SECRET, tenant_a["tenant"] + '"']
    if "{id}" not in path:  # an error about A's id may name the id B sent; nothing else may
        leaked.append(a_id)
    assert [x for x in leaked if x in text] == [], operation

    # A's workflow is exactly as it was
    mine = server.get(f"/api/workflows/{a_id}", headers={"authorization": f"Bearer {tenant_a['key']}"})
    assert mine.status_code == 200
    before, after = tenant_a["workflow"], mine.json()
    assert (after["version"], after["name"], after["description"]) == (
        before["version"],
        before["name"],
        before["description"],
    )
    assert json.dumps(after["state"], sort_keys=True) == json.dumps(before["state"], sort_keys=True)
    cache = server.get("/api/workflows/cache", headers={"authorization": f"Bearer {tenant_a['key']}"}).json()
    assert cache["entries"] == tenant_a["cache"]


def test_the_searches_do_find_the_workflow_for_its_own_tenant(server, tenant_a):
    """The control for the search cases above: what B must not see, A does see."""
    auth = {"authorization": f"Bearer {tenant_a['key']}"}
    a_id = tenant_a["workflow"]["id"]
    state = server.get(f"/api/templates/{TEMPLATE}").json()["state"]
    found = server.post(
        "/api/workflows/semantic-search", json={"query": "support ticket triage", "limit": 50}, headers=auth
    )
    similar = server.post("/api/workflows/pattern-match", json={"state": state, "limit": 50}, headers=auth)
    assert a_id in found.text and a_id in similar.text
