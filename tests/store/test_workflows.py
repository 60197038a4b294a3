"""The workflow store: tenant scoping, normalized mirror, optimistic versions, atomic writes."""

import pytest

from lib.errors import Conflict, InvalidInput, NotFound
from lib.store import db, workflows

STATE = {
    "blocks": {
        "s": {
            "id": "s",
            "type": "starter",
            "name": "Start",
            "position": {"x": 100, "y": 100},
            "subBlocks": {},
            "outputs": {},
            "enabled": True,
        },
        "l": {
            "id": "l",
            "type": "loop",
            "name": "Loop 1",
            "position": {"x": 400, "y": 50},
            "subBlocks": {},
            "outputs": {},
            "enabled": True,
            "data": {"loopType": "for", "count": 3},
        },
        "a": {
            "id": "a",
            "type": "agent",
            "name": "Agent 1",
            "position": {"x": 50, "y": 60},
            "subBlocks": {},
            "outputs": {},
            "enabled": True,
            "data": {"parentId": "l", "extent": "parent"},
        },
    },
    "edges": [
        {"id": "e1", "source": "s", "target": "l", "sourceHandle": "source", "targetHandle": "target"},
        {
            "id": "e2",
            "source": "l",
            "target": "a",
            "sourceHandle": "loop-start-source",
            "targetHandle": "target",
        },
    ],
    "loops": {"l": {"id": "l", "nodes": ["a"], "iterations": 3, "loopType": "for"}},
    "parallels": {},
}


def test_create_mirrors_blocks_edges_subflows(tenant):
    rec = workflows.create(tenant, state=STATE, name="Mirror")
    rows = workflows.block_rows(tenant, rec.id)
    assert {r["id"] for r in rows} == {"s", "l", "a"}
    child = next(r for r in rows if r["id"] == "a")
    assert child["parent_id"] == "l" and child["extent"] == "parent"
    with db.transaction() as c:
        assert (
            c.execute(
                "select count(*) as n from workflow_edges where workflow_id = %s", (rec.id,)
            ).fetchone()["n"]
            == 2
        )
        sub = c.execute(
            "select type, config from workflow_subflows where workflow_id = %s", (rec.id,)
        ).fetchone()
    assert sub["type"] == "loop" and sub["config"]["iterations"] == 3


def test_other_tenant_cannot_see_update_or_delete(tenant):
    rec = workflows.create(tenant, state=STATE, name="Mine")
    other = tenant + "-other"
    with pytest.raises(NotFound):
        workflows.get(other, rec.id)
    with pytest.raises(NotFound):
        workflows.replace(other, rec.id, state=STATE, expected_version=1)
    with pytest.raises(NotFound):
        workflows.delete(other, rec.id)
    assert workflows.page(other)[0] == []
    assert workflows.get(tenant, rec.id).name == "Mine"


def test_replace_checks_version_and_bumps_it(tenant):
    rec = workflows.create(tenant, state=STATE, name="V")
    new = workflows.replace(tenant, rec.id, state={**STATE, "edges": []}, expected_version=1, name="V2")
    assert new.version == 2 and new.name == "V2" and new.state["edges"] == []
    with pytest.raises(Conflict) as info:
        workflows.replace(tenant, rec.id, state=STATE, expected_version=1)
    assert info.value.field == "version"


def test_failed_write_leaves_previous_state_whole(tenant):
    rec = workflows.create(tenant, state=STATE, name="Atomic")
    with pytest.raises(InvalidInput):
        workflows.replace(tenant, rec.id, state={"blocks": {}}, expected_version=1, status="bogus")
    with pytest.raises(Exception), db.transaction() as c:
        workflows.replace(tenant, rec.id, state={"blocks": {}, "edges": []}, expected_version=1, conn=c)
        raise RuntimeError("crash after the write, before commit")
    again = workflows.get(tenant, rec.id)
    assert again.version == 1 and set(again.state["blocks"]) == {"s", "l", "a"}
    assert len(workflows.block_rows(tenant, rec.id)) == 3


def test_delete_takes_the_blocks(tenant):
    rec = workflows.create(tenant, state=STATE, name="Gone")
    workflows.delete(tenant, rec.id)
    with pytest.raises(NotFound):
        workflows.get(tenant, rec.id)
    assert workflows.block_rows(tenant, rec.id) == []


def test_page_is_keyset_and_filters(tenant):
    ids = [
        workflows.create(tenant, state=STATE, name=f"W{i}", category="research" if i % 2 else "ecommerce").id
        for i in range(5)
    ]
    first, cursor = workflows.page(tenant, limit=2)
    second, cursor2 = workflows.page(tenant, limit=2, cursor=cursor)
    third, cursor3 = workflows.page(tenant, limit=2, cursor=cursor2)
    assert [w.id for w in first + second + third] == ids[::-1] and cursor3 is None
    assert {w.category for w in workflows.page(tenant, category="research")[0]} == {"research"}
    assert [w.name for w in workflows.page(tenant, q="W3")[0]] == ["W3"]
    with pytest.raises(InvalidInput):
        workflows.page(tenant, cursor="not-a-cursor")
