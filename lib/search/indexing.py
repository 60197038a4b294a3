"""Keeping the index current: every workflow write re-indexes inside its own transaction.

Write paths call `reindex(conn, record)` (one workflow) or `reindex_many(conn, records)` (a batch:
one embedding call for all of them) right after the write, on the same connection, so the index
changes with the data or not at all. A workflow whose embedding text did not change keeps its
vector, and one whose text the tenant already has a vector of reuses it, without calling the
embedder. When the embedder fails, the document (full text,
structure) is still indexed and the vector is left for `python -m lib reembed` — a search outage
never refuses a user's write. Templates are indexed on first use per process (`ensure_templates`).
Batch imports store first and index after (`catch_up`), as their job's last phase.

A single write embeds its text before its transaction opens (`prepare`): the local model takes ~100 ms
of CPU for a workflow's text, and a pooled connection held that long by every write made reads wait
past the pool's timeout under load (503s). The vector is remembered by its text for the reindex inside
the transaction, which then only stores it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from lib.search import documents
from lib.store import search as search_store
from lib.store.search import SearchDocument, Vector

log = logging.getLogger("agent_forge.search")
_templates_done: set[str] = set()
_templates_lock = threading.Lock()
_prepared: OrderedDict[tuple[str, str], Any] = OrderedDict()  # (embedder, text) → vector, from `prepare`
_PREPARED_MAX = 128
_prepared_lock = threading.Lock()


def embedder() -> Any:
    """The configured embedder (lazy: nothing loads until the first call)."""
    from lib.embeddings import get_embedder

    return get_embedder()


def embed(texts: list[str], emb: Any = None) -> tuple[str, list[Any]] | None:
    """(embedder name, one float32 vector per text), or None when the embedder is unavailable."""
    if not texts:
        return None
    unique = list(dict.fromkeys(texts))  # an export often holds copies of one workflow: embed each text once
    try:
        emb = emb or embedder()
        with _prepared_lock:
            ready = {t: v for t in unique if (v := _prepared.pop((emb.name, t), None)) is not None}
        todo = [t for t in unique if t not in ready]
        matrix = emb.embed(todo) if todo else []
    except Exception as exc:  # a provider outage must not refuse the write; reembed catches up
        log.warning("embedding failed (%s); indexed without vectors until reembed", type(exc).__name__)
        return None
    ready.update({text: matrix[i] for i, text in enumerate(todo)})
    return emb.name, [ready[text] for text in texts]


def _jsonb_order(value: Any) -> Any:
    """`value` with its objects' keys in the order PostgreSQL's jsonb gives them back (shorter keys
    first, then by their bytes): the stored state the reindex reads, so its text matches."""
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: (len(str(k).encode()), str(k).encode()))
        return {k: _jsonb_order(value[k]) for k in keys}
    if isinstance(value, list):
        return [_jsonb_order(v) for v in value]
    return value


def prepare(
    tenant: str, *, ref_id: str, name: str, description: str | None, category: str | None, state: Any
) -> None:
    """Embed a workflow's search text now, before the write's transaction holds a connection, when
    the tenant has no vector of it yet; the reindex inside the transaction takes it from memory.
    Never fails the write: any error leaves the embedding to the reindex, as before."""
    try:
        emb = embedder()
        doc = documents.build(
            kind="workflow",
            ref_id=ref_id,
            name=name,
            description=description,
            category=category,
            status=None,
            state=_jsonb_order(state) if isinstance(state, dict) else {},
        )
        with _prepared_lock:
            if (emb.name, doc.embed_text) in _prepared:
                return
        from lib.store import db

        with db.detached(), db.reading() as conn:  # its own short checkout, before the request's
            current, known = search_store.known_vectors(conn, tenant, emb.name, [doc])
        if current or known:
            return
        vector = emb.embed([doc.embed_text])[0]
    except Exception as exc:
        log.info("embedding ahead of a write skipped (%s); the write's reindex embeds", type(exc).__name__)
        return
    with _prepared_lock:
        _prepared[(emb.name, doc.embed_text)] = vector
        while len(_prepared) > _PREPARED_MAX:
            _prepared.popitem(last=False)


def _vectors(conn: Any, tenant: str, docs: list[SearchDocument], emb: Any = None) -> list[Vector | None]:
    """Vectors for the documents whose embedding text changed; None keeps the stored one.

    A text the tenant already has a vector of (same embedder, same content hash: another
    workflow with the same document, a re-import, a cache hit stored again) takes that vector;
    the rest are embedded in one call, which batches them.
    """
    try:
        name = (emb or embedder()).name
    except Exception as exc:
        log.warning("embedder unavailable (%s); indexed without vectors", type(exc).__name__)
        return [None] * len(docs)
    current, known = search_store.known_vectors(conn, tenant, name, docs)
    out: list[Vector | None] = [None] * len(docs)
    todo = []
    for i, d in enumerate(docs):
        if (d.kind, d.ref_id) in current:
            continue
        if (d.kind, d.content_hash) in known:
            out[i] = Vector(name, known[(d.kind, d.content_hash)])
        else:
            todo.append(i)
    got = embed([docs[i].embed_text for i in todo], emb)
    if got is not None:
        name, vectors = got
        for i, v in zip(todo, vectors):
            out[i] = Vector(name, v)
    return out


def reindex(conn: Any, record: Any) -> None:
    """Index one stored workflow (a WorkflowRecord) inside the caller's transaction."""
    reindex_many(conn, [record])


