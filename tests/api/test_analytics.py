"""GET /api/analytics: figures per bucket from the usage log, tenant-scoped, with checked parameters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from lib.generation import service
from lib.store import usage
from tests.cache.cases import GEN_BASE, GEN_OTHER, GEN_PARAPHRASE


def _get(client, key, **params):
    return client("api/analytics.py").get(
        "/api/analytics", params=params, headers={"authorization": f"Bearer {key}"}
    )


def test_analytics_equal_the_logs(client, tenant, api_key):
    texts = [GEN_BASE, GEN_PARAPHRASE, GEN_BASE, GEN_OTHER]  # miss, hit, hit (by key: no embedding), miss
    for text in texts:
        service.generate(tenant, text)
    usage.log_call(
        tenant,
        provider="anthropic",
        model="claude-sonnet-5-5",
        operation="generate",
        status="ok",
        input_tokens=1000,
        output_tokens=500,
        cost_usd=0.0105,
        latency_ms=2000,
    )
    start = (datetime.now(UTC) - timedelta(hours=2)).isoformat()
    r = _get(client, api_key(tenant, "read"), **{"from": start, "bucket": "hour"})
    assert r.status_code == 200, r.text
    body = r.json()
    rows = usage.recent(tenant, limit=1000)
    lookups = [x for x in rows if x["operation"] == "cache_lookup"]
    hits = [x for x in lookups if x["status"] == "hit"]
    totals = body["totals"]
    assert totals["lookups"] == len(lookups) == 4 and totals["hits"] == len(hits) == 2
    assert totals["tokens_spent"] == sum(
        x["input_tokens"] + x["output_tokens"] + x["cache_read_tokens"] + x["cache_write_tokens"]
        for x in rows
        if x["operation"] != "cache_lookup"
    )
    assert totals["cost_spent_usd"] == pytest.approx(
        sum(x["cost_usd"] for x in rows if x["operation"] != "cache_lookup")
    )
    assert totals["hit_p50_ms"] is not None and totals["miss_p95_ms"] is not None
    assert sum(b["lookups"] for b in body["buckets"]) == 4 and 1 <= len(body["buckets"]) <= 2
    by = {(m["provider"], m["operation"]): m for m in body["by_model"]}
    assert by[("anthropic", "generate")]["calls"] == 1 and by[("anthropic", "generate")]["tokens"] == 1500
    assert by[("local", "embedding")]["calls"] == 3 and by[("cache", "cache_lookup")]["calls"] == 4
    other = _get(client, api_key(tenant + "-x", "read"), **{"from": start}).json()
    assert other["totals"]["lookups"] == 0 and other["by_model"] == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"bucket": "year"}, "query.bucket"),
        ({"from": "yesterday"}, "query.from"),
        ({"from": "2026-12-02T00:00:00Z", "to": "2026-12-01T00:00:00Z"}, "query.from"),
        ({"from": "2000-01-01T00:00:00Z", "bucket": "hour"}, "query.bucket"),
        ({"limit": "3"}, "query.limit"),
    ],
)
def test_bad_parameters_are_422_naming_the_field(client, tenant, api_key, params, field):
    r = _get(client, api_key(tenant, "read"), **params)
    assert r.status_code == 422 and r.json()["error"]["field"] == field, r.text


@pytest.mark.parametrize("bucket", ["hour", "day", "week", "month"])
def test_default_range_covers_whole_buckets(client, tenant, api_key, bucket):
    body = _get(client, api_key(tenant, "read"), bucket=bucket).json()
    start, end = datetime.fromisoformat(body["start"]), datetime.fromisoformat(body["end"])
    now = datetime.now(UTC)
    assert start < now <= end and end - now <= timedelta(days=31)
    assert start.minute == end.minute == 0 and (bucket == "hour" or start.hour == end.hour == 0)
    if bucket == "week":
        assert start.weekday() == end.weekday() == 0
    if bucket == "month":
        assert start.day == end.day == 1
