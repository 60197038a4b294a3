"""db.unit_of_work: a request's store calls share one transaction, committed once or not at all."""

from __future__ import annotations

import psycopg
import pytest

from lib.store import audit, db, workflows

STATE = {"blocks": {}, "edges": [], "loops": {}, "parallels": {}}


def test_everything_in_a_unit_commits_together(tenant):
    with db.unit_of_work(actor="k", request_id="r"):
        rec = workflows.create(tenant, state=STATE, name="w")
        audit.record(tenant, actor="k", action="POST /x", request_id="r")
    assert workflows.exists(tenant, rec.id)
    assert [e["action"] for e in audit.entries(tenant)] == ["POST /x"]


def test_a_failure_anywhere_in_the_unit_leaves_nothing(tenant):
    with pytest.raises(ZeroDivisionError), db.unit_of_work():
        rec = workflows.create(tenant, state=STATE, name="w")
        audit.record(tenant, actor="k", action="POST /x")
        _ = 1 / 0
    assert not workflows.exists(tenant, rec.id)
    assert audit.entries(tenant) == []


def test_a_failed_step_inside_the_unit_is_a_savepoint(tenant):
    """A store call that fails (and is handled) rolls back only its own part."""
    with db.unit_of_work():
        kept = workflows.create(tenant, state=STATE, name="kept")
        with pytest.raises(psycopg.errors.UniqueViolation):
            workflows.create(tenant, state=STATE, name="dup", id=kept.id)
    assert workflows.get(tenant, kept.id).name == "kept"


def test_detached_work_commits_on_its_own(tenant):
    with pytest.raises(RuntimeError), db.unit_of_work():
        with db.detached():
            audit.record(tenant, actor="k", action="spent tokens")
        workflows.create(tenant, state=STATE, name="lost")
        raise RuntimeError
    assert [e["action"] for e in audit.entries(tenant)] == ["spent tokens"]


def test_a_unit_that_never_touches_the_store_takes_no_connection():
    with db.unit_of_work() as unit:
        pass
    assert unit.conn is None
