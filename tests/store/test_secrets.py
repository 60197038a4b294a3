"""The secrets table: encryption key handling, rotation, one name per value under concurrency,
the sweep of rows stored before secrets were moved out, and cache_stats under RLS."""

import json
import os
import stat
import sys
import threading
import uuid
from pathlib import Path

import psycopg
import pytest
from cryptography.fernet import Fernet

from lib.config import settings
from lib.errors import Unavailable
from lib.secrets import vault
from lib.store import db, migrations, secrets, workflows

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "secrets"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from keys import KEYS


def _state(key: str, block: str = "agent", field: str = "apiKey") -> dict:
    """One block of type `block` holding `key` in its subBlock `field`."""
    return {
        "blocks": {
            "a": {
                "id": "a",
                "type": block,
                "name": "Block 1",
                "position": {"x": 0, "y": 0},
                "subBlocks": {field: {"id": field, "type": "short-input", "value": key}},
                "outputs": {},
                "enabled": True,
            }
        },
        "edges": [],
        "loops": {},
        "parallels": {},
    }


@pytest.fixture
def scratch(request, monkeypatch):
    """A fresh database of our own (rotation and the sweep touch every row), with an explicit key."""
    request.getfixturevalue("scratch_db")
    settings.cache_clear()
    vault.reset()
    key = Fernet.generate_key().decode()
    monkeypatch.setenv("SECRETS_KEY", key)  # an external database needs an explicit key
    settings.cache_clear()
    vault.reset()
    migrations.migrate()
    yield key
    monkeypatch.delenv("SECRETS_KEY", raising=False)
    monkeypatch.delenv("SECRETS_PREVIOUS_KEYS", raising=False)
    settings.cache_clear()
    vault.reset()


def test_embedded_key_file_is_private_and_values_are_encrypted(tenant):
    rec = workflows.create(tenant, state=_state(KEYS["openai_api_key"]), name="w")
    assert rec.state["blocks"]["a"]["subBlocks"]["apiKey"]["value"] == "{{OPENAI_API_KEY}}"
    key_file = settings().data_dir / vault.KEY_FILE
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    with db.transaction() as c:
        row = c.execute("select * from secrets where tenant_id = %s", (tenant,)).fetchone()
    assert row["name"] == "OPENAI_API_KEY" and KEYS["openai_api_key"].encode() not in bytes(row["ciphertext"])
    assert vault.decrypt(row["ciphertext"]) == KEYS["openai_api_key"]


def test_external_database_without_a_key_refuses_to_store_a_secret(store, tenant, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db.url())
    settings.cache_clear()
    vault.reset()
    try:
        with pytest.raises(Unavailable) as err:
            workflows.create(tenant, state=_state(KEYS["google_api_key"]), name="w")
        assert err.value.field == "SECRETS_KEY"
        assert workflows.create(tenant, state=_state("{{GOOGLE_API_KEY}}"), name="no secret").version == 1
    finally:
        monkeypatch.delenv("DATABASE_URL")
        settings.cache_clear()
        vault.reset()
        db.close()


def test_same_value_gets_one_name_under_concurrency(tenant):
    results, errors = [], []

    def write(i):
        try:
            rec = workflows.create(tenant, state=_state(KEYS["anthropic_api_key"]), name=f"w{i}")
            results.append(rec.state["blocks"]["a"]["subBlocks"]["apiKey"]["value"])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and set(results) == {"{{ANTHROPIC_API_KEY}}"}
    other = workflows.create(tenant, state=_state(KEYS["openai_api_key"].replace("Q", "R")), name="other")
    assert other.state["blocks"]["a"]["subBlocks"]["apiKey"]["value"] == "{{OPENAI_API_KEY}}"
    third = workflows.create(tenant, state=_state(KEYS["openai_api_key"]), name="third")
    assert third.state["blocks"]["a"]["subBlocks"]["apiKey"]["value"] == "{{OPENAI_API_KEY_2}}"
    with db.transaction() as c:
        n = c.execute("select count(*) as n from secrets where tenant_id = %s", (tenant,)).fetchone()["n"]
    assert n == 3


def test_rotation_re_encrypts_under_the_new_key(scratch, monkeypatch):
    tenant = "t-rotate"
    rec = workflows.create(tenant, state=_state(KEYS["stripe_secret_key"]), name="w")
    new = Fernet.generate_key().decode()
    monkeypatch.setenv("SECRETS_KEY", new)
    monkeypatch.setenv("SECRETS_PREVIOUS_KEYS", scratch)
    settings.cache_clear()
    vault.reset()
    assert secrets.rotate() == 1
    monkeypatch.delenv("SECRETS_PREVIOUS_KEYS")
    settings.cache_clear()
    vault.reset()  # the old key is gone: everything must read under the new one
    _needed, values = secrets.reveal(tenant, rec.id, actor="test", request_id=None)
    assert values == {"STRIPE_SECRET_KEY": KEYS["stripe_secret_key"]}
    again = workflows.create(tenant, state=_state(KEYS["stripe_secret_key"]), name="same value, same name")
    assert again.state["blocks"]["a"]["subBlocks"]["apiKey"]["value"] == "{{STRIPE_SECRET_KEY}}"


