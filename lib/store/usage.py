"""The usage log: one row per LLM/embedding call or cache lookup. Analytics derive from it."""

from __future__ import annotations

from typing import Any

from lib.store import db


def log_call(
    tenant: str,
    *,
    provider: str,
    operation: str,
    status: str,
    model: str | None = None,
    input_tokens: int = 0,
    output_tokens: int = 0,
    cache_read_tokens: int = 0,
    cache_write_tokens: int = 0,
    cost_usd: float = 0.0,
    latency_ms: int = 0,
    error: str | None = None,
    workflow_id: str | None = None,
    saved_tokens: int = 0,
    saved_cost_usd: float = 0.0,
    saved_ms: int = 0,
    answer_ms: int | None = None,
    cache_entry_id: str | None = None,
    conn: Any = None,
) -> None:
    with db.transaction(conn) as c:
        c.execute(
            "insert into ai_usage_logs (tenant_id, provider, model, operation, input_tokens, output_tokens,"
            " cache_read_tokens, cache_write_tokens, cost_usd, latency_ms, status, error, workflow_id,"
            " saved_tokens, saved_cost_usd, saved_ms, answer_ms, cache_entry_id)"
            " values (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
            (
                tenant,
                provider,
                model,
                operation,
                input_tokens,
                output_tokens,
                cache_read_tokens,
                cache_write_tokens,
                cost_usd,
                latency_ms,
                status,
                (error or "")[:500] or None,
                workflow_id,
                saved_tokens,
                saved_cost_usd,
                saved_ms,
                answer_ms,
                cache_entry_id,
            ),
        )


def recent(tenant: str, limit: int = 100) -> list[dict]:
    with db.transaction() as c:
        return c.execute(
            "select provider, model, operation, input_tokens, output_tokens, cache_read_tokens,"
            " cache_write_tokens, cost_usd::float as cost_usd, latency_ms, status, error, workflow_id, created_at"
            " from ai_usage_logs where tenant_id = %s order by created_at desc limit %s",
            (tenant, limit),
        ).fetchall()


_SPENT = "input_tokens + output_tokens + cache_read_tokens + cache_write_tokens"
_BUCKETS = ("hour", "day", "week", "month")


_FIGURES = (
    " count(*) filter (where operation = 'cache_lookup') as lookups,"
    " count(*) filter (where operation = 'cache_lookup' and status = 'hit') as hits,"
    " count(*) filter (where operation = 'cache_lookup' and status = 'miss') as misses,"
    f" coalesce(sum({_SPENT}) filter (where operation <> 'cache_lookup'), 0)::bigint as tokens_spent,"
    " coalesce(sum(cost_usd) filter (where operation <> 'cache_lookup'), 0)::float as cost_spent_usd,"
    " coalesce(sum(saved_tokens), 0)::bigint as tokens_saved,"
    " coalesce(sum(saved_cost_usd), 0)::float as cost_saved_usd,"
    " coalesce(sum(saved_ms), 0)::bigint as ms_saved,"
    " percentile_cont(0.5) within group (order by answer_ms)"
    "   filter (where operation = 'cache_lookup' and status = 'hit') as hit_p50_ms,"
    " percentile_cont(0.95) within group (order by answer_ms)"
    "   filter (where operation = 'cache_lookup' and status = 'hit') as hit_p95_ms,"
    " percentile_cont(0.5) within group (order by answer_ms)"
    "   filter (where operation = 'cache_lookup' and status = 'miss') as miss_p50_ms,"
    " percentile_cont(0.95) within group (order by answer_ms)"
    "   filter (where operation = 'cache_lookup' and status = 'miss') as miss_p95_ms"
)


def figures(tenant: str, *, start: Any, end: Any, bucket: str | None = None) -> list[dict]:
    """Lookups, hits, misses, tokens/money spent and saved, answer-time percentiles: for the whole
    range (one row), or per time bucket ('hour', 'day', 'week', 'month'; UTC) in order."""
    if bucket is not None and bucket not in _BUCKETS:
        raise ValueError(f"bucket must be one of {_BUCKETS}")
    where = " from ai_usage_logs where tenant_id = %s and created_at >= %s and created_at < %s"
    with db.transaction() as c:
        if bucket is None:
            return c.execute("select" + _FIGURES + where, (tenant, start, end)).fetchall()
        return c.execute(
            "select date_trunc(%s, created_at, 'UTC') as start,"
            + _FIGURES
            + where
            + " group by 1 order by 1",
            (bucket, tenant, start, end),
        ).fetchall()


def calls_by_model(tenant: str, *, start: Any, end: Any) -> list[dict]:
    """Every call and lookup grouped by provider, model and operation."""
    with db.transaction() as c:
        return c.execute(
            "select provider, model, operation, count(*) as calls,"  # nosec B608  # a fixed column expression; values are parameters
            " count(*) filter (where status = 'error') as errors,"
            f" coalesce(sum({_SPENT}), 0)::bigint as tokens, coalesce(sum(cost_usd), 0)::float as cost_usd,"
            " percentile_cont(0.5) within group (order by latency_ms) as latency_p50_ms"
            " from ai_usage_logs where tenant_id = %s and created_at >= %s and created_at < %s"
            " group by 1, 2, 3 order by calls desc, 1, 2, 3",
            (tenant, start, end),
        ).fetchall()


def cache_days(tenant: str) -> list[dict]:
    """The `cache_stats` view (security_invoker, so RLS applies) for one tenant, newest day first."""
    with db.transaction() as c:
        return c.execute(
            "select period_start, period_end, hit_count, miss_count, hit_rate, saved_tokens,"
            " saved_cost_usd::float as saved_cost_usd, saved_ms"
            " from cache_stats where tenant_id = %s order by period_start desc",
            (tenant,),
        ).fetchall()


def spent_today(tenant: str) -> tuple[int, float, float]:
    """(tokens, cost in USD, seconds until the UTC day ends) of the tenant's LLM calls so far today."""
    with db.connection() as conn:
        row = conn.execute(
            f"select coalesce(sum({_SPENT}), 0)::bigint as tokens, coalesce(sum(cost_usd), 0)::float as cost,"  # nosec B608  # a fixed column expression; values are parameters
            " extract(epoch from (date_trunc('day', now() at time zone 'utc') + interval '1 day'"
            " - (now() at time zone 'utc')))::float as left_s"
            " from ai_usage_logs where tenant_id = %s and operation <> 'cache_lookup'"
            " and created_at >= date_trunc('day', now() at time zone 'utc') at time zone 'utc'",
            (tenant,),
        ).fetchone()
        conn.rollback()
    return int(row["tokens"]), float(row["cost"]), float(row["left_s"])
