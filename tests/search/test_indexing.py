"""Every write re-indexes in its own transaction; reembed fills what is missing and resumes."""

from __future__ import annotations

import copy
import socket

import pytest

from lib.embeddings import get_embedder
from lib.search import indexing
from lib.search.indexing import reindex
from lib.store import db, workflows
from lib.store import search as search_store
from lib.templates import catalogue
from lib.workflows import service
from lib.workflows.models import CreateWorkflowIn, ReplaceWorkflowIn


def _rows(tenant: str) -> tuple[list[dict], list[dict]]:
    with db.transaction() as c:
        docs = c.execute(
            "select ref_id, name, status, content_hash, source_version from search_documents where tenant_id = %s",
            (tenant,),
        ).fetchall()
        vecs = c.execute(
            "select ref_id, embedder, dim, status, content_hash from search_vectors where tenant_id = %s",
            (tenant,),
        ).fetchall()
    return docs, vecs


def _create(tenant: str, template: str = "ai-pr-reviewer", **fields) -> str:
    body = CreateWorkflowIn(state=catalogue.get(template).state, **fields)
    return service.create(tenant, body).id


def test_create_indexes_the_document_and_its_vector(tenant):
    wid = _create(tenant, name="Review bot", status="active")
    docs, vecs = _rows(tenant)
    emb = get_embedder()
    assert [d["ref_id"] for d in docs] == [wid] and docs[0]["name"] == "Review bot"
    assert [(v["ref_id"], v["embedder"], v["dim"]) for v in vecs] == [(wid, emb.name, emb.dim)]
    assert vecs[0]["content_hash"] == docs[0]["content_hash"] and vecs[0]["status"] == "active"


def test_replace_reindexes_and_a_status_change_keeps_the_vector(tenant):
    wid = _create(tenant, name="Review bot")
    _, before = _rows(tenant)
    service.replace(
        tenant,
        wid,
        ReplaceWorkflowIn(state=catalogue.get("ai-pr-reviewer").state, status="archived", version=1),
    )
    docs, vecs = _rows(tenant)
    assert docs[0]["status"] == "archived" and docs[0]["source_version"] == 2
    assert vecs[0]["status"] == "archived" and vecs[0]["content_hash"] == before[0]["content_hash"]
    service.replace(
        tenant,
        wid,
        ReplaceWorkflowIn(state=catalogue.get("crypto-price-alerts").state, name="Coin alerts", version=2),
    )
    docs, vecs = _rows(tenant)
    assert docs[0]["name"] == "Coin alerts"
    assert len(vecs) == 1 and vecs[0]["content_hash"] == docs[0]["content_hash"] != before[0]["content_hash"]


def test_delete_removes_the_document_and_vectors(tenant):
    wid = _create(tenant)
    service.delete(tenant, wid)
    assert _rows(tenant) == ([], [])


def test_a_failed_write_leaves_no_index_entry(tenant):
    with pytest.raises(RuntimeError), db.transaction() as c:
        workflows.create(
            tenant, state=catalogue.get("ai-pr-reviewer").state, name="x", conn=c, reindex=reindex
        )
        assert len(_rows_in(c, tenant)) == 1  # visible inside the transaction …
        raise RuntimeError("the request failed after the write")
    assert _rows(tenant) == ([], [])  # … and gone with it


def _rows_in(c, tenant):
    return c.execute("select 1 from search_documents where tenant_id = %s", (tenant,)).fetchall()


def test_a_stale_version_conflict_changes_nothing_in_the_index(tenant):
    wid = _create(tenant, name="Review bot")
    before = _rows(tenant)
    with pytest.raises(Exception):
        service.replace(
            tenant,
            wid,
            ReplaceWorkflowIn(state=catalogue.get("crypto-price-alerts").state, name="No", version=7),
        )
    assert _rows(tenant) == before


