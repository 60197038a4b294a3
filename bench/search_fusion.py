"""How to fuse vector and full-text ranks: top-1 accuracy of each way on the labelled query set.

Builds the test corpus (Sim's 11 exports imported, three generated workflows, the 13 templates)
for a scratch tenant, takes both candidate lists once per query, and counts how often each
fusion puts a right answer first: vector only, full text only, reciprocal-rank fusion (k=60, and
k=10 with the text list weighted 0.3) and the blend the service uses at several text weights.
Prints figures; asserts nothing. Caveat: the service's blend was chosen on this same set.

Run: python bench/search_fusion.py [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--data-dir", default=str(Path(tempfile.gettempdir()) / f"agent-forge-bench-search-{os.getuid()}")
    )
    os.environ["AGENT_FORGE_DATA_DIR"] = p.parse_args().data_dir
    for var in ("DATABASE_URL", "POSTGRES_URL", "POSTGRES_PRISMA_URL", "SUPABASE_DB_URL", "OPENAI_API_KEY"):
        os.environ.pop(var, None)
    import json

    from lib.generation import service as generation
    from lib.imports.pipeline import Source, run_import
    from lib.search import indexing, service
    from lib.store import db, migrations
    from lib.store import search as search_store
    from lib.store.search import Filters

    migrations.migrate()
    labelled = json.loads((ROOT / "tests" / "search" / "labelled_queries.json").read_text(encoding="utf-8"))
    tenant = f"fusion-{uuid.uuid4().hex[:8]}"
    files = sorted((ROOT.parent / "shared" / "sim-examples" / "landing-page-templates").glob("*.json"))
    report = run_import(tenant, [Source(f.name, f.open("rb"), f.stat().st_size) for f in files])
    ids = {f"import:{i.name}": ("workflow", i.id) for i in report.imported}
    for item in labelled["generated"]:
        ids[f"generated:{item['key']}"] = (
            "workflow",
            generation.generate(tenant, item["description"]).workflow.id,
        )
    indexing.ensure_templates(force=True)

    cases = []
    for item in labelled["queries"]:
        right = {ids.get(e, ("template", e.split(":", 1)[1])) for e in item["expect"]}
        words = service._words(item["query"])
        vector = service._query_vector(item["query"])
        rows = search_store.hybrid(tenant, item["query"], words, vector, 40, Filters())
        vec = sorted((r for r in rows if r["distance"] is not None), key=lambda r: r["distance"])
        text = sorted(
            (r for r in rows if r["text_rank"] is not None), key=lambda r: (-r["text_rank"], r["name"])
        )
        info = {(r["kind"], r["ref_id"]): r for r in rows}
        cases.append((right, vec, text, info))

    def rrf(k: float, text_weight: float):
        def rank(vec, text, info):
            s: dict = {}
            for lst, w in ((vec, 1.0), (text, text_weight)):
                for r, h in enumerate(lst, start=1):
                    key = (h["kind"], h["ref_id"])
                    s[key] = s.get(key, 0.0) + w / (k + r)
            return s

        return rank

    def blend(weight: float):
        def rank(vec, text, info):
            ranks = {(h["kind"], h["ref_id"]): float(h["text_rank"]) for h in text}
            out = {}
            for key, row in info.items():
                cov = len(row["words"]) / row["lexical_words"] if row["lexical_words"] else 0.0
                r = ranks.get(key, 0.0)
                out[key] = (row["similarity"] or 0.0) + weight * cov * r / (1 + r)
            return out

        return rank

    ways = {
        "vector only": rrf(60, 0.0),
        "full text only": lambda vec, text, info: {(h["kind"], h["ref_id"]): -i for i, h in enumerate(text)},
        "RRF k=60": rrf(60, 1.0),
        "RRF k=10, text weight 0.3": rrf(10, 0.3),
        **{f"blend, text weight {w}": blend(w) for w in (0.1, 0.2, 0.3, 0.5)},
    }
    print(f"{len(cases)} labelled queries over {len(ids) + 13} workflows and templates")
    for name, way in ways.items():
        hits = 0
        for right, vec, text, info in cases:
            scores = way(vec, text, info)
            hits += bool(scores) and max(scores, key=scores.get) in right
        print(f"{name:28s} right answer first: {hits}/{len(cases)}")
    db.close()


if __name__ == "__main__":
    main()
