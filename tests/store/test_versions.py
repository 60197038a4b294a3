"""Version history in the store: whatever replaces a workflow keeps the previous version, atomically."""

from __future__ import annotations

import pytest

from lib.errors import Conflict, NotFound
from lib.store import db, versions, workflows


def _state(*names: str) -> dict:
    blocks = {
        n: {"id": n, "type": "agent", "name": n, "position": {"x": 0, "y": 0}, "subBlocks": {}, "outputs": {}}
        for n in names
    }
    return {"blocks": blocks, "edges": [], "loops": {}, "parallels": {}}


def test_replace_keeps_the_previous_version_with_how_it_was_made(tenant):
    rec = workflows.create(tenant, state=_state("a", "b"), name="v1", source="template")
    workflows.replace(tenant, rec.id, state=_state("c"), expected_version=1, name="v2")
    listed = versions.history(tenant, rec.id)
    assert [(v.version, v.source, v.block_count, v.name, v.current) for v in listed] == [
        (2, "replace", 1, "v2", True),
        (1, "template", 2, "v1", False),
    ]
    old = versions.get(tenant, rec.id, 1)
    assert old.state == _state("a", "b") and old.name == "v1" and not old.current
    assert versions.get(tenant, rec.id, 2).current


def test_a_refused_replace_keeps_no_history_row(tenant):
    rec = workflows.create(tenant, state=_state("a"), name="w")
    with pytest.raises(Conflict):
        workflows.replace(tenant, rec.id, state=_state("b"), expected_version=7)
    assert [v.version for v in versions.history(tenant, rec.id)] == [1]


def test_a_rolled_back_replace_rolls_back_its_history_row(tenant):
    rec = workflows.create(tenant, state=_state("a"), name="w")
    with pytest.raises(RuntimeError), db.unit_of_work():
        workflows.replace(tenant, rec.id, state=_state("b"), expected_version=1)
        raise RuntimeError("the request failed after the write")
    assert [v.version for v in versions.history(tenant, rec.id)] == [1]
    assert workflows.get(tenant, rec.id).state == _state("a")


def test_a_partial_update_without_state_is_a_new_version_that_keeps_the_state(tenant):
    rec = workflows.create(tenant, state=_state("a"), name="old name")
    new = workflows.replace(
        tenant, rec.id, state=None, expected_version=None, name="new name", reason="import"
    )
    assert new.state == _state("a") and new.name == "new name" and new.version == 2
    assert versions.get(tenant, rec.id, 1).name == "old name"
    assert [r["id"] for r in workflows.block_rows(tenant, rec.id)] == ["a"]


def test_history_is_scoped_by_tenant(tenant):
    rec = workflows.create(tenant, state=_state("a"), name="w")
    workflows.replace(tenant, rec.id, state=_state("b"), expected_version=1)
    with pytest.raises(NotFound):
        versions.history("someone-else", rec.id)
    with pytest.raises(NotFound):
        versions.get("someone-else", rec.id, 1)


def test_unknown_version_and_unknown_workflow_are_told_apart(tenant):
    rec = workflows.create(tenant, state=_state("a"), name="w")
    with pytest.raises(NotFound) as err:
        versions.get(tenant, rec.id, 5)
    assert err.value.field == "n"
    with pytest.raises(NotFound) as err:
        versions.get(tenant, "no-such-workflow", 1)
    assert err.value.field == "id"


def test_delete_with_a_stale_version_deletes_nothing(tenant):
    rec = workflows.create(tenant, state=_state("a"), name="w")
    workflows.replace(tenant, rec.id, state=_state("b"), expected_version=1)
    with pytest.raises(Conflict):
        workflows.delete(tenant, rec.id, expected_version=1)
    assert workflows.exists(tenant, rec.id)
    workflows.delete(tenant, rec.id, expected_version=2)
    assert not workflows.exists(tenant, rec.id)
    with db.transaction() as c:
        left = c.execute(
            "select count(*) as n from workflow_versions where workflow_id = %s", (rec.id,)
        ).fetchone()
    assert left["n"] == 0


def test_the_actor_of_a_unit_of_work_is_recorded(tenant):
    with db.unit_of_work(actor="key-123", request_id="r1"):
        rec = workflows.create(tenant, state=_state("a"), name="w")
    workflows.replace(tenant, rec.id, state=_state("b"), expected_version=1)
    listed = versions.history(tenant, rec.id)
    assert [(v.version, v.actor) for v in listed] == [(2, "system"), (1, "key-123")]
