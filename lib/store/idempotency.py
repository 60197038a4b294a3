"""Idempotency keys: the first answer to a POST create, kept per tenant and key for 24 hours.

`claim` runs inside the request's transaction, so the key is stored exactly when the write it
describes is. A concurrent twin blocks on the primary key until the first commits, then sees
the key taken and replays that answer instead of creating a duplicate.
"""

from __future__ import annotations

from dataclasses import dataclass

from lib.store import db

TTL = "24 hours"


@dataclass(frozen=True)
class Stored:
    fingerprint: str
    status: int
    media_type: str | None
    body: bytes


def find(tenant: str, key: str) -> Stored | None:
    with db.transaction() as c:
        row = c.execute(
            "select fingerprint, status, media_type, body from idempotency_keys"
            " where tenant_id = %s and key = %s and created_at > now() - %s::interval",
            (tenant, key, TTL),
        ).fetchone()
    if row is None:
        return None
    return Stored(row["fingerprint"], row["status"], row["media_type"], bytes(row["body"]))


def claim(tenant: str, key: str, fingerprint: str, status: int, media_type: str | None, body: bytes) -> bool:
    """Record this answer under the key; False when another request holds it (replay that one)."""
    with db.transaction() as c:
        row = c.execute(
            "insert into idempotency_keys (tenant_id, key, fingerprint, status, media_type, body)"
            " values (%s, %s, %s, %s, %s, %s)"
            " on conflict (tenant_id, key) do update set fingerprint = excluded.fingerprint,"
            " status = excluded.status, media_type = excluded.media_type, body = excluded.body,"
            " created_at = now()"
            " where idempotency_keys.created_at <= now() - %s::interval"
            " returning 1",
            (tenant, key, fingerprint, status, media_type, body, TTL),
        ).fetchone()
        if row is not None:
            c.execute("delete from idempotency_keys where created_at <= now() - %s::interval", (TTL,))
    return row is not None
