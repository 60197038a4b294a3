"""Search at scale: bulk load, index build, query latency and recall@10 against exact search.

Loads N synthetic workflows' search rows (document + 384-dimension vector; default 100,000) with
COPY into a scratch database, builds the migration's indexes, then times k=10 vector queries and
full hybrid searches for one large tenant, plain and filtered by category, and measures
recall@10 of the HNSW answers against an exact scan with the same filters.

The vectors have a real distribution: the local model (all-MiniLM-L6-v2) embeds a few thousand
distinct workflow descriptions, and each synthetic workflow mixes two of those vectors with its
own weight (so 100,000 distinct vectors, all on the model's manifold). Query vectors are the
model's embeddings of differently phrased requests. The embedder's own throughput is measured
separately. Hybrid searches are timed cold (this process remembers no word counts) and warm (it
has met the query's common words; see lib.store.search._CommonWords). Prints figures; asserts
only that remembering common words changes no ranking.

Run: python bench/search.py [--n 100000] [--texts 3000] [--queries 100] [--data-dir DIR] [--keep]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

VERBS = [
    "summarise", "classify", "translate", "route", "enrich", "archive", "alert on", "score", "draft replies to",
    "tag", "deduplicate", "extract fields from", "monitor", "forecast", "review", "escalate", "digest", "sync",
    "moderate", "research",
]  # fmt: skip
THINGS = [
    "support tickets", "sales leads", "invoices", "pull requests", "tweets", "orders", "resumes", "news articles",
    "emails", "survey answers", "crypto prices", "blog drafts", "meeting notes", "bug reports", "expense reports",
    "product reviews", "calendar events", "customer records", "job applications", "chat transcripts",
]  # fmt: skip
TOOLS = [
    "Slack",
    "Gmail",
    "Notion",
    "Supabase",
    "Airtable",
    "Jira",
    "Telegram",
    "Google Sheets",
    "GitHub",
    "Discord",
]
WHEN = ["every morning", "every hour", "when a webhook arrives", "on demand", "every Monday", "nightly"]
QUERY_FORMS = [
    "something that can {v} our {t} and tell the team on {tool}",
    "I need a bot to {v} {t} {w}",
    "automatically {v} incoming {t}, results to {tool}",
    "workflow which would {v} {t} for me",
]
TENANT = "bench-big"
SMALL_TENANTS = 100


def _args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=100_000, help="synthetic workflows to load")
    p.add_argument("--texts", type=int, default=3000, help="distinct texts the local model embeds")
    p.add_argument("--queries", type=int, default=100, help="queries per measurement")
    p.add_argument(
        "--keep",
        action="store_true",
        help="reuse the rows and indexes a previous run with the same --n left (no load, no index build)",
    )
    p.add_argument(
        "--data-dir", default=str(Path(tempfile.gettempdir()) / f"agent-forge-bench-search-{os.getuid()}")
    )
    return p.parse_args()


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def _load(db, migrations, docs: list[tuple], vecs: list[tuple]) -> None:
    """COPY the rows with the secondary indexes dropped, then build the indexes (each timed)."""
    n = len(docs)
    with db.transaction() as c:
        c.execute("truncate search_vectors, search_documents")
        # the search migrations' indexes (idempotent; an interrupted run may have dropped them)
        for migration in sorted(migrations.MIGRATIONS_DIR.glob("*_search_*.sql")):
            c.execute(migration.read_text(encoding="utf-8"))
        idx = c.execute(
            "select indexname, indexdef from pg_indexes where tablename in ('search_documents', 'search_vectors')"
            " and indexname not like '%%pkey'"
        ).fetchall()
        for row in idx:
            c.execute(f"drop index {row['indexname']}")

    docs_sql = (
        "copy search_documents (tenant_id, kind, ref_id, public, name, category, status, source_version,"
        " content_hash, text_b, text_c, text_d) from stdin"
    )
    vecs_sql = (
        "copy search_vectors (tenant_id, kind, ref_id, embedder, dim, public, category, status,"
        " content_hash, embedding) from stdin (format binary)"
    )
    vec_types = ["text", "text", "text", "text", "int4", "bool", "text", "text", "text", "vector"]

    def copy(job: tuple[str, list[str] | None, list[tuple]]) -> None:
        sql, types, rows = job
        with db.connection() as conn, conn.cursor() as cur:
            cur.execute("set synchronous_commit = off")
            with cur.copy(sql) as cp:
                if types:
                    cp.set_types(types)
                for row in rows:
                    cp.write_row(row)
            conn.commit()

    # Two COPY streams at once (one per core): the server computes each document's tsvector.
    t0 = time.perf_counter()
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(copy, [(docs_sql, None, docs[0::2]), (docs_sql, None, docs[1::2])]))
        docs_s = time.perf_counter() - t0
        list(pool.map(copy, [(vecs_sql, vec_types, vecs[0::2]), (vecs_sql, vec_types, vecs[1::2])]))
    load_s = time.perf_counter() - t0
    print(
        f"load (COPY, documents with their tsvector + vectors): {n / load_s:,.0f} workflows/s"
        f" ({load_s:.1f} s: documents {docs_s:.1f} s, vectors {load_s - docs_s:.1f} s)"
    )

    timings = {}
    with db.connection() as conn:
        conn.execute("set maintenance_work_mem = '512MB'")
        conn.execute("set max_parallel_maintenance_workers = 1")
        conn.commit()
        for row in sorted(idx, key=lambda r: "hnsw" in r["indexdef"]):
            t0 = time.perf_counter()
            conn.execute(row["indexdef"])
            conn.commit()
            timings[row["indexname"]] = time.perf_counter() - t0
        # A live table is vacuumed by autovacuum (visibility map set: the scope counts are index-only).
        conn.autocommit = True
        t0 = time.perf_counter()
        conn.execute("vacuum analyze search_documents")
        conn.execute("vacuum analyze search_vectors")
        vacuum_s = time.perf_counter() - t0
        conn.autocommit = False
    hnsw = timings.get("search_vectors_hnsw_384", 0.0)
    per_category = sum(t for k, t in timings.items() if k.startswith("search_vectors_hnsw_384_"))
    others = sum(t for k, t in timings.items() if not k.startswith("search_vectors_hnsw_384"))
    print(
        f"index build: HNSW (384 dims, m=16, ef_construction=64) {hnsw:.1f} s, its 13 per-category"
        f" partial HNSW indexes {per_category:.1f} s; GIN + btree + empty dimensions' indexes {others:.1f} s;"
        f" vacuum analyze {vacuum_s:.1f} s"
    )


def main() -> None:
    args = _args()
    os.environ["AGENT_FORGE_DATA_DIR"] = args.data_dir
    for var in ("DATABASE_URL", "POSTGRES_URL", "POSTGRES_PRISMA_URL", "SUPABASE_DB_URL", "OPENAI_API_KEY"):
        os.environ.pop(var, None)
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)  # numpy's BLAS threads oversubscribe 2 shared cores; one is faster here
    except ImportError:
        print("threadpoolctl missing (requirements-dev.txt): BLAS runs with its default threads")
    import numpy as np

    from lib.embeddings import get_embedder
    from lib.search import service
    from lib.search.models import SearchIn
    from lib.store import db, migrations
    from lib.store import search as search_store
    from lib.store.search import Filters, Vector
    from lib.templates.models import CATEGORIES

    rng = random.Random(7)
    migrations.migrate()
    emb = get_embedder("local")
    print(f"embedder {emb.name} ({emb.dim} dims); data in {args.data_dir}; n={args.n:,}")
    print("load average at start: " + ", ".join(f"{x:.1f}" for x in os.getloadavg()) + " (2 cores)")

    # -- distinct texts → real vectors (cached between runs) ---------------------------------
    combos = [(v, t, tool, w) for v in VERBS for t in THINGS for tool in TOOLS for w in WHEN]
    rng.shuffle(combos)
    combos = combos[: args.texts]
    texts = [f"{v.capitalize()} {t} {w} and post the result to {tool}" for v, t, tool, w in combos]
    cache = Path(args.data_dir) / f"vectors-{emb.name.replace(':', '_')}-{len(texts)}.npy"
    if cache.exists():
        base = np.load(cache)
        print(f"base vectors: {len(base):,} from cache")
    else:
        t0 = time.perf_counter()
        base = np.concatenate([emb.embed(texts[i : i + 64]) for i in range(0, len(texts), 64)])
        print(f"base vectors: embedded {len(texts):,} texts in {time.perf_counter() - t0:.1f} s")
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.save(cache, base)

    # -- the embedder's own throughput ----------------------------------------------------------
    sample = texts[:256]
    t0 = time.perf_counter()
    for s in sample[:32]:
        emb.embed([s])
    one = 32 / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for i in range(0, len(sample), 32):
        emb.embed(sample[i : i + 32])
    batched = len(sample) / (time.perf_counter() - t0)
    print(f"embedder throughput: {one:.0f} texts/s one at a time, {batched:.0f} texts/s in batches of 32")

    # -- synthetic rows ----------------------------------------------------------------------
    t0 = time.perf_counter()
    a = np.array([rng.randrange(len(base)) for _ in range(args.n)])
    b = np.array([rng.randrange(len(base)) for _ in range(args.n)])
    w = np.array([rng.uniform(0.05, 0.45) for _ in range(args.n)], dtype=np.float32)[:, None]
    vectors = base[a] + w * base[b]
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors.astype(np.float32)
    docs, vecs = [], []
    for i in range(args.n):
        v, t, tool, when = combos[a[i]]
        tenant = TENANT if i % 10 else f"bench-small-{i % (SMALL_TENANTS * 10) // 10}"
        category = (
            CATEGORIES[(a[i] * 7 + i) % len(CATEGORIES)] if i % 4 else CATEGORIES[a[i] % len(CATEGORIES)]
        )
        status = ("draft", "active", "archived")[i % 3]
        ref = str(uuid.UUID(int=rng.getrandbits(128)))
        name = f"{v.capitalize()} {t} #{i}"
        text_b = f"{texts[a[i]]} · {category.replace('-', ' ')} · {tool}"
        text_c = f"starter · agent · {tool.lower()} · {tool} send · You {v} {t} and write a short summary"
        text_d = f"{when} · {texts[b[i]]}"
        docs.append(
            (tenant, "workflow", ref, False, name, category, status, 1, f"h{i}", text_b, text_c, text_d)
        )
        vecs.append(
            (tenant, "workflow", ref, emb.name, emb.dim, False, category, status, f"h{i}", vectors[i])
        )
    print(f"generated {args.n:,} rows in {time.perf_counter() - t0:.1f} s")

    # -- load: COPY with the secondary indexes dropped, then build them ---------------------
    with db.transaction() as c:
        loaded = c.execute("select count(*) as n from search_vectors where tenant_id <> ''").fetchone()["n"]
    if args.keep and loaded == args.n:
        print(
            f"--keep: reusing the {loaded:,} rows and the indexes of a previous run (not loaded, not built)"
        )
    else:
        _load(db, migrations, docs, vecs)
    service.indexing.ensure_templates(emb)

    # -- queries ------------------------------------------------------------------------------
    qtexts = []
    for _ in range(args.queries):
        v, t, tool, when = combos[rng.randrange(len(combos))]
        qtexts.append(rng.choice(QUERY_FORMS).format(v=v, t=t, tool=tool, w=when))
    qvecs = emb.embed(qtexts)
    floor = []
    for _ in range(50):
        t0 = time.perf_counter()
        with db.transaction() as c:
            c.execute("select 1").fetchone()
        floor.append((time.perf_counter() - t0) * 1000)
    print(
        f"floor (one pooled round trip 'select 1'): p50 {_pct(floor, 0.5):.2f} ms, p95 {_pct(floor, 0.95):.2f} ms"
    )

    def server_cpu() -> float:
        """Seconds of CPU the server's client backends (this process's connections) have used."""
        with db.transaction() as c:
            pids = [
                r["pid"]
                for r in c.execute("select pid from pg_stat_activity where backend_type = 'client backend'")
            ]
        total = 0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:  # a connection closed since
                continue
            total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
        return total / os.sysconf("SC_CLK_TCK")

    def run(label: str, make_filters) -> None:
        lat, hyb, cold, cpu, recall = [], [], [], [], []
        for i, (qt, qv) in enumerate(zip(qtexts, qvecs)):
            f = make_filters(i)
            vec = Vector(emb.name, qv)
            t0 = time.perf_counter()
            got = search_store.nearest(TENANT, vec, 10, f)
            lat.append((time.perf_counter() - t0) * 1000)
            truth = search_store.nearest(TENANT, vec, 10, f, exact=True)
            recall.append(len({g["ref_id"] for g in got} & {t["ref_id"] for t in truth}) / max(1, len(truth)))
            body = SearchIn(query=qt, limit=10, category=f.category, status=f.status)
            search_store.forget_word_counts()  # cold: every query word's documents counted
            t0 = time.perf_counter()
            first = service.ranked(TENANT, body, vec)
            cold.append((time.perf_counter() - t0) * 1000)
            # warm: the process has met this query's common words in the last ten minutes
            c0, t0 = time.process_time(), time.perf_counter()
            again = service.ranked(TENANT, body, vec)
            hyb.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            assert again == first, "remembering common words changed a ranking"
        print(
            f"{label}: vector k=10 p50 {_pct(lat, 0.5):.1f} ms, p95 {_pct(lat, 0.95):.1f} ms,"
            f" recall@10 {statistics.mean(recall):.3f} (min {min(recall):.1f});"
            f" hybrid search (common words known) p50 {_pct(hyb, 0.5):.1f} ms, p95 {_pct(hyb, 0.95):.1f} ms"
            f" (this process's CPU p50 {_pct(cpu, 0.5):.1f} ms),"
            f" cold (every word counted) p50 {_pct(cold, 0.5):.1f} ms, p95 {_pct(cold, 0.95):.1f} ms"
        )
        # CPU per query, server (our backends, from /proc: the embedded server runs here) and this
        # process: what the neighbours on a shared machine do not inflate.
        for kind in ("vector", "hybrid cold", "hybrid warm"):
            s0, c0 = server_cpu(), time.process_time()
            for i, (qt, qv) in enumerate(zip(qtexts, qvecs)):
                f, vec = make_filters(i), Vector(emb.name, qv)
                if kind == "vector":
                    search_store.nearest(TENANT, vec, 10, f)
                    continue
                if kind == "hybrid cold":
                    search_store.forget_word_counts()
                service.ranked(
                    TENANT, SearchIn(query=qt, limit=10, category=f.category, status=f.status), vec
                )
            server, client = server_cpu() - s0, time.process_time() - c0
            print(
                f"  {label} {kind}: CPU per query {1000 * server / len(qtexts):.1f} ms server,"
                f" {1000 * client / len(qtexts):.1f} ms this process"
            )

    run("plain", lambda i: Filters())
    run("filtered (category, ~1/13)", lambda i: Filters(category=CATEGORIES[i % len(CATEGORIES)]))
    run(
        "filtered (category + status, ~1/39)",
        lambda i: Filters(
            category=CATEGORIES[i % len(CATEGORIES)], status=("draft", "active", "archived")[i % 3]
        ),
    )
    print("load average at end: " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
    db.close()


if __name__ == "__main__":
    main()
