"""The semantic cache on the real store: hits for paraphrases only, per tenant, per version, safely."""

from __future__ import annotations

import json

import pytest

from lib.cache import service as cache
from lib.generation import service
from lib.generation.models import UsageOut
from lib.store import db, usage
from lib.templates import catalogue
from lib.validation import validate
from tests.cache.cases import GEN_BASE, GEN_PARAPHRASE, NEAR_MISSES, PARAPHRASES

BASE = PARAPHRASES[0][0]


def _remember(tenant: str, text: str, template: str = "crypto-price-alerts") -> str | None:
    """A miss for `text` whose generated answer was a valid state (a catalogue template's), stored."""
    found = cache.lookup(tenant, text)
    assert not found.hit
    state = catalogue.get(template).state
    return cache.remember(
        tenant,
        found,
        description=text,
        state=state,
        name=template,
        source="planner",
        report=validate(state, era="jul25"),
        usage=UsageOut(input_tokens=1200, output_tokens=800, cost_usd=0.0156),
        workflow_id=None,
        produce_ms=30_000,
    )


def _rows(tenant: str) -> list[dict]:
    with db.transaction() as c:
        return c.execute("select * from workflow_lookup where tenant_id = %s", (tenant,)).fetchall()


def test_a_paraphrase_is_served_from_the_cache_with_fresh_ids(tenant):
    first = service.generate(tenant, GEN_BASE)
    assert first.source == "planner" and first.cache.hit is False and first.cache.stored
    second = service.generate(tenant, GEN_PARAPHRASE)
    assert second.source == "cache" and second.cache.hit is True
    assert second.cache.entry_id == first.cache.entry_id and second.cache.similarity >= 0.7
    assert second.validation.valid and second.usage.input_tokens == 0
    old, new = first.workflow.state, second.workflow.state
    assert not set(old["blocks"]) & set(new["blocks"])  # fresh block ids
    assert not {e["id"] for e in old["edges"]} & {e["id"] for e in new["edges"]}
    assert sorted(b["type"] for b in old["blocks"].values()) == sorted(
        b["type"] for b in new["blocks"].values()
    )
    assert (
        second.workflow.id != first.workflow.id
        and second.workflow.metadata["generation"]["source"] == "cache"
    )
    (row,) = _rows(tenant)
    assert row["usage_count"] == 1 and row["last_used"] is not None


HUBSPOT = "When a HubSpot deal closes, post the deal name and amount to #wins on Slack."


def test_a_hit_serves_the_coverage_report_it_was_made_with(tenant):
    first = service.generate(tenant, HUBSPOT)
    assert first.cache.stored and first.coverage.assumptions  # no HubSpot trigger: a generic webhook
    second = service.generate(tenant, HUBSPOT)
    assert second.source == "cache" and second.cache.similarity == 1.0
    assert "made for" not in (second.reason or "")  # the same request: its words are these
    was, now = first.coverage, second.coverage
    assert now.assumptions == was.assumptions and now.unused == was.unused
    blocks = second.workflow.state["blocks"]
    assert {b.block_id for b in now.blocks} == set(blocks)  # the served ids, not the entry's
    assert sorted((b.type, b.words) for b in now.blocks) == sorted((b.type, b.words) for b in was.blocks)
    assert all(b.words for b in now.blocks)  # the trigger's clause and the post's
    assert [n.reason for n in now.needs_input] == [n.reason for n in was.needs_input]
    assert {n.block_id for n in now.needs_input} <= set(blocks)
    kept = second.workflow.metadata["generation"]["coverage"]
    assert kept["assumptions"] == was.assumptions


def test_a_paraphrase_hit_says_whose_words_its_coverage_holds(tenant):
    first = service.generate(tenant, GEN_BASE)
    second = service.generate(tenant, GEN_PARAPHRASE)
    assert second.source == "cache" and second.cache.similarity < 1
    assert "those of the request it was made for" in second.reason
    assert sorted(b.words or "" for b in second.coverage.blocks) == sorted(
        b.words or "" for b in first.coverage.blocks
    )


