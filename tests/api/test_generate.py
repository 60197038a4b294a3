"""POST /api/generate: 201 with the stored workflow, source, cache, validation, usage and timing."""

from __future__ import annotations

DESCRIPTION = (
    "Every weekday at 8:00 fetch the trending coins from CoinGecko, summarise them with GPT-4o and post "
    "the summary to #crypto on Slack; if BTC moved more than 5% also email me"
)


def test_generate_stores_a_valid_draft(client, tenant, api_key):
    c = client("api/generate.py")
    r = c.post(
        "/api/generate",
        json={"description": DESCRIPTION},
        headers={"authorization": f"Bearer {api_key(tenant)}"},
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert set(body) >= {"workflow", "source", "cache", "validation", "usage", "elapsed_ms"}
    assert body["source"] == "planner" and body["validation"]["valid"] is True
    cache = body["cache"]
    assert cache["hit"] is False and cache["similarity"] is None and cache["saved"]["tokens"] == 0
    assert cache["stored"] is True and cache["entry_id"]  # the new entry, which can be marked bad
    assert body["usage"]["input_tokens"] == 0 and body["usage"]["cost_usd"] == 0
    wf = body["workflow"]
    assert wf["id"] and wf["status"] == "draft" and wf["category"] == "crypto-trading"
    assert wf["description"] == DESCRIPTION and wf["tenant_id"] == tenant
    starter = next(b for b in wf["state"]["blocks"].values() if b["type"] == "starter")
    assert starter["subBlocks"]["startWorkflow"]["value"] == "schedule"
    from lib.store import workflows

    assert workflows.get(tenant, wf["id"]).state == wf["state"]


def test_description_over_the_limit_is_422(client):
    r = client("api/generate.py").post("/api/generate", json={"description": "x" * 4001})
    assert r.status_code == 422 and r.json()["error"]["code"] == "validation_error"
    assert "description" in r.text


def test_unknown_fields_and_empty_body_are_rejected(client):
    c = client("api/generate.py")
    assert c.post("/api/generate", json={"description": "email me", "prompt": "x"}).status_code == 422
    assert c.post("/api/generate", json={}).status_code == 422


def test_claude_through_the_stand_in(client, tenant, api_key, settings_env):
    from lib.generation import circuit
    from tests.generation.standin import StandIn

    server = StandIn().start()
    try:
        circuit.reset()
        settings_env(ANTHROPIC_API_KEY="stand-in", ANTHROPIC_BASE_URL=server.url)
        r = client("api/generate.py").post(
            "/api/generate",
            json={"description": DESCRIPTION},
            headers={"authorization": f"Bearer {api_key(tenant)}"},
        )
        assert r.status_code == 201, r.text
        body = r.json()
        assert (
            body["source"] == "claude" and body["usage"]["input_tokens"] > 0 and body["usage"]["cost_usd"] > 0
        )
        assert body["validation"]["valid"]
    finally:
        server.stop()
        circuit.reset()


def test_the_answer_and_the_stored_workflow_carry_the_coverage_report(client, tenant, api_key):
    description = (
        "When a HubSpot deal closes, post a congratulations message to #sales on Slack and email the owner. "
        "I love coffee."
    )
    r = client("api/generate.py").post(
        "/api/generate",
        json={"description": description},
        headers={"authorization": f"Bearer {api_key(tenant)}"},
    )
    assert r.status_code == 201, r.text
    body = r.json()
    coverage = body["coverage"]
    blocks = body["workflow"]["state"]["blocks"]
    assert {b["block_id"] for b in coverage["blocks"]} == set(blocks)
    slack = next(b for b in coverage["blocks"] if b["type"] == "slack")
    assert "#sales" in slack["words"]
    assert coverage["unused"] == ["I love coffee"]
    assert any("HubSpot" in a for a in coverage["assumptions"])
    assert any(
        "owner's e-mail address is taken from the incoming event" in a for a in coverage["assumptions"]
    )
    assert any(n["field"] == "credential" and n["block"] == "Gmail 1" for n in coverage["needs_input"])
    from lib.store import workflows

    stored = workflows.get(tenant, body["workflow"]["id"])
    assert stored.metadata["generation"]["coverage"] == coverage


def test_a_description_the_planner_cannot_build_is_a_clear_422(client, tenant, api_key):
    r = client("api/generate.py").post(
        "/api/generate",
        json={
            "description": "Chaque dimanche, fais-moi un gâteau au chocolat pour la famille et range la cuisine"
        },
        headers={"authorization": f"Bearer {api_key(tenant)}"},
    )
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "cannot_plan" and error["field"] == "body.description"
    assert "French" in error["message"] and error["details"][0]["language"] == "French"
    from lib.store import workflows

    assert workflows.page(tenant)[0] == []  # nothing stored


def test_openapi_shows_the_coverage_report(client):
    doc = client("api/openapi.json.py").get("/api/openapi.json").json()
    result = doc["components"]["schemas"]["GenerationResult"]
    assert "coverage" in result["properties"]
    assert {"blocks", "unused", "assumptions", "needs_input"} <= set(
        doc["components"]["schemas"]["Coverage"]["properties"]
    )
