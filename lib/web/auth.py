"""Authorization header → tenant and role.

Locally (AUTH_REQUIRED unset) a request without a key belongs to the default tenant with every
right, so a newcomer can use the API at once; a key that is sent is still checked, which is how
tests and multi-tenant setups address a tenant. With AUTH_REQUIRED=true every non-public
operation needs `Authorization: Bearer af_…` with a sufficient role.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lib.config import settings
from lib.errors import Forbidden, Unauthorized
from lib.store import keys


@dataclass(frozen=True)
class Principal:
    tenant: str
    role: str
    actor: str


def authenticate(
    authorization: str | None, needed_role: str | None, *, lookup: Callable[[str], Any] = keys.resolve
) -> Principal:
    """Resolve the caller; `needed_role=None` marks a public operation (no key needed).

    `lookup=keys.cached` answers only from this process's key cache (raising keys.NeedsLookup
    otherwise), so the common request is authenticated without a thread hop or a query."""
    cfg = settings()
    if not authorization:
        if needed_role is None or not cfg.auth_required:
            return Principal(
                cfg.default_tenant,
                "admin" if not cfg.auth_required else "read",
                "anonymous" if cfg.auth_required else "local",
            )
        raise Unauthorized(
            "this endpoint needs an API key: send 'Authorization: Bearer af_…'", field="header.authorization"
        )
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("Authorization must be 'Bearer <api key>'", field="header.authorization")
    key = lookup(token.strip())
    if key is None:
        raise Unauthorized("API key is unknown or revoked", field="header.authorization")
    if needed_role is not None and not keys.role_allows(key.role, needed_role):
        raise Forbidden(
            f"this operation needs the {needed_role} role; the key has {key.role}",
            field="header.authorization",
        )
    return Principal(key.tenant_id, key.role, f"key:{key.id}")
