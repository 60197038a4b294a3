"""POST /api/workflows/templates/{name}: customized, fresh ids, validated, stored with its source."""

from __future__ import annotations

import json

from lib.store import workflows
from lib.templates import catalogue

ROUTE = "api/workflows/templates/[name].py"


def _auth(api_key, tenant):
    return {"Authorization": f"Bearer {api_key(tenant)}"}


def test_create_from_template_stores_a_customized_workflow(client, tenant, api_key):
    template = catalogue.get("daily-inbox-digest")
    r = client(ROUTE).post(
        "/api/workflows/templates/daily-inbox-digest",
        json={
            "name": "My mornings",
            "customizations": {
                "digest_recipient": "ceo@example.com",
                "send_time": "06:45",
                "timezone": "Europe/London",
            },
        },
        headers=_auth(api_key, tenant),
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["name"] == "My mornings"
    assert body["description"] == template.description
    assert body["category"] == "email-productivity"
    assert body["template_source"] == "daily-inbox-digest"
    assert body["metadata"]["template_version"] == template.version
    assert body["version"] == 1 and body["status"] == "draft"
    assert body["validation"] == {"valid": True, "era": "jul25", "findings": []}

    state = body["state"]
    start = next(b for b in state["blocks"].values() if b["type"] == "starter")
    assert start["subBlocks"]["dailyTime"]["value"] == "06:45"
    assert start["subBlocks"]["timezone"]["value"] == "Europe/London"
    digest = next(b for b in state["blocks"].values() if b["name"] == "Send Digest")
    assert digest["subBlocks"]["to"]["value"] == "ceo@example.com"
    assert not set(state["blocks"]) & set(template.state["blocks"])
    loop_id = next(iter(state["loops"]))
    assert state["blocks"][loop_id]["type"] == "loop"

    stored = workflows.get(tenant, body["id"])
    assert stored.state == state
    rows = workflows.block_rows(tenant, body["id"])
    assert {r["id"] for r in rows} == set(state["blocks"])
    children = [r for r in rows if r["parent_id"]]
    assert children and all(r["parent_id"] == loop_id for r in children)


def test_a_bad_customization_is_a_422_naming_the_field(client, tenant, api_key):
    c = client(ROUTE)
    r = c.post(
        "/api/workflows/templates/crypto-price-alerts",
        json={"customizations": {"interval_minutes": "fifteen"}},
        headers=_auth(api_key, tenant),
    )
    assert r.status_code == 422
    err = r.json()["error"]
    assert err["code"] == "validation_error" and err["field"] == "body.customizations.interval_minutes"

    r = c.post(
        "/api/workflows/templates/crypto-price-alerts",
        json={"customizations": {"leverage": 100}},
        headers=_auth(api_key, tenant),
    )
    assert r.status_code == 422 and r.json()["error"]["field"] == "body.customizations.leverage"

    r = c.post(
        "/api/workflows/templates/crypto-price-alerts", json={"colour": "red"}, headers=_auth(api_key, tenant)
    )
    assert r.status_code == 422 and r.json()["error"]["field"] == "body.colour"
    assert workflows.page(tenant)[0] == []


def test_unknown_template_is_a_json_404(client, tenant, api_key):
    r = client(ROUTE).post("/api/workflows/templates/nope", json={}, headers=_auth(api_key, tenant))
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"


def test_every_template_can_be_created_and_read_back(client, tenant, api_key):
    headers = _auth(api_key, tenant)
    read = client("api/workflows/[id].py")
    for template in catalogue.all_templates():
        r = client(ROUTE).post(f"/api/workflows/templates/{template.name}", json={}, headers=headers)
        assert r.status_code == 201, (template.name, r.text)
        back = read.get(f"/api/workflows/{r.json()['id']}", headers=headers).json()
        assert back["state"] == r.json()["state"]
        assert json.dumps(back["state"]).count("{{") >= 1  # secrets stay env references
