"""The three searches: hybrid semantic search, similar workflows, and structural pattern match.

Hybrid ranking is reciprocal-rank fusion (RRF, k=60) of two candidate lists computed in
Postgres under the same filters: nearest embeddings (pgvector, cosine) and full-text matches
(tsvector with field weights, `websearch_to_tsquery`). RRF needs no score calibration between
the two, so an exact name or a rare word lifts a document as much as a close embedding does.
"""

from __future__ import annotations

import re

from lib.errors import InvalidInput, NotFound
from lib.search import documents, indexing, structure
from lib.search.models import (
    Matched,
    PatternIn,
    PatternOut,
    PatternResult,
    SearchIn,
    SearchOut,
    SearchResult,
    SimilarQuery,
)
from lib.store import search as search_store
from lib.store.search import Filters, Vector

RRF_K = 60
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
MAX_WORDS = 32


def _words(query: str) -> list[str]:
    seen: list[str] = []
    for w in _WORD.findall(query.lower()):
        if w not in seen:
            seen.append(w)
    return seen[:MAX_WORDS]


def _query_vector(text: str) -> Vector | None:
    got = indexing.embed([text])
    return None if got is None else Vector(got[0], got[1][0])


def fuse(*ranked: list[dict]) -> list[tuple[tuple[str, str], float]]:
    """Reciprocal-rank fusion of ranked lists of {kind, ref_id}: [(key, score 0–1)], best first.

    The score is scaled by the best a document can get (first in every list), so 1.0 means
    "first by meaning and first by words"; one list alone gives at most 0.5 with two lists.
    """
    scores: dict[tuple[str, str], float] = {}
    for hits in ranked:
        for rank, hit in enumerate(hits, start=1):
            key = (hit["kind"], hit["ref_id"])
            scores[key] = scores.get(key, 0.0) + 1.0 / (RRF_K + rank)
    best = len(ranked) / (RRF_K + 1)
    return sorted(((k, s / best) for k, s in scores.items()), key=lambda kv: -kv[1])


def semantic_search(tenant: str, body: SearchIn) -> SearchOut:
    query = body.query.strip()
    if not query:
        raise InvalidInput("query is empty: describe the workflow you are looking for", field="body.query")
    words = _words(query)
    indexing.ensure_templates()
    vector = _query_vector(query)
    filters = Filters(kind=body.kind, category=body.category, status=body.status)
    depth = max(3 * body.limit, 30)
    vec_hits = search_store.nearest(tenant, vector, depth, filters) if vector is not None else []
    text_hits = search_store.text_matches(tenant, query, words, depth, filters) if words else []
    fused = [(k, s) for k, s in fuse(vec_hits, text_hits) if s >= body.min_score][: body.limit]
    info = search_store.describe(tenant, [k for k, _ in fused], words, vector)
    results = []
    for key, score in fused:
        row = info.get(key)
        if row is None:  # deleted between the two queries
            continue
        sim = row["similarity"]
        results.append(
            SearchResult(
                kind=key[0],
                id=key[1],
                name=row["name"],
                category=row["category"],
                score=round(score, 4),
                matched=Matched(
                    text=list(row["words"]), vector=None if sim is None else round(float(sim), 4)
                ),
            )
        )
    return SearchOut(results=results)


def _document_of(tenant: str, id: str):
    """(kind, search document) of a stored workflow of this tenant, or of a template by name."""
    from lib.store import workflows

    try:
        return "workflow", documents.for_workflow(workflows.get(tenant, id))
    except NotFound:
        pass
    from lib.templates import catalogue

    try:
        return "template", documents.for_template(catalogue.get(id))
    except NotFound:
        raise NotFound(f"workflow {id!r} not found", field="id") from None


def similar(tenant: str, id: str, query: SimilarQuery) -> SearchOut:
    """Nearest stored workflows and templates to one of the tenant's workflows (itself excluded)."""
    kind, doc = _document_of(tenant, id)
    indexing.ensure_templates()
    emb = indexing.embedder()
    stored = search_store.document_vector(tenant, kind, doc.ref_id, emb.name)
    vector = Vector(emb.name, stored) if stored is not None else _query_vector(doc.embed_text)
    if vector is None:
        raise NotFound("no embedder is available to compare workflows right now", field="id")
    hits = search_store.nearest(tenant, vector, query.limit, Filters(exclude=(kind, doc.ref_id)))
    info = search_store.describe(tenant, [(h["kind"], h["ref_id"]) for h in hits], [], None)
    results = []
    for h in hits:
        row = info.get((h["kind"], h["ref_id"]))
        if row is None:
            continue
        sim = round(float(h["similarity"]), 4)
        results.append(
            SearchResult(
                kind=h["kind"],
                id=h["ref_id"],
                name=row["name"],
                category=row["category"],
                score=sim,
                matched=Matched(text=[], vector=sim),
            )
        )
    return SearchOut(results=results)


def _pattern_state(body: PatternIn) -> dict:
    if body.state is not None:
        from lib.sim.state import unwrap

        state, _ = unwrap(body.state)
        return state
    from lib.generation import planner
    from lib.generation.compose import compose
    from lib.generation.text import clean_description

    text = clean_description(body.description or "", field="body.description")
    return compose(planner.plan(text), seed="pattern-match").state


def pattern_match(tenant: str, body: PatternIn) -> PatternOut:
    """Templates and stored workflows whose structure is closest, each with why it matched."""
    state = _pattern_state(body)
    feats = structure.features(state)
    if not feats:
        field = "body.state" if body.state is not None else "body.description"
        raise InvalidInput("the state has no blocks to compare", field=field)
    indexing.ensure_templates()
    candidates = search_store.nearest_shapes(
        tenant,
        structure.shape(feats),
        max(60, 5 * body.limit),
        Filters(kind=body.kind, category=body.category),
    )
    scored = sorted(
        ((structure.similarity(feats, c["features"]), c) for c in candidates),
        key=lambda sc: (-sc[0], sc[1]["name"]),
    )[: body.limit]
    return PatternOut(
        results=[
            PatternResult(
                kind=c["kind"],
                id=c["ref_id"],
                name=c["name"],
                category=c["category"],
                score=round(s, 4),
                reasons=structure.reasons(feats, c["features"]),
            )
            for s, c in scored
        ]
    )
