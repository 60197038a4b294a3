"""/api/keys: the one-time bootstrap of the first admin key, and the admin key endpoints."""

import pytest

from lib.store import audit, db, keys

TOKEN = "bootstrap-" + "x7Qk2" * 6


@pytest.fixture
def preview(scratch_db, settings_env):
    """A preview deployment on its own fresh database, with a bootstrap token set."""
    settings_env(VERCEL_ENV="preview", AGENT_FORGE_BOOTSTRAP_TOKEN=TOKEN)
    return scratch_db


def _actions(tenant: str) -> list[str]:
    return [e["action"] for e in audit.entries(tenant)]


def test_bootstrap_token_creates_the_first_admin_key_once(preview, client):
    c = client("api/keys/index.py")
    r = c.post("/api/keys", json={"name": "first"}, headers={"x-bootstrap-token": TOKEN})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["role"] == "admin" and body["tenant_id"] == "default" and body["bootstrap"] is True
    assert body["key"].startswith("af_") and TOKEN not in r.text
    # The key works: it lists itself.
    listed = c.get("/api/keys", headers={"authorization": f"Bearer {body['key']}"})
    assert listed.status_code == 200 and [k["id"] for k in listed.json()["keys"]] == [body["id"]]
    assert "key" not in listed.json()["keys"][0]
    # Never again, even with the right token.
    again = c.post("/api/keys", json={}, headers={"x-bootstrap-token": TOKEN})
    assert again.status_code == 401 and "already used" in again.json()["error"]["message"]
    assert again.json()["error"]["field"] == "header.x-bootstrap-token"
    assert len(keys.list_keys("default")) == 1
    assert "keys.bootstrap" in _actions("default")
    entry = next(e for e in audit.entries("default") if e["action"] == "keys.bootstrap")
    assert entry["target_id"] == body["id"] and TOKEN not in str(entry)


def test_wrong_bootstrap_token_is_401_and_audited(preview, client):
    c = client("api/keys/index.py")
    r = c.post("/api/keys", json={}, headers={"x-bootstrap-token": TOKEN + "nope"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    assert keys.list_keys("default") == []
    assert "keys.bootstrap_refused" in _actions("default")
    # The right token still works afterwards (a wrong guess does not use it up).
    assert c.post("/api/keys", json={}, headers={"x-bootstrap-token": TOKEN}).status_code == 201


def test_bootstrap_without_a_configured_token_is_401(scratch_db, settings_env, client):
    settings_env(VERCEL_ENV="preview")
    r = client("api/keys/index.py").post("/api/keys", json={}, headers={"x-bootstrap-token": "anything"})
    assert r.status_code == 401 and keys.list_keys() == []


def test_concurrent_bootstraps_create_one_key(preview, client):
    from concurrent.futures import ThreadPoolExecutor

    c = client("api/keys/index.py")
    with ThreadPoolExecutor(4) as pool:
        codes = list(
            pool.map(
                lambda _: c.post("/api/keys", json={}, headers={"x-bootstrap-token": TOKEN}).status_code,
                range(4),
            )
        )
    assert sorted(codes) == [201, 401, 401, 401]
    assert len(keys.list_keys()) == 1


def test_admin_endpoints_create_list_revoke_rotate(tenant, api_key, client, settings_env):
    settings_env(AUTH_REQUIRED="true")
    admin = {"authorization": f"Bearer {api_key(tenant, 'admin')}"}
    index = client("api/keys/index.py")
    made = index.post("/api/keys", json={"role": "write", "name": "ci"}, headers=admin)
    assert made.status_code == 201, made.text
    created = made.json()
    assert created["role"] == "write" and created["tenant_id"] == tenant and created["bootstrap"] is False
    writer = {"authorization": f"Bearer {created['key']}"}
    assert client("api/workflows/index.py").get("/api/workflows", headers=writer).status_code == 200

    listed = index.get("/api/keys", headers=admin).json()["keys"]
    assert {k["id"] for k in listed} >= {created["id"]} and all("key" not in k for k in listed)

    rotated = client("api/keys/[id]/rotate.py").post(f"/api/keys/{created['id']}/rotate", headers=admin)
    assert rotated.status_code == 201, rotated.text
    new = rotated.json()["created"]
    assert new["role"] == "write" and new["name"] == "ci" and new["id"] != created["id"]
    assert rotated.json()["revoked"]["revoked_at"] is not None
    assert client("api/workflows/index.py").get("/api/workflows", headers=writer).status_code == 401
    fresh = {"authorization": f"Bearer {new['key']}"}
    assert client("api/workflows/index.py").get("/api/workflows", headers=fresh).status_code == 200

    revoked = client("api/keys/[id].py").delete(f"/api/keys/{new['id']}", headers=admin)
    assert revoked.status_code == 200 and revoked.json()["revoked_at"] is not None
    assert client("api/workflows/index.py").get("/api/workflows", headers=fresh).status_code == 401

    actions = _actions(tenant)
    for action in ("keys.create", "keys.rotate", "keys.revoke"):
        assert action in actions
    assert not any(created["key"] in str(e) or new["key"] in str(e) for e in audit.entries(tenant))


def test_key_endpoints_need_an_admin_of_the_same_tenant(tenant, api_key, client, settings_env):
    settings_env(AUTH_REQUIRED="true")
    index = client("api/keys/index.py")
    assert index.get("/api/keys").status_code == 401
    writer = {"authorization": f"Bearer {api_key(tenant, 'write')}"}
    assert index.get("/api/keys", headers=writer).status_code == 403
    assert index.post("/api/keys", json={"role": "admin"}, headers=writer).status_code == 403
    admin = {"authorization": f"Bearer {api_key(tenant, 'admin')}"}
    other, _ = keys.create(tenant + "-other", role="read")
    r = client("api/keys/[id].py").delete(f"/api/keys/{other.id}", headers=admin)
    assert r.status_code == 404  # another tenant's key does not exist for this admin
    r = index.post("/api/keys", json={"role": "read", "tenant": tenant + "-other"}, headers=admin)
    assert r.status_code == 403 and r.json()["error"]["field"] == "body.tenant"
    assert index.post("/api/keys", json={"role": "owner"}, headers=admin).status_code == 422


def test_resolved_keys_are_cached_and_touched_at_most_once_a_minute(tenant):
    record, clear = keys.create(tenant, role="read")
    assert keys.resolve(clear).id == record.id
    with db.transaction() as c:
        first = c.execute("select last_used_at from api_keys where id = %s", (record.id,)).fetchone()
        c.execute(
            "update api_keys set last_used_at = now() - interval '30 seconds' where id = %s", (record.id,)
        )
    assert first["last_used_at"] is not None
    keys._touched.pop(record.id)  # as if this process had not written it: the SQL guard still holds
    keys.resolve(clear)
    with db.transaction() as c:
        age = c.execute(
            "select now() - last_used_at as age from api_keys where id = %s", (record.id,)
        ).fetchone()
    assert age["age"].total_seconds() >= 29  # written less than a minute ago: not written again
    keys.revoke(record.id)
    assert keys.resolve(clear) is None  # revoking here drops it from this process's cache at once
