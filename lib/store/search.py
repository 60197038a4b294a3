"""Search index: documents, embeddings, and the hybrid / similar / structure queries over them.

Every query puts `tenant_id = <tenant> or public` in its own `where` clause (templates are the
public rows), so a caller cannot widen it. Writes take the caller's connection: a workflow is
re-indexed inside the same transaction as the change that caused it.

Vectors of different embedders are never compared: each vector row records its embedder and
dimension, and every vector query names both. HNSW needs a fixed dimension, so the migration
keeps one partial index per supported dimension over `embedding::vector(dim)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from psycopg.types.json import Jsonb

from lib.store import db

PUBLIC = ""  # tenant_id of public rows (catalogue templates)
INDEXED_DIMS = (256, 384, 512, 768, 1024, 1536)  # one HNSW index each (see the migration)
EXACT_MAX = 3000  # filtered candidate sets this small are searched exactly (full pages, exact order)
RARE_MAX = 1000  # a word in more documents than this adds no full-text candidates by itself
RANK_MAX = 2000  # at most this many full-text matches are ranked
_SCOPE = "(tenant_id = %s or public)"


@dataclass
class SearchDocument:
    """What one workflow or template contributes to the index (already free of secrets)."""

    kind: str  # "workflow" | "template"
    ref_id: str  # workflow id, or template name
    name: str
    category: str | None
    status: str | None
    text_b: str  # description, category, tags, integrations (weight B)
    text_c: str  # block types, operations, block names, prompts (weight C)
    text_d: str  # other free text (weight D)
    embed_text: str  # what the embedder reads
    content_hash: str
    features: dict[str, float] = field(default_factory=dict)
    shape: Any = None  # numpy float32 (256,), L2-normalised
    source_version: int = 1


@dataclass
class Vector:
    embedder: str
    values: Any  # numpy float32 (dim,)

    @property
    def dim(self) -> int:
        return int(len(self.values))


@dataclass
class Filters:
    kind: str | None = None
    category: str | None = None
    status: str | None = None
    exclude: tuple[str, str] | None = None  # (kind, ref_id) left out (similar: itself)

    def sql(self) -> tuple[str, list[Any]]:
        parts, vals = [], []
        for col in ("kind", "category", "status"):
            value = getattr(self, col)
            if value is not None:
                parts.append(f"{col} = %s")
                vals.append(value)
        if self.exclude is not None:
            parts.append("not (kind = %s and ref_id = %s)")
            vals += list(self.exclude)
        return "".join(f" and {p}" for p in parts), vals


# -- writes -------------------------------------------------------------------------------------


def index_document(conn: Any, tenant: str, doc: SearchDocument, vector: Vector | None) -> None:
    """Upsert one document; vectors of older content go (every embedder), `vector` is stored."""
    public = tenant == PUBLIC
    conn.execute(
        "insert into search_documents (tenant_id, kind, ref_id, public, name, category, status,"
        " source_version, content_hash, text_b, text_c, text_d, features, shape)"
        " values (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)"
        " on conflict (tenant_id, kind, ref_id) do update set name = excluded.name,"
        " category = excluded.category, status = excluded.status, source_version = excluded.source_version,"
        " content_hash = excluded.content_hash, text_b = excluded.text_b, text_c = excluded.text_c,"
        " text_d = excluded.text_d, features = excluded.features, shape = excluded.shape, updated_at = now()",
        (
            tenant,
            doc.kind,
            doc.ref_id,
            public,
            doc.name,
            doc.category,
            doc.status,
            doc.source_version,
            doc.content_hash,
            doc.text_b,
            doc.text_c,
            doc.text_d,
            Jsonb(doc.features),
            doc.shape,
        ),
    )
    conn.execute(
        "delete from search_vectors where tenant_id = %s and kind = %s and ref_id = %s and content_hash <> %s",
        (tenant, doc.kind, doc.ref_id, doc.content_hash),
    )
    # Filter columns are copied onto the vector rows; keep them current even when the text is not.
    conn.execute(
        "update search_vectors set category = %s, status = %s where tenant_id = %s and kind = %s and ref_id = %s"
        " and (category is distinct from %s or status is distinct from %s)",
        (doc.category, doc.status, tenant, doc.kind, doc.ref_id, doc.category, doc.status),
    )
    if vector is not None:
        put_vector(conn, tenant, doc, vector)


def put_vector(conn: Any, tenant: str, doc: SearchDocument, vector: Vector) -> None:
    conn.execute(
        "insert into search_vectors (tenant_id, kind, ref_id, embedder, dim, public, category, status,"
        " content_hash, embedding) values (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)"
        " on conflict (tenant_id, kind, ref_id, embedder) do update set dim = excluded.dim,"
        " category = excluded.category, status = excluded.status, content_hash = excluded.content_hash,"
        " embedding = excluded.embedding",
        (
            tenant,
            doc.kind,
            doc.ref_id,
            vector.embedder,
            vector.dim,
            tenant == PUBLIC,
            doc.category,
            doc.status,
            doc.content_hash,
            vector.values,
        ),
    )


def index_workflow(
    conn: Any, tenant: str, wf_id: str, document: SearchDocument, vector: Vector | None
) -> None:
    """The write paths' one call: (re)index a stored workflow inside the caller's transaction."""
    if document.kind != "workflow" or document.ref_id != wf_id:
        raise ValueError("index_workflow takes the document of the workflow it indexes")
    index_document(conn, tenant, document, vector)


def remove(conn: Any, tenant: str, kind: str, ref_id: str) -> None:
    """Drop a document and its vectors (a deleted workflow, a template no longer shipped)."""
    conn.execute(
        "delete from search_documents where tenant_id = %s and kind = %s and ref_id = %s",
        (tenant, kind, ref_id),
    )


def vector_hash(conn: Any, tenant: str, kind: str, ref_id: str, embedder: str) -> str | None:
    """The content hash the stored vector of this embedder was computed from, if any."""
    row = conn.execute(
        "select content_hash from search_vectors where tenant_id = %s and kind = %s and ref_id = %s"
        " and embedder = %s",
        (tenant, kind, ref_id, embedder),
    ).fetchone()
    return row["content_hash"] if row else None


def template_state(embedder: str) -> dict[str, tuple[str, bool]]:
    """Indexed templates: name → (content hash, has a current vector of `embedder`)."""
    with db.transaction() as c:
        rows = c.execute(
            "select d.ref_id, d.content_hash, v.content_hash is not null as has_vector"
            " from search_documents d left join search_vectors v on v.tenant_id = d.tenant_id"
            " and v.kind = d.kind and v.ref_id = d.ref_id and v.embedder = %s and v.content_hash = d.content_hash"
            " where d.tenant_id = %s and d.kind = 'template'",
            (embedder, PUBLIC),
        ).fetchall()
    return {r["ref_id"]: (r["content_hash"], r["has_vector"]) for r in rows}


def index_templates(docs: list[tuple[SearchDocument, Vector | None]]) -> None:
    """Replace the public template documents with `docs` (one transaction; others removed)."""
    with db.transaction() as c:
        for doc, vector in docs:
            index_document(c, PUBLIC, doc, vector)
        names = [doc.ref_id for doc, _ in docs]
        c.execute(
            "delete from search_documents where tenant_id = %s and kind = 'template' and not (ref_id = any(%s))",
            (PUBLIC, names),
        )


# -- reembed ------------------------------------------------------------------------------------


# Workflows whose document is missing or stale (version moved on) or lack a current vector of
# the embedder (the last parameter).
_TO_INDEX = (
    " from workflow w left join search_documents d on d.tenant_id = w.tenant_id and d.kind = 'workflow'"
    " and d.ref_id = w.id where (d.ref_id is null or d.source_version <> w.version"
    " or not exists (select 1 from search_vectors v where v.tenant_id = d.tenant_id and v.kind = d.kind"
    " and v.ref_id = d.ref_id and v.embedder = %s and v.content_hash = d.content_hash))"
)


def workflows_to_index(embedder: str, *, after_seq: int, limit: int, tenant: str | None = None) -> list[dict]:
    """The next batch (by insertion order) of workflows that need indexing for `embedder`."""
    scope = " and w.tenant_id = %s" if tenant is not None else ""
    with db.transaction() as c:
        return c.execute(
            "select w.seq, w.id, w.tenant_id, w.name, w.description, w.category, w.status, w.version, w.state"
            f"{_TO_INDEX} and w.seq > %s{scope} order by w.seq limit %s",
            (embedder, after_seq, *([tenant] if tenant is not None else []), limit),
        ).fetchall()


def count_to_index(embedder: str, tenant: str | None = None) -> int:
    scope = " and w.tenant_id = %s" if tenant is not None else ""
    with db.transaction() as c:
        return c.execute(
            f"select count(*) as n{_TO_INDEX}{scope}", (embedder, *([tenant] if tenant is not None else []))
        ).fetchone()["n"]


def index_batch(items: Sequence[tuple[str, int, SearchDocument, Vector | None]]) -> int:
    """Index (tenant, version, doc, vector) rows in one transaction, skipping any workflow that
    changed or vanished since it was read (its own write path re-indexed it). Returns how many."""
    done = 0
    with db.transaction() as c:
        for tenant, version, doc, vector in items:
            row = c.execute(
                "select version from workflow where tenant_id = %s and id = %s for update",
                (tenant, doc.ref_id),
            ).fetchone()
            if row is None or row["version"] != version:
                continue
            index_document(c, tenant, doc, vector)
            done += 1
    return done


# -- queries ------------------------------------------------------------------------------------


def _cast(dim: int) -> str:
    if dim not in INDEXED_DIMS:
        return "embedding"  # no index for this dimension: exact search
    return f"(embedding::vector({dim}))"


def _plan(c: Any, *, exact: bool, k: int) -> None:
    """Exact: no index scans for this transaction (HNSW has no bitmap scan, btree filters keep
    theirs). Approximate: HNSW keeps scanning past ef_search until the filters fill k rows."""
    if exact:
        c.execute("select set_config('enable_indexscan', 'off', true)")
        return
    c.execute(
        "select set_config('hnsw.ef_search', %s, true), set_config('hnsw.iterative_scan', 'relaxed_order', true),"
        " set_config('hnsw.max_scan_tuples', '50000', true)",
        (str(min(1000, max(100, 2 * k))),),
    )


def _scope_size(c: Any, tenant: str, embedder: str, f: Filters, cap: int) -> int:
    """How many vectors the filters leave (counted up to `cap` per scope): small sets are
    searched exactly. One round trip; each count stops at the cap on an index-only scan."""
    extra, vals = f.sql()
    return c.execute(
        f"select (select count(*) from (select 1 from search_vectors where embedder = %s and tenant_id = %s{extra}"  # nosec B608  # fixed column names and %s placeholders; values are parameters
        f" limit %s) t) + (select count(*) from (select 1 from search_vectors where embedder = %s and public{extra}"
        " limit %s) p) as n",
        (embedder, tenant, *vals, cap + 1, embedder, *vals, cap + 1),
    ).fetchone()["n"]


def nearest(
    tenant: str, vector: Vector, k: int, f: Filters, *, exact: bool | None = None, conn: Any = None
) -> list[dict]:
    """The k nearest documents by cosine similarity: [{kind, ref_id, similarity}], best first.

    Small filtered sets are scanned exactly; larger ones use the HNSW index with an iterative
    scan and a raised ef_search, so a filter never leaves the page short.
    """
    extra, vals = f.sql()
    dim = vector.dim
    with db.transaction(conn) as c:
        if exact is None:
            exact = _scope_size(c, tenant, vector.embedder, f, EXACT_MAX) <= EXACT_MAX
        expr = _cast(dim)
        qcast = "%s::vector" if expr == "embedding" else f"%s::vector({dim})"
        _plan(c, exact=exact, k=k)
        rows = c.execute(
            "with hits as materialized ("  # nosec B608  # fixed column names and %s placeholders; values are parameters
            f" select kind, ref_id, {expr} <=> {qcast} as distance from search_vectors"
            f" where embedder = %s and dim = %s and {_SCOPE}{extra}"
            f" order by {expr} <=> {qcast} limit %s)"
            " select kind, ref_id, 1 - distance as similarity from hits order by distance",
            (vector.values, vector.embedder, dim, tenant, *vals, vector.values, k),
        ).fetchall()
    return rows


def text_matches(tenant: str, query: str, words: list[str], k: int, f: Filters) -> list[dict]:
    """Full-text candidates, best first; field weights A name … D free text.

    A document qualifies when it holds every word (the user's own websearch syntax: quotes,
    -not, or) or any of the query's rare words — those in at most RARE_MAX documents of the
    scope; a common word alone would qualify most of the table, and the vector list already
    covers what it means. At most RANK_MAX qualifying documents are ranked, so the cost stays
    bounded however common the words are.
    """
    extra, vals = f.sql()
    with db.transaction() as c:
        rare = [
            r["w"]
            for r in c.execute(
                "select w from unnest(%s::text[]) w where numnode(plainto_tsquery('english', w)) > 0"  # nosec B608  # fixed column names and %s placeholders; values are parameters
                " and (select count(*) from (select 1 from search_documents"
                f" where {_SCOPE} and tsv @@ plainto_tsquery('english', w) limit %s) s) <= %s",
                (words, tenant, RARE_MAX + 1, RARE_MAX),
            ).fetchall()
        ]
        loose = " or ".join(rare) if rare else query
        return c.execute(
            "select kind, ref_id, ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', tsv, websearch_to_tsquery('english', %s), 1)"  # nosec B608  # fixed column names and %s placeholders; values are parameters
            " + case when tsv @@ websearch_to_tsquery('english', %s) then 1 else 0 end as rank"
            f" from (select kind, ref_id, name, tsv from search_documents where {_SCOPE}{extra}"
            " and (tsv @@ websearch_to_tsquery('english', %s) or tsv @@ websearch_to_tsquery('english', %s))"
            " limit %s) m order by rank desc, name limit %s",
            (" or ".join(words), query, tenant, *vals, query, loose, RANK_MAX, k),
        ).fetchall()


def describe(tenant: str, keys: list[tuple[str, str]], words: list[str], vector: Vector | None) -> dict:
    """Name, category, the query words each holds (of `lexical_words` that are not stop words)
    and, with a vector, the exact cosine similarity, of the given documents."""
    if not keys:
        return {}
    kinds = [k for k, _ in keys]
    ids = [r for _, r in keys]
    sim = "null::float8"
    vals: list[Any] = [words, words]
    join = ""
    if vector is not None:
        sim = "1 - (v.embedding <=> %s::vector)"
        join = (
            " left join search_vectors v on v.tenant_id = d.tenant_id and v.kind = d.kind and v.ref_id = d.ref_id"
            " and v.embedder = %s and v.dim = %s"
        )
        vals = [words, words, vector.values, vector.embedder, vector.dim]
    with db.transaction() as c:
        rows = c.execute(
            "select d.kind, d.ref_id, d.name, d.category, d.status,"  # nosec B608  # fixed column names and %s placeholders; values are parameters
            " array(select w from unnest(%s::text[]) w where d.tsv @@ plainto_tsquery('english', w)) as words,"
            " (select count(*) from unnest(%s::text[]) w where numnode(plainto_tsquery('english', w)) > 0)"
            " as lexical_words,"
            f" {sim} as similarity"
            f" from search_documents d{join}"
            " join unnest(%s::text[], %s::text[]) as k(kind, ref_id) on k.kind = d.kind and k.ref_id = d.ref_id"
            f" where (d.tenant_id = %s or d.public)",
            (*vals, kinds, ids, tenant),
        ).fetchall()
    return {(r["kind"], r["ref_id"]): r for r in rows}


def document_vector(tenant: str, kind: str, ref_id: str, embedder: str) -> Any | None:
    """The stored vector of one document (tenant-scoped), or None."""
    with db.transaction() as c:
        row = c.execute(
            f"select embedding from search_vectors where {_SCOPE} and kind = %s and ref_id = %s and embedder = %s",  # nosec B608  # fixed column names and %s placeholders; values are parameters
            (tenant, kind, ref_id, embedder),
        ).fetchone()
    if row is None:
        return None
    value = row["embedding"]
    return value.to_numpy() if hasattr(value, "to_numpy") else value


def nearest_shapes(tenant: str, shape: Any, k: int, f: Filters) -> list[dict]:
    """Documents whose structural fingerprint is closest: [{kind, ref_id, name, category, features,
    similarity}]. Exact for small scopes, HNSW with an iterative scan otherwise."""
    extra, vals = f.sql()
    with db.transaction() as c:
        n = c.execute(
            "select (select count(*) from (select 1 from search_documents where tenant_id = %s limit %s) s)"
            " + (select count(*) from search_documents where public) as n",
            (tenant, EXACT_MAX + 1),
        ).fetchone()["n"]
        _plan(c, exact=n <= EXACT_MAX, k=k)
        return c.execute(
            "with hits as materialized ("  # nosec B608  # fixed column names and %s placeholders; values are parameters
            " select kind, ref_id, name, category, features, shape <=> %s::vector(256) as distance"
            f" from search_documents where {_SCOPE} and shape is not null{extra}"
            " order by shape <=> %s::vector(256) limit %s)"
            " select kind, ref_id, name, category, features, 1 - distance as similarity from hits"
            " order by distance",
            (shape, tenant, *vals, shape, k),
        ).fetchall()