def test_an_entry_without_a_coverage_report_still_lists_the_inputs_to_fill(tenant):
    _remember(tenant, BASE)  # stored as entries were before coverage reports were kept
    served = service.generate(tenant, BASE)
    assert served.source == "cache" and served.coverage.blocks
    assert "made for" not in (served.reason or "")
    assert {b.block_id for b in served.coverage.blocks} == set(served.workflow.state["blocks"])


@pytest.mark.parametrize(("base", "paraphrase"), [(b, p) for b, ps in PARAPHRASES for p in ps])
def test_paraphrases_hit(tenant, base, paraphrase):
    entry = _remember(tenant, base)
    found = cache.lookup(tenant, paraphrase)
    assert found.hit and found.entry_id == entry and found.similarity >= cache.threshold(found.embedder)
    assert found.saved_tokens == 2000 and found.saved_cost_usd == pytest.approx(0.0156)


@pytest.mark.parametrize(("base", "other", "what"), NEAR_MISSES)
def test_a_near_miss_is_not_served(tenant, base, other, what):
    assert _remember(tenant, base)
    assert cache.lookup(tenant, base).hit  # the entry is live …
    assert not cache.lookup(tenant, other).hit, what  # … but not for a request that differs


def test_no_hit_across_tenants(tenant):
    _remember(tenant, BASE)
    other = tenant + "-other"
    found = cache.lookup(other, BASE)
    assert found.hit is False and found.similarity is None
    _remember(other, BASE)
    assert cache.lookup(other, BASE).hit is True  # its own entry serves it


def test_a_request_served_by_similarity_is_found_by_its_key_next_time(tenant):
    entry = _remember(tenant, BASE)
    paraphrase = PARAPHRASES[0][1][0]
    first = cache.lookup(tenant, paraphrase)
    assert first.hit and not first.by_key and [r["operation"] for r in first.logs] == ["embedding"]
    cache.record(tenant, first, workflow_id=None, answer_ms=1)
    again = cache.lookup(tenant, paraphrase)
    assert again.hit and again.by_key and again.entry_id == entry and again.logs == []  # nothing embedded
    assert again.similarity == first.similarity < 1  # the similarity it was first served at
    assert cache.lookup(tenant, BASE).similarity == 1.0  # the entry's own text
    cache.record(tenant, again, workflow_id=None, answer_ms=1)
    (row,) = _rows(tenant)
    assert row["usage_count"] == 2 and list(row["request_keys"]) == [first.key]


def test_request_keys_are_bounded_and_die_with_their_entry(tenant):
    from lib.cache import entries
    from lib.store import cache as store

    entry = _remember(tenant, BASE)
    for i in range(store.REQUEST_KEYS_KEPT + 5):
        store.touch(tenant, entry, request_key=f"key-{i}", similarity=0.9)
    (row,) = _rows(tenant)
    assert len(row["request_keys"]) == store.REQUEST_KEYS_KEPT
    paraphrase = PARAPHRASES[0][1][0]
    found = cache.lookup(tenant, paraphrase)
    cache.record(tenant, found, workflow_id=None, answer_ms=1)
    assert cache.lookup(tenant, paraphrase).by_key is False  # full: found by similarity again
    other = PARAPHRASES[1][0]
    kept = _remember(tenant, other)
    served = cache.lookup(tenant, PARAPHRASES[1][1][0])
    cache.record(tenant, served, workflow_id=None, answer_ms=1)
    assert cache.lookup(tenant, PARAPHRASES[1][1][0]).by_key
    entries.mark_bad(tenant, kept, "wrong")
    gone = cache.lookup(tenant, PARAPHRASES[1][1][0])
    assert not gone.hit and not gone.by_key  # a remembered key never serves a bad entry


def test_opt_out_neither_serves_nor_stores(tenant):
    result = service.generate(tenant, GEN_BASE, use_cache=False)
    assert result.cache.hit is False and not result.cache.stored and _rows(tenant) == []
    service.generate(tenant, GEN_BASE)
    assert service.generate(tenant, GEN_BASE, use_cache=False).source == "planner"
    assert not [r for r in usage.recent(tenant) if r["operation"] == "cache_lookup" and r["status"] == "hit"]


