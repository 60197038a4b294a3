"""Search index: documents, embeddings, and the hybrid / similar / structure queries over them.

Every query puts `tenant_id = <tenant> or public` in its own `where` clause (templates are the
public rows), so a caller cannot widen it. Writes take the caller's connection: a workflow is
re-indexed inside the same transaction as the change that caused it.

Vectors of different embedders are never compared: each vector row records its embedder and
dimension, and every vector query names both. HNSW needs a fixed dimension, so the migration
keeps one partial index per supported dimension over `embedding::vector(dim)`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from psycopg.types.json import Jsonb

from lib.store import db

PUBLIC = ""  # tenant_id of public rows (catalogue templates)
INDEXED_DIMS = (256, 384, 512, 768, 1024, 1536)  # one HNSW index each (see the migration)
EXACT_MAX = 3000  # filtered candidate sets this small are searched exactly (full pages, exact order)
# A catalogue category has its own HNSW index (migration ..._search_category_indexes): in it a
# tenant's rows under further filters are dense enough for the iterative scan above this many.
CATEGORY_EXACT_MAX = 1000
CATEGORY_DIMS = (384, 1536)  # the dimensions with per-category indexes: the embedders we ship
RARE_MAX = 1000  # a word in more documents than this adds no full-text candidates by itself
RANK_MAX = 2000  # at most this many full-text matches are ranked
MAX_SCAN_TUPLES = 50_000  # how far the iterative HNSW scan goes before it gives up on a sparse filter
_SCOPE = "(tenant_id = %(tenant)s or public)"


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

    def sql(self) -> tuple[str, dict[str, Any]]:
        """` and …` conditions with named placeholders (f_<column>), and their values."""
        parts, vals = [], {}
        for col in ("kind", "category", "status"):
            value = getattr(self, col)
            if value is not None:
                parts.append(f"{col} = %(f_{col})s")
                vals[f"f_{col}"] = value
        if self.exclude is not None:
            parts.append("not (kind = %(f_ex_kind)s and ref_id = %(f_ex_ref)s)")
            vals["f_ex_kind"], vals["f_ex_ref"] = self.exclude
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


def known_vectors(
    conn: Any, tenant: str, embedder: str, docs: Sequence[SearchDocument]
) -> tuple[set[tuple[str, str]], dict[tuple[str, str], Any]]:
    """What the tenant already has of `embedder` for these documents, in two statements:
    the (kind, ref_id) whose own vector is current (its content hash is the document's), and for
    the other documents' hashes a stored vector of the same text, (kind, content_hash) → values
    (another workflow with the same document, or an earlier version of this one)."""
    if not docs:
        return set(), {}
    rows = conn.execute(
        "select v.kind, v.ref_id from search_vectors v join unnest(%s::text[], %s::text[], %s::text[])"
        " as d(kind, ref_id, content_hash) on v.kind = d.kind and v.ref_id = d.ref_id"
        " and v.content_hash = d.content_hash where v.tenant_id = %s and v.embedder = %s",
        (
            [d.kind for d in docs],
            [d.ref_id for d in docs],
            [d.content_hash for d in docs],
            tenant,
            embedder,
        ),
    ).fetchall()
    current = {(r["kind"], r["ref_id"]) for r in rows}
    wanted = {(d.kind, d.content_hash) for d in docs if (d.kind, d.ref_id) not in current}
    if not wanted:
        return current, {}
    kinds, hashes = zip(*sorted(wanted))
    found = conn.execute(
        "select distinct on (v.kind, v.content_hash) v.kind, v.content_hash, v.embedding from search_vectors v"
        " join unnest(%s::text[], %s::text[]) as d(kind, content_hash) on v.kind = d.kind"
        " and v.content_hash = d.content_hash where v.tenant_id = %s and v.embedder = %s",
        (list(kinds), list(hashes), tenant, embedder),
    ).fetchall()
    return current, {(r["kind"], r["content_hash"]): _array(r["embedding"]) for r in found}


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


# The HNSW branch `a` came back with fewer rows than the page asks for while the scope holds more:
# the iterative scan gave up (MAX_SCAN_TUPLES), and the exact branch answers instead.
_SHORT = "(select count(*) from a) < least(%(k)s, (select n from scope_n))"


def _cast(dim: int) -> str:
    if dim not in INDEXED_DIMS:
        return "embedding"  # no index for this dimension: exact search
    return f"(embedding::vector({dim}))"


# HNSW keeps scanning past ef_search until the filters fill the page (an iterative scan), set for
# this transaction only; JIT off, because the plan's cost counts the exact branch even when it
# does not run and compiling would cost more than the whole search.
_HNSW_SETTINGS = (
    "select set_config('hnsw.ef_search', %(ef)s, true), set_config('hnsw.iterative_scan', 'relaxed_order', true),"
    " set_config('hnsw.max_scan_tuples', %(max_scan)s, true), set_config('jit', 'off', true)"
)


def _ef_search(k: int) -> str:
    return str(min(1000, max(100, 2 * k)))


def _hnsw_params(k: int) -> dict[str, str]:
    return {"ef": _ef_search(k), "max_scan": str(MAX_SCAN_TUPLES)}


@contextmanager
def _one_trip(conn: Any = None) -> Iterator[Any]:
    """A read transaction whose statements go to the server together (psycopg's pipeline): BEGIN,
    the settings, the query and COMMIT cost one round trip instead of four."""
    if conn is None and db.current_unit() is None:
        with db.connection() as c, c.pipeline(), c.transaction():
            yield c
    else:
        with db.transaction(conn) as c, c.pipeline():
            yield c


def _vector_ctes(dim: int, extra: str) -> str:
    """`scope_n` (vectors the filters leave, counted up to the cap) and `vec` (the k nearest:
    tenant_id, kind, ref_id, distance). One statement holds both ways; a one-time filter runs only one:
    HNSW with the iterative scan when the scope is large, an exact scan of the btree-narrowed
    rows (the uncast column matches no HNSW index) when it holds at most EXACT_MAX vectors.

    The iterative scan gives up after MAX_SCAN_TUPLES: a scope that is large but a tiny share of
    the table (a small tenant's rows in a huge one) can then come back short. A short HNSW page
    is replaced by the exact scan, so a page holds k rows whenever the scope has them."""
    expr = _cast(dim)
    qcast = "%(q)s::vector" if expr == "embedding" else f"%(q)s::vector({dim})"
    where = f"embedder = %(emb)s and dim = %(dim)s and {_SCOPE}{extra}"
    approx = (
        f"select tenant_id, kind, ref_id, {expr} <=> {qcast} as distance from search_vectors where {where}"  # nosec B608  # fixed column names and named placeholders; values are parameters
        f" order by {expr} <=> {qcast} limit %(k)s"
    )
    exact = (
        f"select tenant_id, kind, ref_id, embedding <=> %(q)s::vector as distance from search_vectors where {where}"  # nosec B608  # fixed column names and named placeholders; values are parameters
        " order by embedding <=> %(q)s::vector limit %(k)s"
    )
    if expr == "embedding":
        return f"scope_n as (select 0 as n), vec as materialized ({exact})"
    return (
        "scope_n as materialized (select (select count(*) from (select 1 from search_vectors"  # nosec B608  # fixed column names and named placeholders; values are parameters
        f" where embedder = %(emb)s and tenant_id = %(tenant)s{extra} limit %(cap)s) t)"
        f" + (select count(*) from (select 1 from search_vectors where embedder = %(emb)s and public{extra}"
        " limit %(cap)s) p) as n),"
        f" a as materialized (select * from ({approx}) a"
        " where %(mode)s = 'approx' or (%(mode)s = 'auto' and (select n from scope_n) > %(exact_max)s)),"
        f" vec as materialized (select * from a where %(mode)s = 'approx' or not {_SHORT}"
        f" union all select * from ({exact}) e"
        f" where %(mode)s = 'exact' or (%(mode)s = 'auto' and {_SHORT}))"
    )


def _exact_max(f: Filters, dim: int) -> int:
    from lib.templates.models import CATEGORIES

    return CATEGORY_EXACT_MAX if f.category in CATEGORIES and dim in CATEGORY_DIMS else EXACT_MAX


def _vector_params(tenant: str, vector: Vector, k: int, f: Filters, exact: bool | None) -> dict[str, Any]:
    mode = "auto" if exact is None else "exact" if exact else "approx"
    return {
        "q": vector.values,
        "emb": vector.embedder,
        "dim": vector.dim,
        "tenant": tenant,
        "k": k,
        "cap": EXACT_MAX + 1,
        "exact_max": _exact_max(f, vector.dim),
        "mode": mode,
    }


class _CommonWords:
    """Words this process has seen in more than RARE_MAX documents of a tenant's scope.

    Counting a common word's documents is the costly part of a full-text search (its GIN
    posting list and a heap page per match); a word that was common a few minutes ago still is
    (a corpus grows), so it is not counted again until the entry expires. A word is never
    remembered as rare: those are recounted, so a new workflow's rare word is found at once.
    """

    TTL_S = 600.0
    MAX = 20_000

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], float] = {}

    def known(self, tenant: str, words: list[str]) -> list[str]:
        now = time.monotonic()
        return [w for w in words if self._seen.get((tenant, w), 0.0) > now]

    def learn(self, tenant: str, words: list[str]) -> None:
        if len(self._seen) + len(words) > self.MAX:
            self._seen.clear()
        until = time.monotonic() + self.TTL_S
        for w in words:
            self._seen[(tenant, w)] = until

    def forget(self) -> None:
        self._seen.clear()


_common = _CommonWords()


def forget_word_counts() -> None:
    """Drop what this process remembers of common words (the bench's cold searches)."""
    _common.forget()


def nearest(
    tenant: str, vector: Vector, k: int, f: Filters, *, exact: bool | None = None, conn: Any = None
) -> list[dict]:
    """The k nearest documents by cosine similarity: [{kind, ref_id, similarity}], best first.

    Small filtered sets are scanned exactly; larger ones use the HNSW index with an iterative
    scan and a raised ef_search, so a filter never leaves the page short. One round trip.
    """
    extra, vals = f.sql()
    with _one_trip(conn) as c:
        c.execute(_HNSW_SETTINGS, _hnsw_params(k))
        cur = c.execute(
            f"with {_vector_ctes(vector.dim, extra)}"  # nosec B608  # fixed column names and named placeholders; values are parameters
            " select kind, ref_id, 1 - distance as similarity from vec order by distance",
            {**_vector_params(tenant, vector, k, f, exact), **vals},
        )
    return cur.fetchall()


def hybrid(
    tenant: str, query: str, words: list[str], vector: Vector | None, depth: int, f: Filters
) -> list[dict]:
    """Both candidate lists and what ranking needs of each candidate, in one statement.

    Rows: kind, ref_id, name, category, status, `words` (the query words it holds, of
    `lexical_words` that are not stop words), `similarity` (exact cosine; None without a
    vector), `distance` (set when it is among the `depth` nearest), `text_rank` (set when it is
    among the `depth` best full-text matches).

    A document is a full-text candidate when it holds every word (the user's own websearch
    syntax: quotes, -not, or) or any of the query's rare words — those in at most RARE_MAX
    documents of the scope; a common word alone would qualify most of the table, and the vector
    list already covers what it means. At most RANK_MAX qualifying documents are ranked, so the
    cost stays bounded however common the words are.
    """
    extra, vals = f.sql()
    params: dict[str, Any] = {
        "tenant": tenant,
        "query": query,
        "ors": " or ".join(words),
        "words": words,
        "common": _common.known(tenant, words),
        "text": bool(words),
        "rare_cap": RARE_MAX + 1,
        "rare_max": RARE_MAX,
        "rank_max": RANK_MAX,
        "depth": depth,
        **vals,
    }
    if vector is not None:
        params.update(_vector_params(tenant, vector, depth, f, None))
        vec_ctes = _vector_ctes(vector.dim, extra)
        similarity = "coalesce(1 - vec.distance, 1 - (v.embedding <=> %(q)s::vector))"
        join_v = (
            " left join search_vectors v on vec.distance is null and v.tenant_id = d.tenant_id"
            " and v.kind = d.kind and v.ref_id = d.ref_id and v.embedder = %(emb)s and v.dim = %(dim)s"
        )
    else:
        vec_ctes = (
            "vec as (select null::text as tenant_id, null::text as kind, null::text as ref_id,"
            " null::float8 as distance where false)"
        )
        similarity, join_v = "null::float8", ""
    sql = (
        f"with {vec_ctes},"  # nosec B608  # fixed column names and named placeholders; values are parameters
        " qw as materialized (select w, i, plainto_tsquery('english', w) as q"
        " from unnest(%(words)s::text[]) with ordinality as u(w, i) where numnode(plainto_tsquery('english', w)) > 0),"
        # each word's documents in the scope, counted up to the cap (words known common: not again)
        " df as materialized (select w, i, case when w = any(%(common)s::text[]) then %(rare_cap)s else"
        f" (select count(*) from (select 1 from search_documents where {_SCOPE} and tsv @@ qw.q"
        " limit %(rare_cap)s) s) end as n from qw),"
        " loose as materialized (select coalesce(string_agg(w, ' or ' order by i)"
        " filter (where n <= %(rare_max)s), %(query)s) as q from df),"
        " txt as materialized (select tenant_id, kind, ref_id, rank from (select tenant_id, kind, ref_id, name,"
        " ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', tsv, websearch_to_tsquery('english', %(ors)s), 1)"
        " + case when tsv @@ websearch_to_tsquery('english', %(query)s) then 1 else 0 end as rank"
        f" from (select tenant_id, kind, ref_id, name, tsv from search_documents where %(text)s and {_SCOPE}{extra}"
        " and (tsv @@ websearch_to_tsquery('english', %(query)s)"
        " or tsv @@ websearch_to_tsquery('english', (select q from loose))) limit %(rank_max)s) m) r"
        " order by rank desc, name limit %(depth)s),"
        " keys as (select tenant_id, kind, ref_id from vec union select tenant_id, kind, ref_id from txt)"
        " select d.kind, d.ref_id, d.name, d.category, d.status,"
        " array(select w from qw where d.tsv @@ qw.q order by i) as words,"
        " (select count(*) from qw) as lexical_words,"
        f" {similarity} as similarity, vec.distance, txt.rank as text_rank,"
        " (select array_agg(w) from df where n > %(rare_max)s and w <> all(%(common)s::text[])) as common_words"
        " from keys join search_documents d on d.tenant_id = keys.tenant_id and d.kind = keys.kind"
        " and d.ref_id = keys.ref_id"
        " left join vec on vec.tenant_id = d.tenant_id and vec.kind = d.kind and vec.ref_id = d.ref_id"
        " left join txt on txt.tenant_id = d.tenant_id and txt.kind = d.kind and txt.ref_id = d.ref_id"
        f"{join_v}"
        " order by vec.distance nulls last, txt.rank desc nulls last, d.name"
    )
    with _one_trip() as c:
        c.execute(_HNSW_SETTINGS, _hnsw_params(depth))
        cur = c.execute(sql, params)
    rows = cur.fetchall()
    if rows:
        _common.learn(tenant, rows[0]["common_words"] or [])
    return rows


def describe(tenant: str, keys: list[tuple[str, str]]) -> dict:
    """Name, category and status of the given documents (tenant-scoped)."""
    if not keys:
        return {}
    with db.reading() as c:
        rows = c.execute(
            "select d.kind, d.ref_id, d.name, d.category, d.status from search_documents d"
            " join unnest(%(kinds)s::text[], %(ids)s::text[]) as k(kind, ref_id) on k.kind = d.kind"
            " and k.ref_id = d.ref_id where (d.tenant_id = %(tenant)s or d.public)",
            {"kinds": [k for k, _ in keys], "ids": [r for _, r in keys], "tenant": tenant},
        ).fetchall()
    return {(r["kind"], r["ref_id"]): r for r in rows}


def document_vector(tenant: str, kind: str, ref_id: str, embedder: str) -> Any | None:
    """The stored vector of one document (tenant-scoped), or None."""
    with db.transaction() as c:
        row = c.execute(
            f"select embedding from search_vectors where {_SCOPE} and kind = %(kind)s and ref_id = %(ref)s"  # nosec B608  # fixed column names and named placeholders; values are parameters
            " and embedder = %(emb)s",
            {"tenant": tenant, "kind": kind, "ref": ref_id, "emb": embedder},
        ).fetchone()
    if row is None:
        return None
    return _array(row["embedding"])


def _array(value: Any) -> Any:
    """A stored embedding as a numpy array (pgvector's adapter may hand back its own type)."""
    return value.to_numpy() if hasattr(value, "to_numpy") else value


def nearest_shapes(tenant: str, shape: Any, k: int, f: Filters) -> list[dict]:
    """Documents whose structural fingerprint is closest: [{kind, ref_id, name, category, features,
    similarity}]. Exact for small scopes, HNSW with an iterative scan otherwise (a short HNSW page
    is answered exactly, as in `nearest`). One statement, one round trip with its settings."""
    extra, vals = f.sql()
    where = f"{_SCOPE} and shape is not null{extra}"
    cols = "kind, ref_id, name, category, features"
    # `cosine_distance(…)` is the `<=>` operator as a function call: no HNSW index matches it,
    # so that branch is an exact scan of the btree-narrowed rows.
    sql = (
        "with scope_n as materialized (select (select count(*) from (select 1 from search_documents"  # nosec B608  # fixed column names and named placeholders; values are parameters
        " where tenant_id = %(tenant)s limit %(cap)s) s) + (select count(*) from search_documents where public) as n),"
        f" a as materialized (select {cols}, shape <=> %(shape)s::vector(256) as distance"
        f" from search_documents where {where} and (select n from scope_n) > %(exact_max)s"
        " order by shape <=> %(shape)s::vector(256) limit %(k)s),"
        f" e as materialized (select {cols}, cosine_distance(shape, %(shape)s::vector(256)) as distance"
        f" from search_documents where {where}"
        f" and ((select n from scope_n) <= %(exact_max)s or {_SHORT})"
        " order by cosine_distance(shape, %(shape)s::vector(256)) limit %(k)s),"
        f" hits as (select * from a where not {_SHORT} union all select * from e)"
        f" select {cols}, 1 - distance as similarity from hits order by distance"
    )
    params = {"shape": shape, "tenant": tenant, "k": k, "cap": EXACT_MAX + 1, "exact_max": EXACT_MAX, **vals}
    with _one_trip() as c:
        c.execute(_HNSW_SETTINGS, _hnsw_params(k))
        cur = c.execute(sql, params)
    return cur.fetchall()
