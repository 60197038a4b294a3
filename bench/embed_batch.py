"""CPU time of the local embedder per document, by how many documents one `embed` call takes.

Run: python bench/embed_batch.py [--repeat 3] [--threads]   (prints; asserts nothing)

Two sets of texts, each embedded in calls of 1, 8, 32 and 64 texts (CPU time of this process,
the best of `--repeat` passes, divided by the number of texts):
- "import": the search documents of the workflows `bench/import_csv.py` imports (distinct
  triage workflows, ~52 tokens each: what an import's search phase embeds);
- "mixed": the cache and generation benches' requests and the 13 catalogue templates'
  documents, shuffled (2 to 256 tokens: what the API's writes and lookups embed).
Tokenising is timed apart. `--threads` also times the 64-text calls with BLAS held to one and
to two threads (the embedder's `blas_threads`; CPU and wall time).
Only `MiniLMEmbedder().embed` is called, so the same script measures an older checkout.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "imports")]
SIZES = (1, 8, 32, 64)


def import_texts(n: int) -> list[str]:
    """The search documents of the import bench's workflows 0..n-1."""
    import rowfixtures

    from lib.search import documents
    from lib.sim.rows import build_state

    texts = []
    for i in range(n):
        wid = f"bench-{i:06d}"
        built = build_state(
            rowfixtures._distinct(rowfixtures.triage_blocks(wid), i),
            rowfixtures.triage_edges(wid),
            rowfixtures.triage_subflows(wid),
            rowfixtures.workflow_row(wid, f"Support triage {i}"),
        )
        doc = documents.build(
            kind="workflow",
            ref_id=wid,
            name=built.name,
            description=built.description,
            category=None,
            status=None,
            state=built.state,
        )
        texts.append(doc.embed_text)
    return texts


def mixed_texts() -> list[str]:
    from lib.search import documents
    from lib.templates import catalogue

    data = json.loads((ROOT / "bench" / "cache_workload.json").read_text(encoding="utf-8"))
    texts = [
        t
        for g in data["groups"]
        for t in [g["base"], *g["paraphrases"], *(n["text"] for n in g["near_misses"])]
    ]
    lines = (ROOT / "bench" / "generation_eval.jsonl").read_text(encoding="utf-8").splitlines()
    texts += [json.loads(line)["description"] for line in lines if line.strip()]
    texts += [documents.for_template(t).embed_text for t in catalogue.all_templates()]
    random.Random(7).shuffle(texts)
    return texts


def per_text_ms(call, texts: list[str], size: int, repeat: int) -> float:
    """Best-of-`repeat` CPU ms per text over `texts` embedded `size` at a time."""
    best = float("inf")
    for _ in range(repeat):
        began = time.process_time()
        for a in range(0, len(texts), size):
            call(texts[a : a + size])
        best = min(best, time.process_time() - began)
    return best / len(texts) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", action="store_true")
    args = parser.parse_args()

    from lib.embeddings.local import MiniLMEmbedder

    emb = MiniLMEmbedder()
    emb.embed(["warm up"])
    sets = {"import": import_texts(256), "mixed": mixed_texts()}
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores)")
    for label, texts in sets.items():
        ids = [emb._tokenizer.encode(t) for t in texts]
        lengths = sorted(len(i) for i in ids)
        began = time.process_time()
        for t in texts:
            emb._tokenizer.encode(t)
        tokenize_ms = (time.process_time() - began) / len(texts) * 1000
        figures = "  ".join(
            f"batch {size}: {per_text_ms(emb.embed, texts, size, args.repeat):6.2f}" for size in SIZES
        )
        print(
            f"{label:6s} {len(texts)} texts, tokens median {lengths[len(lengths) // 2]}, max {lengths[-1]};"
            f" CPU ms a text  {figures}  (tokenising {tokenize_ms:.2f} of it)"
        )
        if args.threads and hasattr(emb, "blas_threads"):
            for threads in (1, 2):
                emb.blas_threads = threads
                began_wall = time.perf_counter()
                cpu = per_text_ms(emb.embed, texts, 64, args.repeat)
                wall = (time.perf_counter() - began_wall) / (len(texts) * args.repeat) * 1000
                print(
                    f"       batch 64, {threads} BLAS thread(s): CPU {cpu:.2f} ms a text, wall {wall:.2f} ms a text"
                )
            emb.blas_threads = 1
    print(f"load average at end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
