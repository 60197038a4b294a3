"""Hybrid ranking on a labelled query set: every query is phrased in other words than the name of
the workflow it is looking for, and that workflow must come first."""

from __future__ import annotations

from lib.search import service
from lib.search.models import SearchIn
from tests.search.conftest import LABELLED


def test_each_labelled_query_puts_its_workflow_first(corpus):
    misses = []
    for item in LABELLED["queries"]:
        right = {corpus["ids"][label] for label in item["expect"]}
        results = service.semantic_search(corpus["tenant"], SearchIn(query=item["query"], limit=5)).results
        top = [(r.kind, r.id) for r in results]
        if not top or top[0] not in right:
            names = [r.name for r in results]
            misses.append(f"{item['query']!r}: expected {item['expect']}, got {names}")
    assert not misses, "\n".join(misses)


def test_results_say_what_matched_and_score_between_0_and_1(corpus):
    results = service.semantic_search(corpus["tenant"], SearchIn(query="crypto trading bot", limit=5)).results
    best = results[0]
    assert best.id == "crypto-price-alerts" and best.kind == "template"
    assert set(best.matched.text) >= {"crypto", "trading"}
    assert best.matched.vector is not None and 0 < best.matched.vector <= 1
    assert all(0 < r.score <= 1 for r in results)
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)


def test_an_exact_rare_word_ranks_its_workflow_first(corpus):
    # "CoinGecko" appears only in one template's text: full text lifts it whatever the vectors say.
    results = service.semantic_search(corpus["tenant"], SearchIn(query="coingecko", limit=3)).results
    assert results[0].id == "crypto-price-alerts"
    assert results[0].matched.text == ["coingecko"]


def test_min_score_drops_weaker_results(corpus):
    every = service.semantic_search(corpus["tenant"], SearchIn(query="slack alerts", limit=20)).results
    cut = every[len(every) // 2].score
    kept = service.semantic_search(
        corpus["tenant"], SearchIn(query="slack alerts", limit=20, min_score=cut)
    ).results
    assert kept and all(r.score >= cut for r in kept) and len(kept) < len(every)


def test_pattern_candidates_are_the_same_through_the_index_or_the_exact_scan(corpus, monkeypatch):
    """Pattern match's one statement: the exact branch for a small scope, HNSW above EXACT_MAX
    (forced here by lowering it), and the exact scan again if HNSW comes back short."""
    import json

    from lib.search import structure
    from lib.store import search as search_store
    from lib.store.search import Filters
    from tests.search.conftest import EXAMPLES

    state = json.loads(next(iter(sorted(EXAMPLES.glob("*.json")))).read_text(encoding="utf-8"))
    state = state.get("state", state)
    shape = structure.shape(structure.features(state))
    tenant = corpus["tenant"]
    exact = search_store.nearest_shapes(tenant, shape, 8, Filters())
    monkeypatch.setattr(search_store, "EXACT_MAX", 2)
    by_index = search_store.nearest_shapes(tenant, shape, 8, Filters())
    monkeypatch.setattr(search_store, "MAX_SCAN_TUPLES", 1)
    templates = search_store.nearest_shapes(tenant, shape, 8, Filters(kind="template"))
    assert len(exact) == len(by_index) == 8
    assert [r["ref_id"] for r in by_index] == [r["ref_id"] for r in exact]
    sims = [r["similarity"] for r in exact]
    assert sims == sorted(sims, reverse=True) and sims[0] > 0.5
    assert len(templates) == 8 and {r["kind"] for r in templates} == {"template"}
