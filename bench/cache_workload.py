"""The semantic cache under a replayed workload, and the threshold sweep behind its setting.

Replays a few hundred generation requests over the ~30 intents of `bench/cache_workload.json`
(bases, exact repeats, paraphrases, near-miss distractors; two tenants, shuffled) through
`lib.generation.service.generate` in process, against the stand-in Claude (real `anthropic` SDK)
whose answers are delayed by a realistic 20–60 s scaled down (default ×0.01 → 0.2–0.6 s), with
the local embedder. Every served entry is checked against the request's labelled intent.

Then, offline on the same texts: cosine similarity of paraphrase pairs and of near-miss pairs,
and for each threshold the paraphrase hit rate and the false hits — cosine alone and cosine plus
the exact intent match — for the local model and the hashed n-gram baseline.

Run: python bench/cache_workload.py [--scale 0.01] [--seed 7] [--repeats 1]   (prints; asserts nothing)
Uses a scratch embedded database under the system temp folder unless DATABASE_URL is set.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = Path(__file__).with_name("cache_workload.json")
TENANTS = ("bench-cache-a", "bench-cache-b")


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def workload(seed: int, repeats: int) -> list[dict]:
    groups = json.loads(DATA.read_text(encoding="utf-8"))["groups"]
    requests = []
    for tenant in TENANTS:
        for g in groups:
            for _ in range(1 + repeats):
                requests.append({"tenant": tenant, "label": g["id"], "kind": "base", "text": g["base"]})
            for text in g["paraphrases"]:
                requests.append({"tenant": tenant, "label": g["id"], "kind": "paraphrase", "text": text})
            for i, nm in enumerate(g["near_misses"]):
                label = f"{g['id']}~{i}"
                requests.append({"tenant": tenant, "label": label, "kind": "near-miss", "text": nm["text"]})
    random.Random(seed).shuffle(requests)
    return requests


def replay(requests: list[dict], scale: float, seed: int) -> None:
    from lib.config import settings
    from lib.generation import service
    from lib.store import db
    from tests.generation.standin import StandIn

    standin = StandIn("127.0.0.1", 0).start()
    os.environ.update(ANTHROPIC_API_KEY="bench-standin", ANTHROPIC_BASE_URL=standin.url)
    os.environ.pop("OPENAI_API_KEY", None)
    settings.cache_clear()
    rng = random.Random(seed)
    with db.transaction() as c:  # a fresh start for the bench tenants
        for table in ("workflow_lookup", "ai_usage_logs", "workflow"):
            c.execute(f"delete from {table} where tenant_id = any(%s)", (list(TENANTS),))

    service.generate(
        "bench-cache-warm", "Every day at 9am post the BTC price to #warmup on Slack", use_cache=False
    )
    entry_label: dict[str, str] = {}
    stored: set[tuple[str, str]] = set()
    out = []
    for req in requests:
        delay = rng.uniform(20, 60) * scale
        with standin.lock:
            standin.queue.clear()
        standin.control("slow", times=1, delay_s=delay)
        t0 = time.perf_counter()
        result = service.generate(req["tenant"], req["text"])
        wall_ms = (time.perf_counter() - t0) * 1000
        key = (req["tenant"], req["label"])
        row = {
            **req,
            "wall_ms": wall_ms,
            "hit": result.cache.hit,
            "eligible": key in stored,
            "source": result.source,
        }
        row["usage"] = result.usage
        row["saved"] = result.cache.saved
        row["workflow_id"] = str(result.workflow.id)
        if result.cache.hit:
            row["served"] = entry_label.get(result.cache.entry_id, "?")
        elif result.cache.stored and result.cache.entry_id:
            entry_label[result.cache.entry_id] = req["label"]
            stored.add(key)
        out.append(row)
    with standin.lock:
        standin.queue.clear()
    standin.stop()
    report(out)


def answer_times(tenants: tuple[str, ...]) -> tuple[dict[str, int], set[str]]:
    """Time to the answer as logged on each lookup row (lookup + serve, or lookup + generation), by
    workflow; and the workflows whose request was embedded (not found by its key)."""
    from lib.store import db

    with db.transaction() as c:
        rows = c.execute(
            "select workflow_id, operation, answer_ms from ai_usage_logs"
            " where operation in ('cache_lookup', 'embedding') and tenant_id = any(%s)",
            (list(tenants),),
        ).fetchall()
    answer = {str(r["workflow_id"]): r["answer_ms"] for r in rows if r["operation"] == "cache_lookup"}
    return answer, {str(r["workflow_id"]) for r in rows if r["operation"] == "embedding"}


def hit_path() -> dict[str, list[float]]:
    """The cache's own answer path in a tight loop (lookup → served, re-id'd, re-checked state), three
    rounds over tenant A: each entry's own text (found by its key), then every base request and
    paraphrase that is not an entry's own text, with the keys served requests left on entries cleared
    first (found by similarity: embedding + nearest). Lookups here record nothing."""
    from lib.cache import service as cache
    from lib.store import db

    groups = json.loads(DATA.read_text(encoding="utf-8"))["groups"]
    with db.transaction() as c:
        c.execute("update workflow_lookup set request_keys = '{}' where tenant_id = %s", (TENANTS[0],))
        own = {
            r["description"]
            for r in c.execute(
                "select description from workflow_lookup where tenant_id = %s and not bad", (TENANTS[0],)
            ).fetchall()
        }
    texts = [t for g in groups for t in [g["base"], *g["paraphrases"]]]
    out: dict[str, list[float]] = {"key": [], "similarity": [], "key_cpu": [], "similarity_cpu": []}
    for _ in range(3):
        for kind, batch in (("key", sorted(own)), ("similarity", [t for t in texts if t not in own])):
            for text in batch:
                t0, c0 = time.perf_counter(), time.process_time()
                found = cache.lookup(TENANTS[0], text)
                if found.hit and found.by_key == (kind == "key"):
                    out[kind].append((time.perf_counter() - t0) * 1000)
                    out[kind + "_cpu"].append((time.process_time() - c0) * 1000)
    return out


def floors() -> dict[str, float]:
    """What a hit cannot beat, measured now: one local embedding, one SQL round trip on a held
    connection, and one statement on a connection from the pool (its check + the statement)."""
    from lib.embeddings import get_embedder
    from lib.store import db

    emb = get_embedder("local")
    embed, embed_cpu, trip, pooled = [], [], [], []
    for i in range(50):
        t0, c0 = time.perf_counter(), time.process_time()
        emb.embed([f"Every weekday at {i % 12 + 1}am post the BTC price to #crypto on Slack"])
        embed.append((time.perf_counter() - t0) * 1000)
        embed_cpu.append((time.process_time() - c0) * 1000)
        t0 = time.perf_counter()
        with db.reading() as c:
            c.execute("select 1").fetchone()
        pooled.append((time.perf_counter() - t0) * 1000)
    with db.reading() as c:
        for _ in range(50):
            t0 = time.perf_counter()
            c.execute("select 1").fetchone()
            trip.append((time.perf_counter() - t0) * 1000)
    return {
        "embed_p50": statistics.median(embed),
        "embed_cpu_p50": statistics.median(embed_cpu),
        "sql_p50": statistics.median(trip),
        "pooled_p50": statistics.median(pooled),
    }


def report(rows: list[dict]) -> None:
    hits = [r for r in rows if r["hit"]]
    false = [r for r in hits if r["served"] != r["label"]]
    para = [r for r in rows if r["kind"] == "paraphrase" and r["eligible"]]
    reps = [r for r in rows if r["kind"] == "base" and r["eligible"]]
    near = [r for r in rows if r["kind"] == "near-miss"]
    spent_tokens = sum(
        r["usage"].input_tokens
        + r["usage"].output_tokens
        + r["usage"].cache_read_tokens
        + r["usage"].cache_write_tokens
        for r in rows
    )
    spent_cost = sum(r["usage"].cost_usd for r in rows)
    saved_tokens = sum(r["saved"].tokens for r in hits)
    saved_cost = sum(r["saved"].cost_usd for r in hits)
    claude_calls = sum(1 for r in rows if r["source"] == "claude")
    answer, embedded = answer_times(TENANTS)
    times = {
        "hit": [answer[r["workflow_id"]] for r in hits],
        "miss": [answer[r["workflow_id"]] for r in rows if not r["hit"]],
        "repeat": [answer[r["workflow_id"]] for r in hits if r["kind"] == "base"],
        "paraphrase": [answer[r["workflow_id"]] for r in hits if r["kind"] == "paraphrase"],
        "key": [answer[r["workflow_id"]] for r in hits if r["workflow_id"] not in embedded],
        "similarity": [answer[r["workflow_id"]] for r in hits if r["workflow_id"] in embedded],
    }
    fl = floors()
    tight = hit_path()
    hit_wall = [r["wall_ms"] for r in hits]
    miss_wall = [r["wall_ms"] for r in rows if not r["hit"]]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"requests {len(rows)} over {len({r['label'] for r in rows})} intents, 2 tenants (load average {load})"
    )
    print(
        f"hit rate            {len(hits) / len(rows):6.1%}  ({len(hits)} served, {claude_calls} Claude generations)"
    )
    print(f"false hits          {len(false):6d}  ({len(false) / max(1, len(hits)):.1%} of hits)")
    print(
        f"paraphrase hit rate {sum(r['hit'] for r in para) / max(1, len(para)):6.1%}  (of {len(para)} paraphrases whose intent was cached)"
    )
    print(
        f"repeat hit rate     {sum(r['hit'] for r in reps) / max(1, len(reps)):6.1%}  (of {len(reps)} exact repeats)"
    )
    print(f"near-misses served  {sum(r['hit'] for r in near):6d}  of {len(near)}")
    print(
        f"answer ms  hits p50 {pct(times['hit'], 0.5):.0f} p95 {pct(times['hit'], 0.95):.0f}"
        f"  | misses p50 {pct(times['miss'], 0.5):.0f} p95 {pct(times['miss'], 0.95):.0f}"
        f"  (lookup + serve, or lookup + generation; from the usage log)"
    )
    print(
        f"answer ms of hits: exact repeats p50 {pct(times['repeat'], 0.5):.0f} p95 {pct(times['repeat'], 0.95):.0f}"
        f" | paraphrases p50 {pct(times['paraphrase'], 0.5):.0f} p95 {pct(times['paraphrase'], 0.95):.0f}"
    )
    print(
        f"answer ms of hits: found by key p50 {pct(times['key'], 0.5):.0f} p95 {pct(times['key'], 0.95):.0f}"
        f" (n={len(times['key'])}, no embedding) | by similarity p50 {pct(times['similarity'], 0.5):.0f}"
        f" p95 {pct(times['similarity'], 0.95):.0f} (n={len(times['similarity'])}, embedding + nearest)"
    )
    print(
        f"whole request ms  hits p50 {pct(hit_wall, 0.5):.1f} p95 {pct(hit_wall, 0.95):.1f}"
        f"  | misses p50 {pct(miss_wall, 0.5):.0f} p95 {pct(miss_wall, 0.95):.0f}  (incl. storing the workflow)"
    )
    print(
        f"hit path alone, tight loop (ms): by key p50 {pct(tight['key'], 0.5):.1f}"
        f" p95 {pct(tight['key'], 0.95):.1f} (n={len(tight['key'])}) | by similarity"
        f" p50 {pct(tight['similarity'], 0.5):.1f} p95 {pct(tight['similarity'], 0.95):.1f} (n={len(tight['similarity'])})"
    )
    print(
        f"  the same, CPU time of this process (ms): by key p50 {pct(tight['key_cpu'], 0.5):.1f}"
        f" p95 {pct(tight['key_cpu'], 0.95):.1f} | by similarity p50 {pct(tight['similarity_cpu'], 0.5):.1f}"
        f" p95 {pct(tight['similarity_cpu'], 0.95):.1f}"
    )
    print(
        f"floor: one local embedding p50 {fl['embed_p50']:.1f} ms ({fl['embed_cpu_p50']:.1f} ms CPU),"
        f" one SQL round trip p50 {fl['sql_p50']:.2f} ms,"
        f" one pooled statement (pool check + statement) p50 {fl['pooled_p50']:.2f} ms"
    )
    print(
        f"tokens spent {spent_tokens:,}  saved {saved_tokens:,}  |  money spent ${spent_cost:.4f}  saved ${saved_cost:.4f}"
        f"  ({saved_cost / max(1e-9, saved_cost + spent_cost):.0%} of what no cache would have cost)"
    )


def sweep() -> None:
    """Cosine of paraphrase and near-miss pairs; per threshold: paraphrase hit rate and false hits."""
    import numpy as np

    from lib.cache.intent import digest, extract, normalise
    from lib.embeddings import get_embedder

    groups = json.loads(DATA.read_text(encoding="utf-8"))["groups"]
    texts, labels = [], []
    for g in groups:
        for t in [g["base"], *g["paraphrases"]]:
            texts.append(t)
            labels.append(g["id"])
        for i, nm in enumerate(g["near_misses"]):
            texts.append(nm["text"])
            labels.append(f"{g['id']}~{i}")
    intents = [digest(extract(t)) for t in texts]
    n = len(texts)
    pos = [(i, j) for i in range(n) for j in range(i + 1, n) if labels[i] == labels[j]]
    neg = [(i, j) for i in range(n) for j in range(i + 1, n) if labels[i] != labels[j]]
    near = [(i, j) for i, j in neg if labels[i].split("~")[0] == labels[j].split("~")[0]]
    print(f"\npairs: {len(pos)} paraphrase, {len(near)} near-miss, {len(neg)} different-intent in all")
    print(
        f"intent match: paraphrase pairs {sum(intents[i] == intents[j] for i, j in pos) / len(pos):.1%},"
        f" near-miss pairs {sum(intents[i] == intents[j] for i, j in near)} of {len(near)}"
    )
    for kind in ("local", "hashed"):
        emb = get_embedder(kind)
        vec = emb.embed([normalise(t) for t in texts])
        sim = vec @ vec.T
        ps = [float(sim[i, j]) for i, j in pos]
        ns = [float(sim[i, j]) for i, j in near]
        print(f"\n{emb.name}: median cosine paraphrase {np.median(ps):.3f}, near-miss {np.median(ns):.3f}")
        print(
            "  threshold | cosine only: paraphrase hits, false hits | cosine + intent: paraphrase hits, false hits"
        )
        for t in [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]:
            c_pos = sum(sim[i, j] >= t for i, j in pos) / len(pos)
            c_neg = sum(sim[i, j] >= t for i, j in neg)
            i_pos = sum(sim[i, j] >= t and intents[i] == intents[j] for i, j in pos) / len(pos)
            i_neg = sum(sim[i, j] >= t and intents[i] == intents[j] for i, j in neg)
            print(f"  {t:9.2f} | {c_pos:12.1%} {c_neg:11d} | {i_pos:31.1%} {i_neg:11d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.01, help="Claude latency 20-60 s times this")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--repeats", type=int, default=1, help="exact repeats of each base request per tenant"
    )
    parser.add_argument("--sweep-only", action="store_true")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        os.environ.setdefault(
            "AGENT_FORGE_DATA_DIR",
            str(Path(tempfile.gettempdir()) / f"agent-forge-bench-cache-{os.getuid()}"),
        )
    from lib.store import db, migrations

    if not args.sweep_only:
        migrations.migrate()
        replay(workload(args.seed, args.repeats), args.scale, args.seed)
        db.close()
    sweep()


if __name__ == "__main__":
    main()
