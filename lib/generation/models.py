"""Request and response models of the generation endpoints."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from lib.generation.coverage import Coverage
from lib.generation.text import MAX_DESCRIPTION_CHARS
from lib.store.workflows import WorkflowRecord


class GenerateIn(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    description: str = Field(
        min_length=1,
        max_length=MAX_DESCRIPTION_CHARS,
        description="What the workflow should do, in plain words",
    )
    name: str | None = Field(default=None, max_length=200)
    category: str | None = Field(default=None, max_length=64)
    cache: bool = Field(
        default=True, description="false: neither serve from nor store into the semantic cache"
    )


class CacheSaved(BaseModel):
    model_config = ConfigDict(defer_build=True)
    tokens: int = Field(default=0, description="Tokens the original generation used, not spent again")
    cost_usd: float = 0.0
    ms: int = Field(default=0, description="Original generation time minus this lookup's time")


class CacheInfo(BaseModel):
    model_config = ConfigDict(defer_build=True)
    hit: bool = Field(default=False, description="True only when a stored result was served")
    similarity: float | None = Field(
        default=None, description="Cosine similarity of the nearest matching entry"
    )
    entry_id: str | None = Field(
        default=None, description="The entry served, or the one stored from this answer"
    )
    stored: bool = Field(default=False, description="This answer was stored as a new cache entry")
    saved: CacheSaved = Field(default_factory=CacheSaved)


class ValidationOut(BaseModel):
    model_config = ConfigDict(defer_build=True)
    valid: bool
    findings: list[dict[str, Any]]


class UsageOut(BaseModel):
    model_config = ConfigDict(defer_build=True)
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0
    cost_usd: float = 0.0


class GenerationResult(BaseModel):
    model_config = ConfigDict(defer_build=True)
    workflow: WorkflowRecord
    source: Literal["cache", "claude", "planner"]
    reason: str | None = Field(default=None, description="Why the planner answered, or a note on repair")
    cache: CacheInfo
    validation: ValidationOut
    usage: UsageOut
    coverage: Coverage = Field(
        default_factory=Coverage,
        description="What the description became: each block's words, unused clauses, assumptions, inputs to fill",
    )
    elapsed_ms: int
    previous_version: int | None = Field(
        default=None, description="generate-state: the version this one replaced, kept in the history"
    )
    history: str | None = Field(
        default=None, description="generate-state: what was replaced and how to bring it back"
    )
