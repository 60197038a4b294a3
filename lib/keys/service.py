"""Who may manage keys, and the bootstrap rule: the token from AGENT_FORGE_BOOTSTRAP_TOKEN is
accepted once per database (then never again), only by POST /api/keys, and every use or refused
attempt is in the audit log. Admins manage the keys of their own tenant."""

from __future__ import annotations

import hmac
from typing import Protocol

from lib.config import settings
from lib.errors import Forbidden, Unauthorized
from lib.keys.models import KeyCreated, KeyIn, KeyList, KeyOut, KeyRotated
from lib.store import audit, keys

BOOTSTRAP_HEADER = "x-bootstrap-token"


class Context(Protocol):
    """The caller as lib.web resolved it (lib.web.Context)."""

    tenant: str
    role: str
    actor: str
    request_id: str

    def header(self, name: str) -> str | None: ...


def require_admin(ctx: Context) -> None:
    """The route is public (the bootstrap comes without a key), so the admin check is made here."""
    if ctx.actor == "anonymous":
        raise Unauthorized(
            "this endpoint needs an admin API key: send 'Authorization: Bearer af_…'",
            field="header.authorization",
        )
    if ctx.role != "admin":
        raise Forbidden(
            f"managing keys needs the admin role; the key has {ctx.role}", field="header.authorization"
        )


def create(ctx: Context, body: KeyIn) -> KeyCreated:
    token = ctx.header(BOOTSTRAP_HEADER)
    if token is not None:
        return _bootstrap(ctx, token, body)
    require_admin(ctx)
    if body.tenant is not None and body.tenant != ctx.tenant:
        raise Forbidden("an admin creates keys for its own tenant only", field="body.tenant")
    from lib.store import db

    with db.transaction() as c:
        key, clear = keys.create(ctx.tenant, role=body.role, name=body.name, conn=c)
        _audit(ctx, "keys.create", key.id, {"role": key.role, "prefix": key.prefix}, conn=c)
    return KeyCreated(**key.model_dump(), key=clear)


def _bootstrap(ctx: Context, token: str, body: KeyIn) -> KeyCreated:
    expected = settings().bootstrap_token
    tenant = body.tenant or settings().default_tenant
    if expected is None or not hmac.compare_digest(token.encode(), expected.get_secret_value().encode()):
        from lib.store import db

        with db.detached():  # recorded although the request fails (its own transaction is rolled back)
            audit.record(
                tenant,
                actor="bootstrap",
                action="keys.bootstrap_refused",
                target_type="api_key",
                request_id=ctx.request_id,
                details={"reason": "no bootstrap token configured" if expected is None else "wrong token"},
            )
        raise Unauthorized("the bootstrap token is wrong or not configured", field="header.x-bootstrap-token")
    key, clear = keys.bootstrap(tenant, name=body.name, request_id=ctx.request_id)
    return KeyCreated(**key.model_dump(), key=clear, bootstrap=True)


def list_keys(ctx: Context) -> KeyList:
    require_admin(ctx)
    return KeyList(keys=[KeyOut(**k.model_dump()) for k in keys.list_keys(ctx.tenant)])


def revoke(ctx: Context, key_id: str) -> KeyOut:
    require_admin(ctx)
    from lib.store import db

    with db.transaction() as c:
        key = keys.revoke(key_id, tenant=ctx.tenant, conn=c)
        _audit(ctx, "keys.revoke", key.id, {"prefix": key.prefix}, conn=c)
    return KeyOut(**key.model_dump())


def rotate(ctx: Context, key_id: str) -> KeyRotated:
    require_admin(ctx)
    new, clear, old = keys.rotate(ctx.tenant, key_id, actor=ctx.actor, request_id=ctx.request_id)
    return KeyRotated(created=KeyCreated(**new.model_dump(), key=clear), revoked=KeyOut(**old.model_dump()))


def _audit(ctx: Context, action: str, key_id: str, details: dict, *, conn) -> None:
    audit.record(
        ctx.tenant,
        actor=ctx.actor,
        action=action,
        target_type="api_key",
        target_id=key_id,
        request_id=ctx.request_id,
        details=details,
        conn=conn,
    )