@pytest.mark.parametrize(
    "change",
    ["generator_version", "registry_version", "catalogue_version", "validator_version"],
)
def test_a_version_change_invalidates(tenant, monkeypatch, change):
    from lib.cache import versions

    _remember(tenant, BASE)
    assert cache.lookup(tenant, BASE).hit is True
    monkeypatch.setattr(versions, change, lambda: "changed")
    assert cache.lookup(tenant, BASE).hit is False


def test_the_embedder_is_part_of_the_key(tenant, monkeypatch):
    from lib import embeddings

    _remember(tenant, BASE)
    monkeypatch.setattr(embeddings, "resolve", lambda kind="auto": "hashed" if kind == "auto" else kind)
    found = cache.lookup(tenant, BASE)
    assert found.hit is False and found.similarity is None  # never compared across embedders
    _remember(tenant, BASE)
    rows = sorted((r["embedding_model"], r["embedding_dim"]) for r in _rows(tenant))
    assert rows == [("hashed:char-3-5", 384), ("local:all-MiniLM-L6-v2", 384)]


def test_a_cached_state_that_no_longer_validates_is_dropped(tenant):
    entry = _remember(tenant, BASE)
    with db.transaction() as c:  # the registry moved on: the stored state now fails validation
        c.execute(
            "update workflow_lookup set pattern_data = jsonb_set(pattern_data, '{state,edges}',"
            ' \'[{"id": "e", "source": "nowhere", "target": "nothing"}]\') where tenant_id = %s',
            (tenant,),
        )
    assert cache.lookup(tenant, BASE).hit is False
    (row,) = [r for r in _rows(tenant) if str(r["id"]) == entry]
    assert row["bad"] is True and "re-validation" in row["bad_reason"]


def test_an_entry_marked_bad_never_serves(tenant):
    from lib.cache import entries

    entry = _remember(tenant, BASE)
    assert cache.lookup(tenant, PARAPHRASES[0][1][0]).hit
    entries.mark_bad(tenant, entry, "wrong channel")
    assert cache.lookup(tenant, PARAPHRASES[0][1][0]).hit is False


def test_ttl_and_the_per_tenant_bound(tenant, settings_env):
    settings_env(CACHE_MAX_ENTRIES="2")
    for base, _ in PARAPHRASES[:3]:
        _remember(tenant, base)
    kept = {r["description"] for r in _rows(tenant)}
    assert kept == {PARAPHRASES[1][0], PARAPHRASES[2][0]}  # the least recently used went
    with db.transaction() as c:
        c.execute(
            "update workflow_lookup set expires_at = now() - interval '1 second' where tenant_id = %s",
            (tenant,),
        )
    assert cache.lookup(tenant, PARAPHRASES[1][0]).hit is False


SECRET_REQUESTS = [
    "Every weekday at 9am post the BTC price to #crypto on Slack using token xoxb-1234567890-abcdefghijkl",
    "Call https://api.example.com/data?api_key=sk-live-abcdefghijklmnop1234 and email me the result",
    "Post the daily report to #ops; the password is hunter2hunter2",
]


@pytest.mark.parametrize("request_text", SECRET_REQUESTS)
def test_no_secret_enters_the_cache(tenant, request_text):
    service.generate(tenant, request_text)
    service.generate(tenant, request_text)
    dump = json.dumps([{k: str(v) for k, v in r.items()} for r in _rows(tenant)])
    for token in ("xoxb-1234567890", "sk-live-abcdef", "hunter2hunter2"):
        assert token not in dump


def test_a_state_with_a_secret_is_not_cached(tenant, monkeypatch):
    from lib.cache import guard

    state = {
        "blocks": {
            "a": {
                "type": "api",
                "subBlocks": {"headers": {"value": [["Authorization", "Bearer sk-ant-api03-" + "x" * 40]]}},
            }
        }
    }
    report = type("Report", (), {"findings": []})()
    assert guard.refusal("post to slack", state, report) == "the state contains a secret"
    assert (
        guard.refusal("use key sk-proj-" + "a1B2" * 12, {"blocks": {}}, report)
        == "the request contains a secret"
    )
    assert guard.refusal("post to slack", {"blocks": {}}, report) is None
    leaked = {"assumptions": ["called https://api.example.com/?api_key=sk-live-abcdefghijklmnop1234"]}
    assert guard.refusal("post to slack", {"blocks": {}}, report, leaked) == (
        "the coverage report contains a secret"
    )


