"""The per-tenant daily LLM budget is checked before a provider call: once spent, generation
answers 429 until the UTC day ends and no tokens are paid for; the offline planner is free."""

from __future__ import annotations

DESCRIPTION = "Every day at 7am summarise the top stories from Hacker News and send them to #news on Slack"


def _messages(standin) -> int:
    return sum(1 for r in standin.requests if r["path"].endswith("/v1/messages"))


def test_spent_budget_refuses_generation_before_calling_the_model(
    claude_env, client, tenant, api_key, settings_env
):
    settings_env(DAILY_TOKEN_BUDGET="1", DAILY_COST_BUDGET_USD="0")
    c = client("api/generate.py")
    headers = {"authorization": f"Bearer {api_key(tenant)}"}
    first = c.post("/api/generate", json={"description": DESCRIPTION}, headers=headers)
    assert first.status_code == 201 and first.json()["source"] == "claude"
    calls = _messages(claude_env)
    refused = c.post("/api/generate", json={"description": DESCRIPTION}, headers=headers)
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "budget_exceeded"
    assert 1 <= int(refused.headers["retry-after"]) <= 86_400
    assert _messages(claude_env) == calls  # nothing was sent to the provider
    # another tenant has its own budget
    other = c.post(
        "/api/generate",
        json={"description": DESCRIPTION},
        headers={"authorization": f"Bearer {api_key(tenant + 'b')}"},
    )
    assert other.status_code == 201


def test_the_offline_planner_is_not_budgeted(client, tenant, api_key, settings_env):
    from lib.store import usage

    settings_env(DAILY_TOKEN_BUDGET="1", DAILY_COST_BUDGET_USD="0")
    usage.log_call(tenant, provider="anthropic", operation="generate", status="ok", input_tokens=50)
    r = client("api/generate.py").post(
        "/api/generate",
        json={"description": DESCRIPTION},
        headers={"authorization": f"Bearer {api_key(tenant)}"},
    )
    assert r.status_code == 201 and r.json()["source"] == "planner"
