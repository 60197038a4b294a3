"""The audit log: who changed what (key id or 'local'), with the request id to correlate logs."""

from __future__ import annotations

from typing import Any

from psycopg.types.json import Jsonb

from lib.store import db


def record(
    tenant: str,
    *,
    actor: str,
    action: str,
    target_type: str | None = None,
    target_id: str | None = None,
    request_id: str | None = None,
    details: dict | None = None,
    conn: Any = None,
) -> None:
    with db.transaction(conn) as c:
        c.execute(
            "insert into audit_log (tenant_id, actor, action, target_type, target_id, request_id, details)"
            " values (%s,%s,%s,%s,%s,%s,%s)",
            (tenant, actor, action, target_type, target_id, request_id, Jsonb(details or {})),
        )


def entries(tenant: str, limit: int = 100) -> list[dict]:
    with db.transaction() as c:
        return c.execute(
            "select actor, action, target_type, target_id, request_id, details, created_at from audit_log"
            " where tenant_id = %s order by id desc limit %s",
            (tenant, limit),
        ).fetchall()
