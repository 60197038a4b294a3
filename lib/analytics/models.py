"""Request and response models of the analytics and cache-stats endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class AnalyticsQuery(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", populate_by_name=True)

    from_: datetime | None = Field(
        default=None, alias="from", description="Start (ISO 8601); default: 30 days ago"
    )
    to: datetime | None = Field(default=None, description="End, exclusive (ISO 8601); default: now")
    bucket: Literal["hour", "day", "week", "month"] = "day"


class CacheFigures(BaseModel):
    model_config = ConfigDict(defer_build=True)
    lookups: int = 0
    hits: int = 0
    misses: int = 0
    hit_rate: float = Field(default=0.0, description="hits / (hits + misses)")
    tokens_spent: int = Field(default=0, description="Tokens of every LLM and embedding call")
    cost_spent_usd: float = 0.0
    tokens_saved: int = Field(default=0, description="Tokens the served entries' original generations used")
    cost_saved_usd: float = 0.0
    ms_saved: int = 0
    hit_p50_ms: float | None = Field(
        default=None, description="Time to the answer when served from the cache"
    )
    hit_p95_ms: float | None = None
    miss_p50_ms: float | None = Field(default=None, description="Time to the answer when generated")
    miss_p95_ms: float | None = None


class Bucket(CacheFigures):
    start: datetime


class ModelCalls(BaseModel):
    model_config = ConfigDict(defer_build=True)
    provider: str
    model: str | None
    operation: str
    calls: int
    errors: int
    tokens: int
    cost_usd: float
    latency_p50_ms: float | None


class Analytics(BaseModel):
    model_config = ConfigDict(defer_build=True)
    start: datetime
    end: datetime
    bucket: str
    totals: CacheFigures
    buckets: list[Bucket]
    by_model: list[ModelCalls]


class CacheDay(BaseModel):
    model_config = ConfigDict(defer_build=True)
    period_start: datetime
    period_end: datetime
    hit_count: int
    miss_count: int
    hit_rate: float
    saved_tokens: int
    saved_cost_usd: float
    saved_ms: int


class CacheStats(BaseModel):
    model_config = ConfigDict(defer_build=True)
    entries: int = Field(description="Entries stored for this tenant (bad ones included)")
    bad_entries: int
    embedder: str = Field(description="The embedder new lookups use")
    threshold: float = Field(description="Similarity a hit needs with that embedder")
    totals: CacheFigures
    days: list[CacheDay] = Field(description="From the cache_stats view, newest first")
