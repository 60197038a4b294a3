"""The semantic cache around generation: look up before generating, remember after.

Lookup: normalise the request and extract its intent; ask the store for a live entry of this
tenant under the request's own key (stored from it, or served to it before: no embedding);
otherwise embed it (one `embedding` usage row) and ask for the nearest live entry with the same
embedder, the same generator context and exactly the same intent. It is served only above the
embedder's similarity threshold, with fresh ids, and only if it still passes the validators
(`recheck`; a failing entry is marked bad, never served). Each lookup writes one `cache_lookup` usage row with what a
hit saved. Failures of the cache itself never fail a generation: they count as misses.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lib.cache import intent as intents
from lib.cache import versions
from lib.config import settings

log = logging.getLogger(__name__)
_THRESHOLDS = Path(__file__).with_name("thresholds.json")


@lru_cache(maxsize=1)
def _thresholds() -> dict[str, float]:
    return json.loads(_THRESHOLDS.read_text(encoding="utf-8"))["thresholds"]


def threshold(embedder: str) -> float:
    """The similarity a hit needs: the setting if given, else the measured value for this embedder."""
    override = settings().cache_similarity
    if override is not None:
        return override
    table = _thresholds()
    return table.get(embedder, table["default"])


@dataclass
class Lookup:
    """One request's pass through the cache; `hit` holds the served state when there was one."""

    enabled: bool
    started: float = field(default_factory=time.perf_counter)
    normalized: str = ""
    intent: dict[str, Any] = field(default_factory=dict)
    intent_hash: str = ""
    embedder: str | None = None
    vector: Any = None
    similarity: float | None = None
    entry_id: str | None = None
    hit: bool = False
    state: dict[str, Any] | None = None
    name: str | None = None
    report: Any = None
    coverage: dict[str, Any] | None = None  # the served entry's coverage report, with the fresh ids
    saved_tokens: int = 0
    saved_cost_usd: float = 0.0
    saved_ms: int = 0
    lookup_ms: int = 0
    stored_entry: str | None = None
    error: str | None = None
    key: str = ""
    context_hash: str = ""
    by_key: bool = False  # found by the request's key (no embedding), not by similarity
    logs: list[dict[str, Any]] = field(default_factory=list)


def _embed(text: str, found: Lookup) -> Any:
    """The request's vector; the call's usage row is kept for `settle` (one transaction, off the answer path)."""
    from lib.embeddings import get_embedder
    from lib.generation.pricing import cost_usd

    emb = get_embedder()
    provider, _, model = emb.name.partition(":")
    row: dict[str, Any] = {"provider": provider, "model": model, "operation": "embedding"}
    t0 = time.perf_counter()
    try:
        vectors, tokens = emb.embed_counted([text])
    except Exception as exc:
        found.logs.append({**row, "status": "error", "error": type(exc).__name__, "latency_ms": _ms(t0)})
        raise
    cost = cost_usd(emb.name if provider != "openai" else model, input_tokens=tokens)
    found.logs.append(
        {**row, "status": "ok", "input_tokens": tokens, "cost_usd": cost, "latency_ms": _ms(t0)}
    )
    return vectors[0]


def _ms(t0: float) -> int:
    return int((time.perf_counter() - t0) * 1000)


def lookup(tenant: str, description: str, *, enabled: bool = True) -> Lookup:
    """Find a servable cached answer for `description`; never raises (trouble is a miss)."""
    from lib.store import cache as store
    from lib.store import db

    found = Lookup(enabled=enabled and settings().cache_enabled)
    if not found.enabled:
        return found
    try:
        from lib import embeddings

        found.normalized, found.intent_hash = intents.understood(description)
        found.context_hash = intents.digest(versions.context(versions.preferred_generator()))
        found.embedder = str(embeddings.describe()["name"])
        found.key = intents.digest([found.embedder, found.context_hash, found.intent_hash, found.normalized])
        match = {
            "embedder": found.embedder,
            "context_hash": found.context_hash,
            "intent_hash": found.intent_hash,
        }
        with db.reading() as conn:  # one pooled connection for both statements (each checkout costs a check)
            entry = store.exact(
                tenant, key=found.key, conn=conn, **match
            )  # the same request again: no embedding
            found.by_key = entry is not None
            if entry is None:
                found.vector = _embed(found.normalized, found)
                entry = store.nearest(tenant, dim=len(found.vector), vector=found.vector, conn=conn, **match)
        if entry is not None:
            found.similarity = round(entry.similarity, 4)
            found.entry_id = entry.id
            if entry.similarity >= threshold(found.embedder):
                _serve(tenant, found, entry)
    except Exception as exc:  # the cache must never break generation
        log.warning("cache lookup failed: %s", type(exc).__name__, exc_info=log.isEnabledFor(logging.DEBUG))
        found.error = type(exc).__name__
        found.hit = False
    found.lookup_ms = int((time.perf_counter() - found.started) * 1000)
    return found


def _serve(tenant: str, found: Lookup, entry: Any) -> None:
    from lib.cache.recheck import recheck
    from lib.store import cache as store
    from lib.templates.reid import regenerate_ids

    state, ids = regenerate_ids(entry.state, in_place=True)  # the entry was just read: nobody else holds it
    report = recheck(state, ids, entry.report)
    if not report.valid:
        store.mark_bad(tenant, entry.id, "failed re-validation when served")
        return
    found.hit, found.state, found.name, found.report = True, state, entry.name, report
    found.coverage = _coverage_with(entry.coverage, ids)
    found.saved_tokens, found.saved_cost_usd = entry.saved_tokens, entry.saved_cost_usd
    elapsed = int((time.perf_counter() - found.started) * 1000)
    found.saved_ms = max(0, entry.produce_ms - elapsed)


