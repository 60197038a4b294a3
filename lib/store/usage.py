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
