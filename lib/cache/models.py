"""Response and request models of the cache endpoints (/api/workflows/cache…)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class CacheEntryOut(BaseModel):
    model_config = ConfigDict(defer_build=True)
    id: str
    description: str | None
    embedder: str | None
    embedding_dim: int | None
    source: str | None = Field(description="Which generator produced the cached answer")
    intent: dict[str, Any] = Field(description="What had to match exactly for a hit")
    context: dict[str, Any] = Field(description="Generator, versions and model the answer was made with")
    usage_count: int
    last_used: datetime | None
    created_at: datetime
    expires_at: datetime | None
    bad: bool
    bad_reason: str | None
    saved_tokens: int
    saved_cost_usd: float
    produce_ms: int
    workflow_id: str | None


class CacheEntries(BaseModel):
    model_config = ConfigDict(defer_build=True)
    entries: list[CacheEntryOut]


class ClearedOut(BaseModel):
    model_config = ConfigDict(defer_build=True)
    deleted: int


class MarkBadIn(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    reason: str = Field(default="marked bad by a user", min_length=1, max_length=500)


class MarkedOut(BaseModel):
    model_config = ConfigDict(defer_build=True)
    id: str
    bad: bool = True
    reason: str
