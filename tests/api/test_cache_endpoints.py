"""The cache's endpoints: list, clear (admin), mark bad, stats — tenant-scoped, routed before /{id}."""

from __future__ import annotations

import pytest

from lib.generation import service
from lib.store import usage
from tests.cache.cases import GEN_BASE as BASE
from tests.cache.cases import GEN_OTHER
from tests.cache.cases import GEN_PARAPHRASE as PARAPHRASE


def _auth(key: str) -> dict[str, str]:
    return {"authorization": f"Bearer {key}"}


def test_the_static_cache_path_wins_over_the_workflow_id(server, tenant, api_key):
    service.generate(tenant, BASE)
    r = server.get("/api/workflows/cache", headers=_auth(api_key(tenant, "read")))
    assert r.status_code == 200, r.text
    (entry,) = r.json()["entries"]
    assert entry["description"] == BASE and entry["intent"]["params"]["emails"] == ["team@acme.com"]
    assert "state" not in entry and "embedding" not in entry
    stats = server.get("/api/workflows/cache/stats", headers=_auth(api_key(tenant, "read")))
    assert stats.status_code == 200 and stats.json()["entries"] == 1


def test_clearing_needs_admin_and_touches_one_tenant(client, tenant, api_key, settings_env):
    settings_env(AUTH_REQUIRED="true")
    other = tenant + "-b"
    service.generate(tenant, BASE)
    service.generate(other, BASE)
    c = client("api/workflows/cache/index.py")
    denied = c.delete("/api/workflows/cache", headers=_auth(api_key(tenant, "write")))
    assert denied.status_code == 403 and denied.json()["error"]["code"] == "forbidden"
    r = c.delete("/api/workflows/cache", headers=_auth(api_key(tenant, "admin")))
    assert r.status_code == 200 and r.json() == {"deleted": 1}
    assert service.generate(tenant, BASE).cache.hit is False
    assert service.generate(other, BASE).cache.hit is True


def test_mark_bad(client, tenant, api_key):
    first = service.generate(tenant, BASE)
    c = client("api/workflows/cache/[entry_id]/bad.py")
    key = api_key(tenant)
    assert c.post("/api/workflows/cache/nope/bad", json={}, headers=_auth(key)).status_code == 404
    foreign = c.post(
        f"/api/workflows/cache/{first.cache.entry_id}/bad", json={}, headers=_auth(api_key("someone-else"))
    )
    assert foreign.status_code == 404
    assert service.generate(tenant, PARAPHRASE).cache.hit is True
    r = c.post(
        f"/api/workflows/cache/{first.cache.entry_id}/bad",
        json={"reason": "wrong channel"},
        headers=_auth(key),
    )
    assert r.status_code == 200 and r.json() == {
        "id": first.cache.entry_id,
        "bad": True,
        "reason": "wrong channel",
    }
    assert service.generate(tenant, PARAPHRASE).cache.hit is False
    assert (
        c.post(
            f"/api/workflows/cache/{first.cache.entry_id}/bad", json={"reason": ""}, headers=_auth(key)
        ).status_code
        == 422
    )


def test_generate_body_can_opt_out(client, tenant, api_key):
    c = client("api/generate.py")
    service.generate(tenant, BASE)
    key = api_key(tenant)
    on = c.post("/api/generate", json={"description": BASE}, headers=_auth(key)).json()
    off = c.post("/api/generate", json={"description": BASE, "cache": False}, headers=_auth(key)).json()
    assert on["source"] == "cache" and on["cache"]["hit"] is True and on["cache"]["saved"]["ms"] >= 0
    assert off["source"] == "planner" and off["cache"] == {
        "hit": False,
        "similarity": None,
        "entry_id": None,
        "stored": False,
        "saved": {"tokens": 0, "cost_usd": 0.0, "ms": 0},
    }
    bad = c.post("/api/generate", json={"description": BASE, "cache": "maybe"}, headers=_auth(key))
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "body.cache"


def test_stats_equal_the_logs(client, tenant, api_key):
    for text in [BASE, PARAPHRASE, BASE, GEN_OTHER, GEN_OTHER]:
        service.generate(tenant, text)
    body = (
        client("api/workflows/cache/stats.py")
        .get("/api/workflows/cache/stats", headers=_auth(api_key(tenant, "read")))
        .json()
    )
    rows = usage.recent(tenant, limit=1000)
    lookups = [r for r in rows if r["operation"] == "cache_lookup"]
    hits = [r for r in lookups if r["status"] == "hit"]
    totals = body["totals"]
    assert (totals["hits"], totals["misses"]) == (len(hits), len(lookups) - len(hits)) == (3, 2)
    assert totals["hit_rate"] == pytest.approx(3 / 5)
    with_saved = _saved(tenant)
    assert totals["ms_saved"] == with_saved["ms"] and totals["tokens_saved"] == with_saved["tokens"]
    assert body["entries"] == 2 and body["bad_entries"] == 0 and body["embedder"] == "local:all-MiniLM-L6-v2"
    (day,) = body["days"]
    assert (day["hit_count"], day["miss_count"], day["hit_rate"]) == (3, 2, pytest.approx(0.6))


def _saved(tenant: str) -> dict[str, int]:
    from lib.store import db

    with db.transaction() as c:
        return c.execute(
            "select coalesce(sum(saved_ms), 0) as ms, coalesce(sum(saved_tokens), 0) as tokens from ai_usage_logs"
            " where tenant_id = %s",
            (tenant,),
        ).fetchone()


def test_cache_stats_view_respects_row_level_security(store, tenant):
    """security_invoker: a role without BYPASSRLS sees nothing through the view, as in the table."""
    service.generate(tenant, BASE)
    with store.transaction() as c:
        owner = c.execute("select count(*) as n from cache_stats where tenant_id = %s", (tenant,)).fetchone()[
            "n"
        ]
        c.execute(
            "do $$ begin if not exists (select from pg_roles where rolname = 'af_rls_probe') then"
            " create role af_rls_probe nologin; end if; end $$"
        )
        c.execute("grant select on ai_usage_logs, cache_stats to af_rls_probe")
        c.execute("set local role af_rls_probe")
        seen = c.execute("select count(*) as n from cache_stats where tenant_id = %s", (tenant,)).fetchone()[
            "n"
        ]
        c.execute("reset role")
    assert owner == 1 and seen == 0