def _coverage_with(coverage: Any, ids: dict[str, str]) -> dict[str, Any] | None:
    """A stored coverage report with each block id replaced as `regenerate_ids` replaced it."""
    if not isinstance(coverage, dict):
        return None
    out = dict(coverage)
    for part in ("blocks", "needs_input"):
        rows = [row for row in coverage.get(part) or [] if isinstance(row, dict)]
        out[part] = [
            {**row, "block_id": ids.get(str(row.get("block_id")), row.get("block_id"))} for row in rows
        ]
    return out


def remember(
    tenant: str,
    found: Lookup,
    *,
    description: str,
    state: dict[str, Any],
    name: str,
    source: str,
    report: Any,
    usage: Any,
    workflow_id: str | None,
    produce_ms: int,
    coverage: dict[str, Any] | None = None,
) -> str | None:
    """Store a freshly generated answer when it may be cached, with its coverage report (the words,
    unused clauses, assumptions and inputs to fill that a hit serves again); the entry id, or None."""
    from lib.cache.guard import refusal
    from lib.cache.recheck import stored as stored_report
    from lib.store import cache as store

    if not found.enabled or found.hit or source not in ("claude", "planner"):
        return None
    if not report.valid or refusal(description, state, report, coverage):
        return None
    context = versions.context(source)
    context_hash = intents.digest(context)
    try:
        found.intent = intents.extract(description)
        if found.vector is None:  # an exact-key entry that was not served (bad state): embed to replace it
            found.vector = _embed(found.normalized, found)
        found.stored_entry = store.put(
            tenant,
            key=intents.digest([found.embedder, context_hash, found.intent_hash, found.normalized]),
            workflow_id=workflow_id,
            description=description,
            normalized=found.normalized,
            state=state,
            name=name,
            report=stored_report(report),
            coverage=coverage,
            embedder=found.embedder or "",
            vector=found.vector,
            threshold=threshold(found.embedder or ""),
            intent=found.intent,
            intent_hash=found.intent_hash,
            context=context,
            context_hash=context_hash,
            source=source,
            saved_tokens=usage.input_tokens
            + usage.output_tokens
            + usage.cache_read_tokens
            + usage.cache_write_tokens,
            saved_cost_usd=usage.cost_usd,
            produce_ms=produce_ms,
            ttl_s=int(settings().cache_ttl_days * 86400),
            max_entries=settings().cache_max_entries,
        )
    except Exception as exc:
        log.warning("cache store failed: %s", type(exc).__name__, exc_info=log.isEnabledFor(logging.DEBUG))
        return None
    return found.stored_entry


def record(tenant: str, found: Lookup, *, workflow_id: str | None, answer_ms: int) -> None:
    """In one transaction: the served entry's use count, the embedding call, and the lookup's own row
    (hit or miss, its latency, the time to the answer, what a hit saved)."""
    from lib.store import cache as store
    from lib.store import db, usage

    if not found.enabled:
        return
    with db.transaction() as conn:
        if found.hit and found.entry_id:  # served by similarity: its key finds the entry next time
            store.touch(
                tenant,
                found.entry_id,
                conn=conn,
                request_key=None if found.by_key else found.key,
                similarity=found.similarity or 1.0,
            )
        for row in found.logs:
            usage.log_call(tenant, workflow_id=workflow_id, conn=conn, **row)
        usage.log_call(
            tenant,
            provider="cache",
            model=found.embedder,
            operation="cache_lookup",
            status="hit" if found.hit else "miss",
            latency_ms=found.lookup_ms,
            error=found.error,
            workflow_id=workflow_id,
            saved_tokens=found.saved_tokens,
            saved_cost_usd=found.saved_cost_usd,
            saved_ms=found.saved_ms,
            answer_ms=answer_ms,
            cache_entry_id=found.entry_id if found.hit else found.stored_entry,
            conn=conn,
        )


def settle(
    tenant: str,
    found: Lookup,
    produced: Any,
    *,
    description: str,
    workflow_id: str,
    answer_ms: int,
    produce_ms: int,
) -> Any:
    """After the workflow is stored: remember a fresh answer, log the lookup, and say what happened."""
    from lib.generation.models import CacheInfo, CacheSaved

    if not found.hit:
        remember(
            tenant,
            found,
            description=description,
            state=produced.state,
            name=produced.name,
            source=produced.source,
            report=produced.report,
            usage=produced.usage,
            workflow_id=workflow_id,
            produce_ms=produce_ms,
            coverage=produced.coverage.model_dump(mode="json") if produced.coverage is not None else None,
        )
    record(tenant, found, workflow_id=workflow_id, answer_ms=answer_ms)
    return CacheInfo(
        hit=found.hit,
        similarity=found.similarity,
        entry_id=found.entry_id if found.hit else found.stored_entry,
        stored=found.stored_entry is not None,
        saved=CacheSaved(tokens=found.saved_tokens, cost_usd=found.saved_cost_usd, ms=found.saved_ms),
    )
