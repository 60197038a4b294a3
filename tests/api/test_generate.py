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
    from lib.generation.standin import StandIn

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