def _closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_an_embedder_outage_still_stores_and_reembed_catches_up(tenant, settings_env):
    # A real OpenAI SDK pointed at a port nobody listens on: every embedding call fails.
    settings_env(OPENAI_API_KEY="sk-test-outage", OPENAI_BASE_URL=f"http://127.0.0.1:{_closed_port()}/v1")
    wid = _create(tenant, name="Stored anyway")
    docs, vecs = _rows(tenant)
    assert [d["ref_id"] for d in docs] == [wid] and vecs == []
    settings_env(OPENAI_API_KEY="", OPENAI_BASE_URL="")
    local = get_embedder("local")
    assert indexing.reembed(emb=local, tenant=tenant) == 1
    _, vecs = _rows(tenant)
    assert [(v["ref_id"], v["embedder"]) for v in vecs] == [(wid, local.name)]


def test_reembed_is_resumable_and_keeps_embedders_apart(tenant):
    ids = [
        _create(tenant, t)
        for t in (
            "ai-pr-reviewer",
            "crypto-price-alerts",
            "kb-qa-assistant",
            "ecommerce" and "order-fraud-screening",
            "resume-screening",
        )
    ]
    hashed = get_embedder("hashed")
    assert search_store.count_to_index(hashed.name, tenant) == 5

    class Stop(Exception):
        pass

    def interrupt(done: int, total: int) -> None:
        if done >= 2:
            raise Stop

    with pytest.raises(Stop):
        indexing.reembed(emb=hashed, tenant=tenant, batch=2, progress=interrupt)
    assert search_store.count_to_index(hashed.name, tenant) == 3  # the first batch committed
    seen = []
    assert (
        indexing.reembed(emb=hashed, tenant=tenant, batch=2, progress=lambda d, t: seen.append((d, t))) == 3
    )
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)
    assert search_store.count_to_index(hashed.name, tenant) == 0
    _, vecs = _rows(tenant)
    by = {}
    for v in vecs:
        by.setdefault(v["embedder"], set()).add(v["ref_id"])
    assert by == {get_embedder().name: set(ids), hashed.name: set(ids)}
    # A query of one embedder never meets the other's vectors: with only hashed vectors left for
    # one workflow, a local-model query cannot return it.
    with db.transaction() as c:
        c.execute(
            "delete from search_vectors where tenant_id = %s and ref_id = %s and embedder <> %s",
            (tenant, ids[0], hashed.name),
        )
    local = get_embedder()
    v = search_store.Vector(local.name, local.embed(["pull request review"])[0])
    hits = search_store.nearest(tenant, v, 50, search_store.Filters(kind="workflow"))
    assert ids[0] not in {h["ref_id"] for h in hits} and len(hits) == 4


def test_reimport_updates_the_document_in_place(tenant):
    import io
    import json

    from lib.imports.pipeline import Source, run_import

    state = copy.deepcopy(catalogue.get("weekly-social-posts").state)
    raw = json.dumps({"version": "1.0", "exportedAt": "2025-07-24T00:00:00Z", "state": state}).encode()
    first = run_import(tenant, [Source("social.json", io.BytesIO(raw), len(raw))])
    again = run_import(tenant, [Source("social.json", io.BytesIO(raw), len(raw))])
    assert first.imported[0].id == again.imported[0].id
    docs, vecs = _rows(tenant)
    assert [d["ref_id"] for d in docs] == [first.imported[0].id] and len(vecs) == 1
    assert docs[0]["source_version"] == 2


def test_templates_are_indexed_once_as_public_rows(store):
    indexing.ensure_templates(force=True)
    names = {t.name for t in catalogue.all_templates()}
    state = search_store.template_state(get_embedder().name)
    assert set(state) == names and all(has for _, has in state.values())


def _vectors_of(tenant: str) -> dict[str, tuple[str, list[float]]]:
    with db.transaction() as c:
        rows = c.execute(
            "select ref_id, content_hash, embedding from search_vectors where tenant_id = %s", (tenant,)
        ).fetchall()
    return {r["ref_id"]: (r["content_hash"], list(search_store._array(r["embedding"]))) for r in rows}