def test_sweep_moves_secrets_out_of_rows_stored_before(scratch, client):
    tenant, wid = "t-legacy", str(uuid.uuid4())
    state = _state(KEYS["github_token"])
    with db.transaction() as c:  # a row as an older version stored it, clear key and all
        c.execute(
            "insert into workflow (id, tenant_id, name, state, variables) values (%s, %s, %s, %s, %s)",
            (
                wid,
                tenant,
                "legacy",
                json.dumps(state),
                json.dumps({"v": {"name": "dbPassword", "value": "Old-Pw-77"}}),
            ),
        )
    shown = workflows.get(tenant, wid)
    assert KEYS["github_token"] in json.dumps(shown.state)
    from lib.workflows import service

    assert KEYS["github_token"] not in service.read(tenant, wid).model_dump_json()  # scrubbed on the way out
    assert secrets.sweep() == 1
    swept = workflows.get(tenant, wid)
    assert swept.version == shown.version
    assert swept.state["blocks"]["a"]["subBlocks"]["apiKey"]["value"] == "{{GITHUB_TOKEN}}"
    assert swept.variables["v"]["value"] == "{{DB_PASSWORD}}"
    assert secrets.sweep() == 0
    with db.transaction() as c:
        blocks = c.execute(
            "select sub_blocks::text as s from workflow_blocks where workflow_id = %s", (wid,)
        ).fetchall()
    assert blocks and all(KEYS["github_token"] not in b["s"] for b in blocks)


def test_a_widened_detection_sweeps_rows_stored_before_it_once(scratch, client):
    """Rows stored while URL credentials went undetected (before detection version 2) hold them in
    clear; `migrate`/`serve` call `sweep_if_behind`, which sweeps once per detection version."""
    from lib.secrets import detect

    tenant, wid = "t-url-legacy", str(uuid.uuid4())
    url = "https://ops:S3cretPw-91x@files.example.com/export?sig=Zq81mNw2Lp0xRv"
    state = _state(url, block="api", field="url")
    with db.transaction() as c:  # as the code before detection version 2 stored it
        c.execute(
            "insert into workflow (id, tenant_id, name, state) values (%s, %s, %s, %s)",
            (wid, tenant, "legacy url", json.dumps(state)),
        )
    assert secrets.sweep_if_behind() == 1
    swept = json.dumps(workflows.get(tenant, wid).state)
    assert "S3cretPw-91x" not in swept and "Zq81mNw2Lp0xRv" not in swept
    with db.transaction() as c:
        recorded = c.execute("select version, workflows from secrets_sweeps").fetchall()
    assert [(r["version"], r["workflows"]) for r in recorded] == [(detect.VERSION, 1)]
    assert secrets.sweep_if_behind() is None  # up to date: no second walk over every row


def test_cache_stats_view_runs_with_the_callers_rights(store, tenant):
    role = f"anon_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(db.url(), autocommit=True) as admin:
        admin.execute(f"create role {role} nologin")
        try:
            admin.execute(f"grant select on ai_usage_logs, cache_stats to {role}")
            admin.execute(
                "insert into ai_usage_logs (tenant_id, provider, operation, status) values (%s, 'test', 'cache_lookup', 'hit')",
                (tenant,),
            )
            with admin.transaction():
                admin.execute(f"set local role {role}")
                direct = admin.execute("select count(*) from ai_usage_logs").fetchone()[0]
                through_view = admin.execute("select count(*) from cache_stats").fetchone()[0]
                admin.execute("reset role")
            assert direct == 0 and through_view == 0
        finally:
            admin.execute(f"drop owned by {role}")
            admin.execute(f"drop role {role}")


def test_health_says_when_secrets_cannot_be_stored(store, monkeypatch):
    from lib import health

    monkeypatch.setenv("DATABASE_URL", db.url())
    monkeypatch.delenv("SECRETS_KEY", raising=False)
    # What is tested is the SECRETS_KEY line, not the probe's one-second deadline: a loaded machine's
    # first connection of a new pool once took longer (the report said "down").
    monkeypatch.setattr(health, "BUDGET_S", 30.0)
    settings.cache_clear()
    try:
        report = health.check()
        assert report.status == "degraded" and any("SECRETS_KEY" in d for d in report.degraded)
        monkeypatch.setenv("SECRETS_KEY", Fernet.generate_key().decode())
        settings.cache_clear()
        assert not any("SECRETS_KEY" in d for d in health.check().degraded)
    finally:
        monkeypatch.delenv("DATABASE_URL")
        monkeypatch.delenv("SECRETS_KEY", raising=False)
        settings.cache_clear()
        vault.reset()
        db.close()
