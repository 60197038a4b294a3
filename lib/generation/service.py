"""Generation orchestration: description → (cache seam) → Claude or planner → validated state → store.

Claude is used when a key is configured and its circuit is closed; whenever it cannot deliver a
valid state the planner answers and the result says why (`source="planner"`, `reason`). Every
provider call is written to the usage log with tokens, cost and latency.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from lib.errors import InvalidInput
from lib.generation.coverage import Coverage
from lib.generation.models import CacheInfo, GenerationResult, UsageOut, ValidationOut
from lib.generation.text import clean_description
from lib.store import db


@dataclass
class _Produced:
    state: dict[str, Any]
    name: str
    source: Literal["cache", "claude", "planner"]
    reason: str | None
    report: Any
    usage: UsageOut
    model: str | None = None
    coverage: Any = None


def _from_cache(found: Any) -> _Produced | None:
    """The semantic cache's answer (lib/cache), when it served one, with the coverage report the
    entry was made with: its assumptions (a generic webhook in place of HubSpot's, where to point it)
    hold for the served state whatever words asked for it. Entries stored before reports were kept
    get the inputs to fill in, read from the state."""
    if not found.hit:
        return None
    from pydantic import ValidationError

    from lib.generation.coverage import report

    note = f"served from the semantic cache (similarity {found.similarity})"
    coverage = None
    if found.coverage is not None:
        try:
            coverage = Coverage.model_validate(found.coverage)
        except ValidationError:
            coverage = None
    if coverage is None:
        coverage = report(found.state)
    elif found.similarity is not None and found.similarity < 1:
        note += "; each block's words and the unused clauses are those of the request it was made for"
    return _Produced(
        found.state,
        found.name or "Cached workflow",
        "cache",
        note,
        found.report,
        UsageOut(),
        coverage=coverage,
    )


def _record_call(tenant: str, totals: UsageOut, workflow_id: str | None):
    from lib.generation.pricing import cost_usd
    from lib.store import usage

    def record(call: Any) -> None:
        cost = cost_usd(
            call.model,
            input_tokens=call.input_tokens,
            output_tokens=call.output_tokens,
            cache_read_tokens=call.cache_read_tokens,
            cache_write_tokens=call.cache_write_tokens,
        )
        totals.input_tokens += call.input_tokens
        totals.output_tokens += call.output_tokens
        totals.cache_read_tokens += call.cache_read_tokens
        totals.cache_write_tokens += call.cache_write_tokens
        totals.cost_usd = round(totals.cost_usd + cost, 6)
        usage.log_call(
            tenant,
            provider="anthropic",
            model=call.model,
            operation=call.operation,
            input_tokens=call.input_tokens,
            output_tokens=call.output_tokens,
            cache_read_tokens=call.cache_read_tokens,
            cache_write_tokens=call.cache_write_tokens,
            cost_usd=cost,
            latency_ms=call.latency_ms,
            status=call.status,
            error=call.error,
            workflow_id=workflow_id,
        )

    return record


def produce(tenant: str, description: str, *, seed: str, workflow_id: str | None = None) -> _Produced:
    """A validated state for `description`: Claude first when available, else (or on failure) the planner."""
    from lib.config import settings
    from lib.generation import claude

    totals = UsageOut()
    reason = None
    if claude.available():
        from lib.quota import check_budget

        check_budget(tenant)  # spent → 429 until the day ends, before any tokens are paid for
        outcome = claude.generate(description, seed=seed, record=_record_call(tenant, totals, workflow_id))
        if outcome.state is not None and outcome.plan is not None:
            note = "repaired after one validation round" if outcome.repaired else None
            from lib.generation.coverage import of_plan

            return _Produced(
                outcome.state,
                outcome.plan.name,
                "claude",
                note,
                outcome.report,
                totals,
                settings().anthropic_model,
                of_plan(outcome.state, outcome.plan, outcome.local_ids, description),
            )
        reason = outcome.reason
    elif settings().anthropic_api_key is None:
        reason = "no ANTHROPIC_API_KEY configured: the offline planner answered"
    else:
        reason = "anthropic circuit open: provider skipped after repeated failures"
    return _planned(description, seed, reason, totals)


def _planned(description: str, seed: str, reason: str | None, totals: UsageOut) -> _Produced:
    """The offline planner's state and its coverage report (CannotPlan → 422 when it cannot)."""
    from lib.generation import planner
    from lib.generation.compose import compose
    from lib.validation import validate

    draft = planner.draft(description)
    composed = compose(draft.plan, seed=seed)
    coverage = draft.coverage(composed)
    state = composed.state
    return _Produced(
        state, draft.plan.name, "planner", reason, validate(state, era="jul25"), totals, None, coverage
    )


def _generation_meta(produced: _Produced) -> dict[str, Any]:
    """What the stored workflow keeps about how it was made, the coverage report included."""
    coverage = produced.coverage.model_dump(mode="json") if produced.coverage is not None else None
    return {
        "source": produced.source,
        "reason": produced.reason,
        "model": produced.model,
        "coverage": coverage,
    }


def _result(record: Any, produced: _Produced, cache: CacheInfo, t0: float) -> GenerationResult:
    report = produced.report
    return GenerationResult(
        workflow=record,
        source=produced.source,
        reason=produced.reason,
        cache=cache,
        validation=ValidationOut(valid=report.valid, findings=[f.model_dump() for f in report.findings]),
        usage=produced.usage,
        coverage=produced.coverage or Coverage(),
        elapsed_ms=int((time.perf_counter() - t0) * 1000),
    )


def generate(
    tenant: str,
    description: str,
    name: str | None = None,
    category: str | None = None,
    *,
    use_cache: bool = True,
) -> GenerationResult:
    """Generate a workflow (or serve it from the semantic cache) and store it as a draft."""
    from lib import cache as semantic_cache
    from lib.generation.planner import infer_category
    from lib.search.indexing import reindex
    from lib.store import secrets, workflows

    t0 = time.perf_counter()
    wid = str(uuid.uuid4())
    with (
        db.detached()
    ):  # provider calls, cache lookups and their usage rows never hold the request's transaction
        # a key pasted into the description is stored and referenced before any model or cache sees it
        text = secrets.protect_text(tenant, clean_description(description))
        found = semantic_cache.lookup(tenant, text, enabled=use_cache)
        t1 = time.perf_counter()
        produced = _from_cache(found) or produce(tenant, text, seed=wid, workflow_id=wid)
    answer_ms, produce_ms = int((time.perf_counter() - t0) * 1000), int((time.perf_counter() - t1) * 1000)
    metadata = {"generation": _generation_meta(produced)}
    record = workflows.create(
        tenant,
        id=wid,
        state=produced.state,
        name=(name or produced.name)[:200],
        description=text,
        category=category or infer_category(text),
        status="draft",
        metadata=metadata,
        source="generate",
        reindex=reindex,
    )
    cache = semantic_cache.settle(
        tenant, found, produced, description=text, workflow_id=wid, answer_ms=answer_ms, produce_ms=produce_ms
    )
    return _result(record, produced, cache, t0)


def regenerate(tenant: str, workflow_id: str) -> GenerationResult:
    """Regenerate a stored workflow's state from its description; stored as a new version."""
    from lib.generation.planner import describe_state
    from lib.search.indexing import reindex
    from lib.store import workflows

    t0 = time.perf_counter()
    with db.detached():  # read, then call providers, without holding the request's transaction
        record = workflows.get(tenant, workflow_id)  # NotFound → 404, never a fabricated result
        description = record.description or describe_state(record.state)
        if not description:
            raise InvalidInput(
                "this workflow has no description and its blocks do not describe a flow; set 'description' "
                "(PUT /api/workflows/{id}) and try again",
                field="description",
            )
        text = clean_description(description, field="description")
        produced = produce(tenant, text, seed=workflow_id, workflow_id=workflow_id)
    metadata = {
        **(record.metadata or {}),
        "generation": _generation_meta(produced),
    }
    stored = workflows.replace(
        tenant,
        workflow_id,
        state=produced.state,
        expected_version=record.version,
        description=None if record.description else text,
        metadata=metadata,
        reason="regenerate",
        reindex=reindex,
    )  # a concurrent change since the read above → 409, never overwritten
    result = _result(stored, produced, CacheInfo(), t0)
    result.previous_version = record.version
    imported = record.version_source == "import" or bool(record.metadata.get("import"))
    origin = "imported" if imported else f"made by {record.version_source}"
    result.history = (
        f"version {record.version} ({origin}) was replaced by version {stored.version} and is kept in the"
        f" history: POST /api/workflows/{workflow_id}/versions/{record.version}/restore brings it back"
    )
    return result