def reindex_many(conn: Any, records: Iterable[Any]) -> None:
    """Index stored workflows inside the caller's transaction, embedding them in one call."""
    by_tenant: dict[str, list[SearchDocument]] = {}
    for r in records:
        by_tenant.setdefault(r.tenant_id, []).append(documents.for_workflow(r))
    for tenant, docs in by_tenant.items():
        for doc, vector in zip(docs, _vectors(conn, tenant, docs)):
            search_store.index_workflow(conn, tenant, doc.ref_id, doc, vector)


# Workflows a search-phase batch reads with their states: 64 large states (20 blocks with 8 KB
# prompts) held at once made the 50 MB import test's peak 42.5 MB; 16 keep it at 24 MB, and 16
# documents of ~50 tokens still fill most of one padded forward pass of the local embedder.
CATCH_UP_BATCH = 16


def catch_up(
    tenant: str, *, after_seq: int = 0, until: float | None = None, batch: int = CATCH_UP_BATCH
) -> tuple[int, bool]:
    """Index the tenant's workflows whose document is missing or stale (what a batch import
    leaves), in `workflow.seq` order after `after_seq`, each batch committing on its own:
    (last seq indexed, True once none is left) — or False when the monotonic deadline `until`
    would be overrun (at least one batch runs per call, so every call progresses).

    A vector whose text did not change is kept without calling the embedder; if the embedder
    fails, documents are indexed without vectors (full text and structure still find them) and
    `reembed` adds the vectors later, as for any write during an outage.
    """
    from lib.store import db

    try:
        emb = embedder()
        name = emb.name
    except Exception as exc:
        log.warning("embedder unavailable (%s); indexed without vectors until reembed", type(exc).__name__)
        emb, name = None, ""
    slowest, batches = 0.0, 0
    while True:
        began = time.monotonic()
        if until is not None and batches and began + 1.5 * slowest > until:
            return after_seq, False
        rows = search_store.workflows_to_index(name, after_seq=after_seq, limit=batch, tenant=tenant)
        if not rows:
            return after_seq, True
        docs = [documents.for_workflow(r) for r in rows]
        with db.transaction() as c:
            vectors = _vectors(c, tenant, docs, emb) if emb is not None else [None] * len(docs)
        search_store.index_batch(
            [(r["tenant_id"], r["version"], d, v) for r, d, v in zip(rows, docs, vectors)]
        )
        after_seq, batches = rows[-1]["seq"], batches + 1
        if len(rows) < batch:
            return after_seq, True
        slowest = max(slowest, time.monotonic() - began)


def ensure_templates(emb: Any = None, *, force: bool = False) -> None:
    """Index the catalogue templates (public rows) if they are missing, changed or lack vectors
    of the current embedder; checked once per process and embedder."""
    from lib.templates import catalogue

    try:
        emb = emb or embedder()
        name = emb.name
    except Exception as exc:
        log.warning("embedder unavailable (%s); templates indexed without vectors", type(exc).__name__)
        emb, name = None, ""
    if name in _templates_done and not force:
        return
    with _templates_lock:
        docs = [documents.for_template(t) for t in catalogue.all_templates()]
        have = search_store.template_state(name)
        stale = [d for d in docs if have.get(d.ref_id) != (d.content_hash, True)] if name else docs
        if stale or len(have) != len(docs):
            got = embed([d.embed_text for d in stale], emb) if emb is not None else None
            vectors = {d.ref_id: Vector(got[0], v) for d, v in zip(stale, got[1])} if got else {}
            search_store.index_templates([(d, vectors.get(d.ref_id)) for d in docs])
            if emb is not None and got is None:
                return  # try again on the next call
        if name:
            _templates_done.add(name)


def reembed(
    *,
    emb: Any = None,
    tenant: str | None = None,
    batch: int = 64,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Re-index every workflow whose document is missing or stale or lacks a vector of `emb`.

    Resumable: each batch commits on its own and the next run picks up only what is still
    missing. Workflows changed meanwhile are skipped (their own write re-indexed them).
    """
    emb = emb or embedder()
    ensure_templates(emb, force=True)
    total = search_store.count_to_index(emb.name, tenant)
    done, after = 0, 0
    if progress:
        progress(0, total)
    while True:
        rows = search_store.workflows_to_index(emb.name, after_seq=after, limit=batch, tenant=tenant)
        if not rows:
            return done
        after = rows[-1]["seq"]
        docs = [documents.for_workflow(r) for r in rows]
        got = embed([d.embed_text for d in docs], emb)
        if got is None:
            raise RuntimeError("the embedder failed; run reembed again to resume")
        items = [(r["tenant_id"], r["version"], d, Vector(got[0], v)) for r, d, v in zip(rows, docs, got[1])]
        search_store.index_batch(items)
        done += len(rows)
        if progress:
            progress(done, total)
