"""Writes are all-or-nothing: the audit row and the rendered answer are part of the transaction,
a retried create is not duplicated (Idempotency-Key), and DELETE honours If-Match."""

from __future__ import annotations

import threading
import uuid
from contextlib import contextmanager

import pytest
from pydantic import BaseModel
from starlette.testclient import TestClient

from lib.store import audit, db, workflows
from lib.templates import catalogue
from lib.web import Context, Endpoint

LIST = "api/workflows/index.py"
ONE = "api/workflows/[id].py"


@pytest.fixture
def state():
    return catalogue.get("ai-pr-reviewer").state


def _stored(tenant: str) -> int:
    with db.transaction() as c:
        return c.execute("select count(*) as n from workflow where tenant_id = %s", (tenant,)).fetchone()["n"]


@contextmanager
def audit_log_failing_for(tenant: str):
    """A real fault: Postgres refuses audit rows of this tenant (a trigger), as a full disk or a lost grant would."""
    fn = f"fail_audit_{uuid.uuid4().hex[:8]}"
    with db.transaction() as c:
        c.execute(
            f"create function {fn}() returns trigger language plpgsql as $$ begin"
            f" if new.tenant_id = '{tenant}' then raise exception 'audit storage failed'; end if;"
            " return new; end $$"
        )
        c.execute(f"create trigger {fn} before insert on audit_log for each row execute function {fn}()")
    try:
        yield
    finally:
        with db.transaction() as c:
            c.execute(f"drop trigger {fn} on audit_log")
            c.execute(f"drop function {fn}()")


def test_an_audit_failure_leaves_no_workflow_behind(client, headers, tenant, state):
    """The reproducer: the audit row was written after the commit, so a 5xx answered a write that landed."""
    with audit_log_failing_for(tenant):
        r = client(LIST).post("/api/workflows", json={"state": state, "name": "x"}, headers=headers)
    assert r.status_code == 500 and r.json()["error"]["code"] == "internal_error"
    assert _stored(tenant) == 0


def test_an_audit_failure_leaves_a_replace_undone(client, headers, tenant, state):
    rec = workflows.create(tenant, state=state, name="before")
    with audit_log_failing_for(tenant):
        r = client(ONE).put(
            f"/api/workflows/{rec.id}", json={"state": state, "name": "after", "version": 1}, headers=headers
        )
    assert r.status_code == 500
    after = workflows.get(tenant, rec.id)
    assert after.name == "before" and after.version == 1


def test_every_write_is_audited_with_its_request_id(client, headers, tenant, state):
    r = client(LIST).post(
        "/api/workflows", json={"state": state}, headers={**headers, "x-request-id": "req-42"}
    )
    assert r.status_code == 201
    [entry] = audit.entries(tenant)
    assert entry["action"] == "POST /api/workflows" and entry["request_id"] == "req-42"


class _Deep(BaseModel):
    value: dict


def test_an_answer_that_cannot_be_rendered_leaves_no_row(tenant, store, state):
    """A 5xx never leaves a stored row: the response is rendered before the commit."""
    app = Endpoint("/api/test-render", tag="test")
    deep: dict = {}
    cursor = deep
    for _ in range(400):  # past Pydantic's serializer depth: model_dump raises
        cursor["a"] = {}
        cursor = cursor["a"]

    @app.post(response=_Deep, status=201)
    def write_then_answer(ctx: Context) -> _Deep:
        workflows.create(ctx.tenant, state=state, name="half-done")
        return _Deep(value=deep)

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.post("/api/test-render", headers={"x-request-id": "r"})
    assert r.status_code == 500
    with db.transaction() as c:
        n = c.execute("select count(*) as n from workflow where name = 'half-done'").fetchone()["n"]
    assert n == 0


def test_a_state_nested_300_deep_is_refused_and_not_stored(client, headers, tenant, state):
    """The reproducer: stored, answered 500, and every GET of it 500ed afterwards."""
    deep: dict = {}
    cursor = deep
    for _ in range(300):
        cursor["a"] = {}
        cursor = cursor["a"]
    bad = {**state, "blocks": {**state["blocks"]}}
    first = next(iter(bad["blocks"]))
    bad["blocks"][first] = {**bad["blocks"][first], "data": {"x": deep}}
    r = client(LIST).post("/api/workflows", json={"state": bad, "name": "deep"}, headers=headers)
    assert r.status_code == 400 and r.json()["error"]["code"] == "malformed_input"
    assert r.json()["error"]["field"].startswith(f"body.state.blocks.{first}.data.x")
    assert _stored(tenant) == 0


# -- Idempotency-Key ------------------------------------------------------------------------------
def test_a_retried_create_with_the_same_key_replays_the_first_answer(client, headers, tenant, state):
    c = client(LIST)
    h = {**headers, "Idempotency-Key": "create-1"}
    first = c.post("/api/workflows", json={"state": state, "name": "once"}, headers=h)
    again = c.post("/api/workflows", json={"state": state, "name": "once"}, headers=h)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
    assert _stored(tenant) == 1
    other = c.post(
        "/api/workflows", json={"state": state, "name": "once"}, headers={**headers, "Idempotency-Key": "2"}
    )
    assert other.status_code == 201 and _stored(tenant) == 2


