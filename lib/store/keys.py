"""API keys: `af_<random>`, shown once, stored only as a SHA-256 hash, bound to a tenant and role.

A resolved key is kept in this process for `KEY_CACHE_S` seconds (a warm function answers without
a query per request) and `last_used_at` is written at most once a minute per key. Revoking through
this process drops it from the cache at once; another warm instance stops accepting it within
KEY_CACHE_S.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from lib.config import settings
from lib.errors import InvalidInput, NotFound, Unauthorized
from lib.store import audit, db

ROLES = ("read", "write", "admin")
_RANK = {role: i for i, role in enumerate(ROLES)}
PREFIX = "af_"
_COLUMNS = "id::text, tenant_id, name, prefix, role, created_at, last_used_at, revoked_at"
TOUCH_EVERY_S = 60.0

_cache_lock = threading.Lock()
_cache: dict[str, tuple[ApiKey, float]] = {}  # key hash → (key, monotonic expiry)
_touched: dict[str, float] = {}  # key id → monotonic time last_used_at was written


class ApiKey(BaseModel):
    model_config = ConfigDict(defer_build=True)

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


def create(tenant: str, *, role: str, name: str | None = None, conn: Any = None) -> tuple[ApiKey, str]:
    """Return the record and the clear key (the only time it exists outside the caller)."""
    if role not in ROLES:
        raise InvalidInput(f"role must be one of {', '.join(ROLES)}", field="role")
    if not tenant or len(tenant) > 64:
        raise InvalidInput("tenant must be 1-64 characters", field="tenant")
    clear = PREFIX + secrets.token_urlsafe(32)
    with db.transaction(conn) as c:
        row = c.execute(
            f"insert into api_keys (tenant_id, name, prefix, key_hash, role) values (%s,%s,%s,%s,%s)"  # nosec B608  # fixed table and column names; values are parameters
            f" returning {_COLUMNS}",
            (tenant, name, clear[:10], hash_key(clear), role),
        ).fetchone()
    return ApiKey.model_validate(row), clear


class NeedsLookup(Exception):
    """`cached` cannot answer without the database (not cached, expired, or a touch is due)."""


def cached(clear: str) -> ApiKey | None:
    """`resolve` from this process's cache alone, with no I/O; NeedsLookup when it would query."""
    if not clear.startswith(PREFIX):
        return None
    now = time.monotonic()
    hit = _cache.get(hash_key(clear))
    if hit is None or hit[1] <= now or now - _touched.get(hit[0].id, -TOUCH_EVERY_S) >= TOUCH_EVERY_S:
        raise NeedsLookup
    return hit[0]


def resolve(clear: str) -> ApiKey | None:
    """The live key for this secret, or None (cached briefly; last_used_at at most once a minute)."""
    if not clear.startswith(PREFIX):
        return None
    digest, now = hash_key(clear), time.monotonic()
    hit = _cache.get(digest)
    key = hit[0] if hit and hit[1] > now else None
    if key is None:
        with db.reading() as c:
            row = c.execute(
                f"select {_COLUMNS} from api_keys where key_hash = %s and revoked_at is null",  # nosec B608  # fixed table and column names; values are parameters
                (digest,),
            ).fetchone()
        if row is None:
            return None
        key = ApiKey.model_validate(row)
        with _cache_lock:
            _cache[digest] = (key, now + settings().key_cache_s)
    if now - _touched.get(key.id, -TOUCH_EVERY_S) >= TOUCH_EVERY_S:
        _touched[key.id] = now
        with db.reading() as c:
            c.execute(
                "update api_keys set last_used_at = now() where id = %s"
                " and (last_used_at is null or last_used_at < now() - interval '1 minute')",
                (key.id,),
            )
    return key


def forget(key_id: str) -> None:
    """Drop a key from this process's cache (after a revoke or rotation)."""
    with _cache_lock:
        for digest in [d for d, (k, _) in _cache.items() if k.id == key_id]:
            del _cache[digest]
        _touched.pop(key_id, None)


def list_keys(tenant: str | None = None) -> list[ApiKey]:
    sql = f"select {_COLUMNS} from api_keys"  # nosec B608  # fixed table and column names; values are parameters
    args: tuple[Any, ...] = ()
    if tenant:
        sql += " where tenant_id = %s"
        args = (tenant,)
    with db.reading() as c:
        return [ApiKey.model_validate(r) for r in c.execute(sql + " order by created_at", args).fetchall()]


def revoke(key_id: str, *, tenant: str | None = None, conn: Any = None) -> ApiKey:
    """Revoke by id or prefix (within `tenant` when given: another tenant's key is not found)."""
    sql = "update api_keys set revoked_at = coalesce(revoked_at, now()) where (id::text = %s or prefix = %s)"
    args: tuple[Any, ...] = (key_id, key_id)
    if tenant is not None:
        sql += " and tenant_id = %s"
        args += (tenant,)
    with db.transaction(conn) as c:
        row = c.execute(f"{sql} returning {_COLUMNS}", args).fetchone()
    if row is None:
        raise NotFound(f"API key {key_id!r} not found", field="id")
    forget(row["id"])
    return ApiKey.model_validate(row)


def rotate(tenant: str, key_id: str, *, actor: str, request_id: str | None) -> tuple[ApiKey, str, ApiKey]:
    """A new key with the old one's tenant, role and name, and the old one revoked: one transaction."""
    with db.transaction() as c:
        old = c.execute(
            f"select {_COLUMNS} from api_keys where (id::text = %s or prefix = %s) and tenant_id = %s"  # nosec B608  # fixed table and column names; values are parameters
            " and revoked_at is null for update",
            (key_id, key_id, tenant),
        ).fetchone()
        if old is None:
            raise NotFound(f"API key {key_id!r} not found or already revoked", field="id")
        new, clear = create(tenant, role=old["role"], name=old["name"], conn=c)
        revoked = revoke(old["id"], tenant=tenant, conn=c)
        audit.record(
            tenant,
            actor=actor,
            action="keys.rotate",
            target_type="api_key",
            target_id=old["id"],
            request_id=request_id,
            details={"new_key_id": new.id, "new_prefix": new.prefix, "role": new.role},
            conn=c,
        )
    return new, clear, revoked


def bootstrap(tenant: str, *, name: str | None, request_id: str | None) -> tuple[ApiKey, str]:
    """The deployment's first admin key, at most once per database (row in key_bootstrap); audited."""
    with db.transaction() as c:
        used = c.execute("select used_at from key_bootstrap for update").fetchone()
        if used is not None:
            raise Unauthorized(
                "the bootstrap token was already used on this database; ask an admin for a key",
                field="header.x-bootstrap-token",
            )
        key, clear = create(tenant, role="admin", name=name or "bootstrap admin", conn=c)
        inserted = c.execute(
            "insert into key_bootstrap (key_id, tenant_id, request_id) values (%s, %s, %s)"
            " on conflict do nothing returning key_id",
            (key.id, tenant, request_id),
        ).fetchone()
        if inserted is None:  # a concurrent bootstrap won: roll back this key
            raise Unauthorized(
                "the bootstrap token was already used on this database", field="header.x-bootstrap-token"
            )
        audit.record(
            tenant,
            actor="bootstrap",
            action="keys.bootstrap",
            target_type="api_key",
            target_id=key.id,
            request_id=request_id,
            details={"role": "admin", "prefix": key.prefix},
            conn=c,
        )
    return key, clear