def test_a_text_the_tenant_already_embedded_reuses_its_vector(tenant, monkeypatch):
    """A second workflow with the same document (a copy, a re-import, a cache hit stored again)
    takes the stored vector of that text: no embedder call; another tenant embeds its own."""
    first = _create(tenant, name="Review bot", description="Reviews pull requests")
    calls: list[list[str]] = []
    real = indexing.embed

    def counting(texts, emb=None):
        calls.append(list(texts))
        return real(texts, emb)

    monkeypatch.setattr(indexing, "embed", counting)
    second = _create(tenant, name="Review bot", description="Reviews pull requests")
    assert [c for c in calls if c] == []  # nothing was embedded
    vecs = _vectors_of(tenant)
    assert vecs[first] == vecs[second]
    third = _create(tenant, name="Review bot 2", description="Reviews pull requests")
    assert [len(c) for c in calls if c] == [1]  # a different text is embedded
    assert vecs[first][0] != _vectors_of(tenant)[third][0]
    other = f"{tenant}-other"
    try:
        _create(other, name="Review bot", description="Reviews pull requests")
        assert [len(c) for c in calls if c] == [1, 1]  # never another tenant's vector
    finally:
        with db.transaction() as c:
            c.execute("delete from workflow where tenant_id = %s", (other,))
            c.execute("delete from search_documents where tenant_id = %s", (other,))


def test_a_batch_embeds_each_new_text_once_and_reuses_known_ones(tenant, monkeypatch):
    """reindex_many on copies: known texts are reused, new ones embedded in one call, once each."""
    known = _create(tenant, name="Known", description="Reviews pull requests")
    records = []
    with db.transaction() as c:
        for name in ("Known", "Known", "Fresh", "Fresh", "Other"):
            records.append(
                workflows.create(
                    tenant,
                    state=catalogue.get("ai-pr-reviewer").state,
                    name=name,
                    description="Reviews pull requests",
                    conn=c,
                )
            )
    seen: list[list[str]] = []
    real = get_embedder().embed

    class Counting:
        name, dim = get_embedder().name, get_embedder().dim

        def embed(self, texts):
            seen.append(list(texts))
            return real(texts)

    monkeypatch.setattr(indexing, "embedder", lambda: Counting())
    with db.transaction() as c:
        indexing.reindex_many(c, records)
    assert len(seen) == 1 and len(seen[0]) == 2  # "Fresh" and "Other", each once
    vecs = _vectors_of(tenant)
    assert all(r.id in vecs for r in records)
    assert vecs[records[0].id] == vecs[records[1].id] == vecs[known]
    assert vecs[records[2].id] == vecs[records[3].id] != vecs[records[4].id]


class _Counting:
    """The configured embedder, counting its calls and whether a request's connection was open."""

    def __init__(self, inner):
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.calls: list[bool] = []  # per call: was a unit of work holding a connection then?

    def embed(self, texts):
        unit = db.current_unit()
        self.calls.append(unit is not None and unit.conn is not None)
        return self.inner.embed(texts)


def test_a_write_embeds_once_and_before_its_transaction_holds_a_connection(tenant, monkeypatch):
    counting = _Counting(get_embedder())
    monkeypatch.setattr(indexing, "embedder", lambda: counting)
    with db.unit_of_work(actor="test"):
        wid = _create(tenant, name="Embedded ahead")
    assert counting.calls == [False]  # one embedding, with no connection held
    docs, vecs = _rows(tenant)
    assert [v["ref_id"] for v in vecs] == [wid] and vecs[0]["content_hash"] == docs[0]["content_hash"]
    with db.unit_of_work(actor="test"):  # a partial replace: the stored name is read ahead, on its own
        service.replace(
            tenant, wid, ReplaceWorkflowIn(state=catalogue.get("crypto-price-alerts").state, version=1)
        )
    assert counting.calls == [False, False]
    docs, vecs = _rows(tenant)
    assert docs[0]["name"] == "Embedded ahead" and vecs[0]["content_hash"] == docs[0]["content_hash"]
    with db.unit_of_work(actor="test"):  # the same text again: the tenant's vector is reused, no embedding
        _create(tenant, template="crypto-price-alerts", name="Embedded ahead")
    assert counting.calls == [False, False]
