"""API keys: `af_<random>`, shown once, stored only as a SHA-256 hash, bound to a tenant and role."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from lib.errors import InvalidInput, NotFound
from lib.store import db

ROLES = ("read", "write", "admin")
_RANK = {role: i for i, role in enumerate(ROLES)}
PREFIX = "af_"


class ApiKey(BaseModel):
    id: str
    tenant_id: str
    name: str | None
    prefix: str
    role: str
    created_at: datetime
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def role_allows(role: str, needed: str) -> bool:
    """admin ⊇ write ⊇ read."""
    return _RANK.get(role, -1) >= _RANK[needed]


def create(tenant: str, *, role: str, name: str | None = None) -> tuple[ApiKey, str]:
    """Return the record and the clear key (the only time it exists outside the caller)."""
    if role not in ROLES:
        raise InvalidInput(f"role must be one of {', '.join(ROLES)}", field="role")
    if not tenant or len(tenant) > 64:
        raise InvalidInput("tenant must be 1-64 characters", field="tenant")
    clear = PREFIX + secrets.token_urlsafe(32)
    with db.transaction() as c:
        row = c.execute(
            "insert into api_keys (tenant_id, name, prefix, key_hash, role) values (%s,%s,%s,%s,%s)"
            " returning id::text, tenant_id, name, prefix, role, created_at, last_used_at, revoked_at",
            (tenant, name, clear[:10], hash_key(clear), role),
        ).fetchone()
    return ApiKey.model_validate(row), clear


def resolve(clear: str) -> ApiKey | None:
    """The live key for this secret, or None. Touches last_used_at."""
    if not clear.startswith(PREFIX):
        return None
    with db.transaction() as c:
        row = c.execute(
            "update api_keys set last_used_at = now() where key_hash = %s and revoked_at is null"
            " returning id::text, tenant_id, name, prefix, role, created_at, last_used_at, revoked_at",
            (hash_key(clear),),
        ).fetchone()
    return ApiKey.model_validate(row) if row else None


def list_keys(tenant: str | None = None) -> list[ApiKey]:
    sql = "select id::text, tenant_id, name, prefix, role, created_at, last_used_at, revoked_at from api_keys"
    args: tuple[Any, ...] = ()
    if tenant:
        sql += " where tenant_id = %s"
        args = (tenant,)
    with db.transaction() as c:
        return [ApiKey.model_validate(r) for r in c.execute(sql + " order by created_at", args).fetchall()]


def revoke(key_id: str) -> ApiKey:
    with db.transaction() as c:
        row = c.execute(
            "update api_keys set revoked_at = coalesce(revoked_at, now()) where id::text = %s or prefix = %s"
            " returning id::text, tenant_id, name, prefix, role, created_at, last_used_at, revoked_at",
            (key_id, key_id),
        ).fetchone()
    if row is None:
        raise NotFound(f"API key {key_id!r} not found", field="id")
    return ApiKey.model_validate(row)