def test_a_key_reused_for_another_request_is_422(client, headers, tenant, state):
    c = client(LIST)
    h = {**headers, "Idempotency-Key": "k"}
    assert c.post("/api/workflows", json={"state": state, "name": "a"}, headers=h).status_code == 201
    r = c.post("/api/workflows", json={"state": state, "name": "b"}, headers=h)
    assert r.status_code == 422 and r.json()["error"]["field"] == "header.idempotency-key"
    assert _stored(tenant) == 1


def test_keys_are_per_tenant(client, headers, api_key, tenant, state):
    c = client(LIST)
    body = {"state": state, "name": "a"}
    a = c.post("/api/workflows", json=body, headers={**headers, "Idempotency-Key": "same"})
    other = {"Authorization": f"Bearer {api_key(tenant + '-b')}", "Idempotency-Key": "same"}
    b = c.post("/api/workflows", json=body, headers=other)
    assert a.status_code == b.status_code == 201 and a.json()["id"] != b.json()["id"]
    assert "idempotent-replayed" not in b.headers


def test_retrying_a_500_with_its_key_stores_exactly_one(client, headers, tenant, state):
    """The reproducer: a client retrying the 500 stored duplicates."""
    c = client(LIST)
    h = {**headers, "Idempotency-Key": "retry-me"}
    with audit_log_failing_for(tenant):
        failed = c.post("/api/workflows", json={"state": state, "name": "r"}, headers=h)
    assert failed.status_code == 500 and _stored(tenant) == 0
    ok = c.post("/api/workflows", json={"state": state, "name": "r"}, headers=h)
    again = c.post("/api/workflows", json={"state": state, "name": "r"}, headers=h)
    assert ok.status_code == again.status_code == 201 and ok.json()["id"] == again.json()["id"]
    assert _stored(tenant) == 1


def test_concurrent_twins_with_one_key_create_one_workflow(client, headers, tenant, state):
    answers: list = []

    def post() -> None:
        with TestClient(client(LIST).app, raise_server_exceptions=False) as c:
            answers.append(
                c.post(
                    "/api/workflows",
                    json={"state": state, "name": "twin"},
                    headers={**headers, "Idempotency-Key": "twin"},
                )
            )

    threads = [threading.Thread(target=post) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [a.status_code for a in answers] == [201] * 4
    assert len({a.json()["id"] for a in answers}) == 1
    assert _stored(tenant) == 1


def test_a_key_is_kept_24_hours(client, headers, tenant, state):
    c = client(LIST)
    h = {**headers, "Idempotency-Key": "old"}
    assert c.post("/api/workflows", json={"state": state, "name": "a"}, headers=h).status_code == 201
    with db.transaction() as conn:
        conn.execute(
            "update idempotency_keys set created_at = now() - interval '25 hours' where tenant_id = %s",
            (tenant,),
        )
    fresh = c.post("/api/workflows", json={"state": state, "name": "b"}, headers=h)
    assert fresh.status_code == 201 and "idempotent-replayed" not in fresh.headers
    assert _stored(tenant) == 2


def test_a_malformed_key_is_422(client, headers):
    r = client(LIST).post("/api/workflows", json={"state": {}}, headers={**headers, "Idempotency-Key": "a b"})
    assert r.status_code == 422 and r.json()["error"]["field"] == "header.idempotency-key"


# -- DELETE and If-Match --------------------------------------------------------------------------
def test_delete_with_a_stale_if_match_is_409_and_deletes_nothing(client, headers, tenant, state):
    """The reproducer: DELETE with a stale If-Match deleted anyway."""
    rec = workflows.create(tenant, state=state, name="w")
    workflows.replace(tenant, rec.id, state=state, expected_version=1)
    c = client(ONE)
    stale = c.delete(f"/api/workflows/{rec.id}", headers={**headers, "If-Match": '"1"'})
    assert stale.status_code == 409 and stale.json()["error"]["details"] == [{"current_version": 2}]
    assert workflows.exists(tenant, rec.id)
    bad = c.delete(f"/api/workflows/{rec.id}", headers={**headers, "If-Match": "yesterday"})
    assert bad.status_code == 422 and workflows.exists(tenant, rec.id)
    ok = c.delete(f"/api/workflows/{rec.id}", headers={**headers, "If-Match": '"2"'})
    assert ok.status_code == 204 and not workflows.exists(tenant, rec.id)


def test_delete_without_if_match_still_deletes(client, headers, tenant, state):
    rec = workflows.create(tenant, state=state, name="w")
    assert client(ONE).delete(f"/api/workflows/{rec.id}", headers=headers).status_code == 204
    assert not workflows.exists(tenant, rec.id)
