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
    conn: Any = None,
) -> None:
    with db.transaction(conn) as c:
        c.execute(
            "insert into ai_usage_logs (tenant_id, provider, model, operation, input_tokens, output_tokens,"
            " cache_read_tokens, cache_write_tokens, cost_usd, latency_ms, status, error, workflow_id)"
            " values (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
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


def spent_today(tenant: str) -> tuple[int, float, float]:
    """(tokens, cost in USD, seconds until the UTC day ends) of the tenant's LLM calls so far today."""
    with db.connection() as conn:
        row = conn.execute(
            "select coalesce(sum(input_tokens + output_tokens + cache_read_tokens + cache_write_tokens), 0)"
            "::bigint as tokens, coalesce(sum(cost_usd), 0)::float as cost,"
            " extract(epoch from (date_trunc('day', now() at time zone 'utc') + interval '1 day'"
            " - (now() at time zone 'utc')))::float as left_s"
            " from ai_usage_logs where tenant_id = %s and operation <> 'cache_lookup'"
            " and created_at >= date_trunc('day', now() at time zone 'utc') at time zone 'utc'",
            (tenant,),
        ).fetchone()
        conn.rollback()
    return int(row["tokens"]), float(row["cost"]), float(row["left_s"])
