"""Request and response shapes of /api/keys (the clear key appears only in KeyCreated)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class KeyIn(BaseModel):
    """POST /api/keys. With the bootstrap token the role is always admin."""

    model_config = ConfigDict(defer_build=True, extra="forbid")
    role: Literal["read", "write", "admin"] = "read"
    name: str | None = Field(default=None, max_length=200)
    tenant: str | None = Field(
        default=None,
        min_length=1,
        max_length=64,
        description="Bootstrap only: the tenant of the first admin key (default DEFAULT_TENANT). "
        "An admin creates keys for its own tenant.",
    )


class KeyOut(BaseModel):
    """A key as listed: never its secret nor its hash."""

    model_config = ConfigDict(defer_build=True)

    id: str
    tenant_id: str
    name: str | None
    prefix: str = Field(description="The first 10 characters, to recognise it")
    role: str
    created_at: datetime
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None


class KeyCreated(KeyOut):
    key: str = Field(description="The clear key, shown this once: store it now")
    bootstrap: bool = Field(default=False, description="Created with the one-time bootstrap token")


class KeyRotated(BaseModel):
    model_config = ConfigDict(defer_build=True)

    created: KeyCreated
    revoked: KeyOut


class KeyList(BaseModel):
    model_config = ConfigDict(defer_build=True)

    keys: list[KeyOut]
