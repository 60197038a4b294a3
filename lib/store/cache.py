"""Semantic cache entries (`workflow_lookup`): find, store, evict, mark bad, clear — per tenant.

The tenant, the embedder, the generator context and the intent are hard filters in SQL; only the
rows left are ranked by cosine similarity (pgvector's `<=>`), computed exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from psycopg.types.json import Jsonb

from lib.store import db

LOOKUP_TYPE = "generation"


@dataclass
class Entry:
    id: str
    similarity: float
    state: dict[str, Any]
    name: str | None
    source: str
    saved_tokens: int
    saved_cost_usd: float
    produce_ms: int
    report: dict[str, Any] | None  # the validators' report when it was stored (None for older entries)
    coverage: dict[str, Any] | None = None  # the coverage report it was made with (None for older entries)


def _vector(values: Any) -> Any:
    from pgvector import Vector

    return Vector(values)


REQUEST_KEYS_KEPT = 32  # per entry: the first requests served from it by similarity

_ENTRY = (
    "id::text as id, pattern_data, description, source, saved_tokens,"
    " saved_cost_usd::float as saved_cost_usd, produce_ms from workflow_lookup"
    " where tenant_id = %s and lookup_type = %s and not bad and (expires_at is null or expires_at > now())"
    " and embedding_model = %s and context_hash = %s and intent_hash = %s"
)


@contextmanager
def _reading(conn: Any) -> Iterator[Any]:
    """`conn` when the caller holds one (a lookup's two statements share it), else an autocommit one."""
    if conn is not None:
        yield conn
        return
    with db.reading() as c:
        yield c


def exact(
    tenant: str, *, key: str, embedder: str, context_hash: str, intent_hash: str, conn: Any = None
) -> Entry | None:
    """The live entry stored under this key, or served this very request before (same text,
    embedder, context, intent), with the similarity it was served at. One statement, no transaction."""
    with _reading(conn) as c:
        row = c.execute(
            "select case when lookup_key = %s then 1.0 else (request_keys ->> %s)::float end as similarity, "
            + _ENTRY
            + " and (lookup_key = %s or request_keys ? %s) order by lookup_key = %s desc limit 1",
            (key, key, tenant, LOOKUP_TYPE, embedder, context_hash, intent_hash, key, key, key),
        ).fetchone()
    return _entry(row)


def nearest(
    tenant: str,
    *,
    embedder: str,
    dim: int,
    context_hash: str,
    intent_hash: str,
    vector: Any,
    conn: Any = None,
) -> Entry | None:
    """The most similar live entry with exactly this embedder, context and intent (or None)."""
    with _reading(conn) as c:
        row = c.execute(
            "select 1 - (embedding <=> %s) as similarity, " + _ENTRY + " and embedding_dim = %s"
            " order by embedding <=> %s limit 1",
            (_vector(vector), tenant, LOOKUP_TYPE, embedder, context_hash, intent_hash, dim, _vector(vector)),
        ).fetchone()
    return _entry(row)


def _entry(row: dict[str, Any] | None) -> Entry | None:
    if row is None:
        return None
    data = row["pattern_data"]
    return Entry(
        id=row["id"],
        similarity=float(row["similarity"]),
        state=data["state"],
        name=data.get("name"),
        source=row["source"] or "",
        saved_tokens=row["saved_tokens"],
        saved_cost_usd=row["saved_cost_usd"],
        produce_ms=row["produce_ms"],
        report=data.get("report"),
        coverage=data.get("coverage"),
    )


def touch(
    tenant: str, entry_id: str, conn: Any = None, *, request_key: str | None = None, similarity: float = 1.0
) -> None:
    """Count a use; a request served by similarity leaves its key (and that similarity) on the entry."""
    with db.transaction(conn) as c:
        c.execute(
            "update workflow_lookup set usage_count = usage_count + 1, last_used = now(),"
            " request_keys = case when %(key)s::text is null or lookup_key = %(key)s or request_keys ? %(key)s"
            " or (select count(*) from jsonb_object_keys(request_keys)) >= %(kept)s then request_keys"
            " else request_keys || jsonb_build_object(%(key)s::text, %(similarity)s::float) end"
            " where tenant_id = %(tenant)s and id = %(id)s",
            {
                "key": request_key,
                "similarity": similarity,
                "kept": REQUEST_KEYS_KEPT,
                "tenant": tenant,
                "id": entry_id,
            },
        )


def put(
    tenant: str,
    *,
    key: str,
    workflow_id: str | None,
    description: str,
    normalized: str,
    state: dict[str, Any],
    name: str,
    report: dict[str, Any],
    coverage: dict[str, Any] | None = None,
    embedder: str,
    vector: Any,
    threshold: float,
    intent: dict[str, Any],
    intent_hash: str,
    context: dict[str, Any],
    context_hash: str,
    source: str,
    saved_tokens: int,
    saved_cost_usd: float,
    produce_ms: int,
    ttl_s: int,
    max_entries: int,
) -> str | None:
    """Insert (or refresh the entry with the same key, unless it was marked bad: then None), then evict
    expired and least recently used rows."""
    with db.transaction() as c:
        row = c.execute(
            "insert into workflow_lookup (tenant_id, workflow_id, lookup_key, lookup_type, description,"
            " pattern_data, embedding, embedding_model, embedding_dim, similarity_threshold, normalized,"
            " intent, intent_hash, context, context_hash, source, saved_tokens, saved_cost_usd, produce_ms,"
            " expires_at)"
            " values (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s, now() + make_interval(secs => %s))"
            " on conflict (tenant_id, lookup_type, lookup_key) do update set"
            " workflow_id = excluded.workflow_id, description = excluded.description,"
            " pattern_data = excluded.pattern_data, embedding = excluded.embedding,"
            " similarity_threshold = excluded.similarity_threshold, source = excluded.source,"
            " saved_tokens = excluded.saved_tokens, saved_cost_usd = excluded.saved_cost_usd,"
            " produce_ms = excluded.produce_ms, expires_at = excluded.expires_at,"
            " created_at = now()"
            " where not workflow_lookup.bad"  # an entry marked bad stays bad: its key never caches again
            " returning id::text as id",
            (
                tenant,
                workflow_id,
                key,
                LOOKUP_TYPE,
                description,
                Jsonb({"state": state, "name": name, "report": report, "coverage": coverage}),
                _vector(vector),
                embedder,
                len(vector),
                threshold,
                normalized,
                Jsonb(intent),
                intent_hash,
                Jsonb(context),
                context_hash,
                source,
                saved_tokens,
                saved_cost_usd,
                produce_ms,
                ttl_s,
            ),
        ).fetchone()
        c.execute(
            "delete from workflow_lookup where tenant_id = %s and expires_at <= now()",
            (tenant,),
        )
        c.execute(
            "delete from workflow_lookup where id in (select id from workflow_lookup where tenant_id = %s"
            " order by coalesce(last_used, created_at) desc, created_at desc offset %s)",
            (tenant, max_entries),
        )
    return row["id"] if row else None


def mark_bad(tenant: str, entry_id: str, reason: str) -> bool:
    """True when the tenant had such an entry; it never serves again."""
    with db.transaction() as c:
        row = c.execute(
            "update workflow_lookup set bad = true, bad_reason = %s where tenant_id = %s and id::text = %s"
            " returning id",
            (reason[:500], tenant, entry_id),
        ).fetchone()
    return row is not None


def clear(tenant: str) -> int:
    with db.transaction() as c:
        return c.execute("delete from workflow_lookup where tenant_id = %s", (tenant,)).rowcount


def entries(tenant: str, limit: int = 100) -> list[dict[str, Any]]:
    """The tenant's entries, most recently used first (no states, no vectors)."""
    with db.transaction() as c:
        return c.execute(
            "select id::text as id, description, embedding_model as embedder, embedding_dim, source,"
            " intent, context, usage_count, last_used, created_at, expires_at, bad, bad_reason,"
            " saved_tokens, saved_cost_usd::float as saved_cost_usd, produce_ms, workflow_id"
            " from workflow_lookup where tenant_id = %s and lookup_type = %s"
            " order by coalesce(last_used, created_at) desc limit %s",
            (tenant, LOOKUP_TYPE, limit),
        ).fetchall()


def counts(tenant: str) -> dict[str, int]:
    with db.transaction() as c:
        return c.execute(
            "select count(*) as entries, count(*) filter (where bad) as bad from workflow_lookup"
            " where tenant_id = %s and lookup_type = %s",
            (tenant, LOOKUP_TYPE),
        ).fetchone()