def test_nothing_secret_in_any_row_of_a_normal_workload(tenant):
    from lib.secrets import scrub

    for template in (
        "crypto-price-alerts",
        "support-ticket-triage",
        "ai-pr-reviewer",
        "weekly-finance-report",
    ):
        _remember(tenant, catalogue.get(template).description, template)
    for text in (GEN_BASE, GEN_PARAPHRASE):
        service.generate(tenant, text)
    assert len(_rows(tenant)) == 5
    for row in _rows(tenant):
        assert not scrub(row["pattern_data"])[1] and not scrub(row["description"])[1]


def test_every_lookup_and_embedding_is_one_usage_row(tenant):
    first = service.generate(tenant, GEN_BASE)
    second = service.generate(tenant, GEN_BASE)  # the same text again: found by its key, nothing to embed
    third = service.generate(tenant, GEN_PARAPHRASE)
    rows = usage.recent(tenant)
    lookups = [r for r in rows if r["operation"] == "cache_lookup"]
    embeds = [r for r in rows if r["operation"] == "embedding"]
    assert sorted(r["status"] for r in lookups) == ["hit", "hit", "miss"] and len(embeds) == 2
    assert {r["workflow_id"] for r in rows} == {first.workflow.id, second.workflow.id, third.workflow.id}
    assert {r["workflow_id"] for r in embeds} == {first.workflow.id, third.workflow.id}
    assert all(
        r["provider"] == "local" and r["model"] == "all-MiniLM-L6-v2" and r["cost_usd"] == 0 for r in embeds
    )


def test_claude_answers_are_cached_with_what_they_cost(tenant, claude_env):
    """With the stand-in Claude and OpenAI embeddings through their real SDKs."""
    first = service.generate(tenant, GEN_BASE)
    assert first.source == "claude" and first.usage.cost_usd > 0 and first.cache.stored
    hit = service.generate(tenant, GEN_BASE)
    assert hit.source == "cache" and hit.cache.hit
    spent = first.usage
    assert hit.cache.saved.tokens == (
        spent.input_tokens + spent.output_tokens + spent.cache_read_tokens + spent.cache_write_tokens
    )
    assert hit.cache.saved.cost_usd == pytest.approx(spent.cost_usd)
    (row,) = _rows(tenant)
    assert row["embedding_model"] == "openai:text-embedding-3-small" and row["embedding_dim"] == 1536
    assert row["context"]["generator"] == "claude" and row["context"]["model"] == "claude-sonnet-5-5"
    assert "secret" not in json.dumps({k: str(v) for k, v in row.items()})
    embeds = [r for r in usage.recent(tenant) if r["operation"] == "embedding"]
    assert embeds and all(r["provider"] == "openai" and r["input_tokens"] > 0 for r in embeds)


@pytest.mark.parametrize("change", ["ANTHROPIC_MODEL", "prompt_version", "planner"])
def test_claude_context_changes_invalidate(tenant, claude_env, settings_env, monkeypatch, change):
    from lib.cache import versions

    service.generate(tenant, GEN_BASE)
    assert service.generate(tenant, GEN_BASE).cache.hit is True
    if change == "ANTHROPIC_MODEL":
        settings_env(ANTHROPIC_MODEL="claude-opus-4-1")
    elif change == "prompt_version":
        monkeypatch.setattr(versions, "prompt_version", lambda: "edited")
    else:  # the generator itself: no key any more, the planner would answer
        monkeypatch.delenv("ANTHROPIC_API_KEY")
        settings_env()
    assert service.generate(tenant, GEN_BASE).cache.hit is False


def test_a_bad_key_is_not_cached_again(tenant):
    from lib.cache import entries

    entry = _remember(tenant, BASE)
    entries.mark_bad(tenant, entry, "wrong")
    assert _remember(tenant, BASE) is None  # its key is not cached again
    assert cache.lookup(tenant, BASE).hit is False
