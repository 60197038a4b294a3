"""GET /api/workflows/{id}/versions[/{n}] and POST …/versions/{n}/restore, and what keeps history."""

from __future__ import annotations

import pytest

from lib.templates import catalogue

LIST = "api/workflows/index.py"
ONE = "api/workflows/[id].py"
VERSIONS = "api/workflows/[id]/versions/index.py"
VERSION = "api/workflows/[id]/versions/[n].py"
RESTORE = "api/workflows/[id]/versions/[n]/restore.py"
REGENERATE = "api/workflows/[id]/generate-state.py"
IMPORT = "api/workflows/import.py"


@pytest.fixture
def created(client, headers):
    state = catalogue.get("ai-pr-reviewer").state
    r = client(LIST).post("/api/workflows", json={"state": state, "name": "PR bot"}, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


def _put(client, headers, wid, state, version, name=None):
    body = {"state": state, "version": version, **({"name": name} if name else {})}
    r = client(ONE).put(f"/api/workflows/{wid}", json=body, headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


def test_every_replace_is_listed_with_source_who_and_block_count(client, headers, created, api_key, tenant):
    smaller = catalogue.get("support-ticket-triage").state
    _put(client, headers, created["id"], smaller, 1, name="Triage")
    r = client(VERSIONS).get(f"/api/workflows/{created['id']}/versions", headers=headers)
    assert r.status_code == 200, r.text
    listed = r.json()["versions"]
    assert [(v["version"], v["source"], v["current"]) for v in listed] == [
        (2, "replace", True),
        (1, "create", False),
    ]
    assert listed[0]["block_count"] == len(smaller["blocks"])
    assert listed[1]["block_count"] == len(created["state"]["blocks"])
    assert listed[0]["actor"] == listed[1]["actor"] and listed[0]["actor"] not in (None, "system")
    assert all(v["created_at"] for v in listed)


def test_one_version_shows_its_state(client, headers, created):
    _put(client, headers, created["id"], catalogue.get("support-ticket-triage").state, 1)
    r = client(VERSION).get(f"/api/workflows/{created['id']}/versions/1", headers=headers)
    assert r.status_code == 200, r.text
    assert r.json()["state"] == created["state"] and r.json()["name"] == "PR bot"
    for n in ("3", "0", "x", "99999999999", "01", "²", "-1"):
        r = client(VERSION).get(f"/api/workflows/{created['id']}/versions/{n}", headers=headers)
        assert r.status_code == 404 and r.json()["error"]["field"] == "n", r.text


def test_restore_brings_a_version_back_as_a_new_one(client, headers, created):
    _put(client, headers, created["id"], catalogue.get("support-ticket-triage").state, 1, name="Triage")
    r = client(RESTORE).post(f"/api/workflows/{created['id']}/versions/1/restore", headers=headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["version"] == 3 and body["state"] == created["state"] and body["name"] == "PR bot"
    assert body["metadata"]["restored_from"] == 1 and body["validation"]["valid"]
    listed = (
        client(VERSIONS).get(f"/api/workflows/{created['id']}/versions", headers=headers).json()["versions"]
    )
    assert [(v["version"], v["source"]) for v in listed] == [(3, "restore"), (2, "replace"), (1, "create")]
    stored = client(ONE).get(f"/api/workflows/{created['id']}", headers=headers).json()
    assert stored["state"] == created["state"] and stored["version"] == 3


def test_restore_honours_if_match(client, headers, created):
    _put(client, headers, created["id"], catalogue.get("support-ticket-triage").state, 1)
    c = client(RESTORE)
    stale = c.post(
        f"/api/workflows/{created['id']}/versions/1/restore", headers={**headers, "If-Match": '"1"'}
    )
    assert stale.status_code == 409 and stale.json()["error"]["details"] == [{"current_version": 2}]
    ok = c.post(f"/api/workflows/{created['id']}/versions/1/restore", headers={**headers, "If-Match": '"2"'})
    assert ok.status_code == 200 and ok.json()["version"] == 3


def test_versions_of_another_tenant_are_404(client, headers, created, api_key, tenant):
    other = {"Authorization": f"Bearer {api_key(tenant + '-b')}"}
    wid = created["id"]
    assert client(VERSIONS).get(f"/api/workflows/{wid}/versions", headers=other).status_code == 404
    assert client(VERSION).get(f"/api/workflows/{wid}/versions/1", headers=other).status_code == 404
    assert client(RESTORE).post(f"/api/workflows/{wid}/versions/1/restore", headers=other).status_code == 404


def test_generate_state_on_an_imported_workflow_keeps_it_and_says_so(client, headers, tenant):
    """The reproducer: generate-state replaced an imported workflow's 4 blocks and kept nothing."""
    state = catalogue.get("support-ticket-triage").state
    envelope = {"version": "1.0", "exportedAt": "2025-07-24T10:00:00Z", "state": state}
    envelope["state"] = {
        **state,
        "metadata": {"name": "Triage", "description": "triage support tickets by urgency"},
    }
    r = client(IMPORT).post("/api/workflows/import", json=envelope, headers=headers)
    assert r.status_code == 200, r.text
    wid = r.json()["imported"][0]["id"]
    r = client(REGENERATE).post(f"/api/workflows/{wid}/generate-state", headers=headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["previous_version"] == 1 and "imported" in body["history"]
    assert f"/api/workflows/{wid}/versions/1/restore" in body["history"]
    kept = client(VERSION).get(f"/api/workflows/{wid}/versions/1", headers=headers).json()
    assert kept["source"] == "import" and kept["state"]["blocks"] == state["blocks"]
    listed = client(VERSIONS).get(f"/api/workflows/{wid}/versions", headers=headers).json()["versions"]
    assert [(v["version"], v["source"]) for v in listed] == [(2, "regenerate"), (1, "import")]


def test_reimport_keeps_the_previous_import(client, headers):
    state = catalogue.get("support-ticket-triage").state
    doc = {"workflow": {"id": "sim-wf-1", "name": "Triage"}, "state": state, "subBlockValues": {}}
    first = client(IMPORT).post("/api/workflows/import", json=doc, headers=headers).json()["imported"][0]
    changed = catalogue.get("ai-pr-reviewer").state
    doc2 = {"workflow": {"id": "sim-wf-1", "name": "Triage"}, "state": changed, "subBlockValues": {}}
    again = client(IMPORT).post("/api/workflows/import", json=doc2, headers=headers).json()["imported"][0]
    assert again["id"] == first["id"]
    listed = (
        client(VERSIONS).get(f"/api/workflows/{first['id']}/versions", headers=headers).json()["versions"]
    )
    assert [(v["version"], v["source"]) for v in listed] == [(2, "import"), (1, "import")]
    kept = client(VERSION).get(f"/api/workflows/{first['id']}/versions/1", headers=headers).json()
    assert kept["state"]["blocks"] == state["blocks"]
