"""The schema follows the deployment: a fresh database is migrated by the first connection of a
process, a newer schema is refused, a busy migration answers 503 with Retry-After, and versions
the Supabase CLI applied count as applied."""

import threading

import psycopg
import pytest

from lib.errors import SchemaMismatch
from lib.store import db, migrations, workflows

LATEST = migrations.available()[-1].version


def _versions(url: str) -> list[str]:
    with psycopg.connect(url) as c:
        return [r[0] for r in c.execute("select version from agent_forge_migrations order by version")]


def test_first_use_migrates_a_fresh_database(scratch_db, tenant):
    assert migrations.current_version() is None  # reading the version does not migrate
    rows, cursor = workflows.page(tenant)  # any store call: the first connection migrates
    assert rows == [] and cursor is None
    assert _versions(scratch_db) == [m.version for m in migrations.available()]


def test_concurrent_first_uses_migrate_once(scratch_db, tenant):
    """Threads share one process check; separate processes are covered by the deploy test."""
    errors, barrier = [], threading.Barrier(4)

    def first_request():
        try:
            barrier.wait()
            workflows.page(tenant)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(repr(exc))

    threads = [threading.Thread(target=first_request) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert _versions(scratch_db) == [m.version for m in migrations.available()]


def test_a_newer_schema_is_refused_clearly(scratch_db, tenant):
    migrations.migrate()
    with psycopg.connect(scratch_db) as c:
        c.execute(
            "insert into agent_forge_migrations (version, name, checksum) values ('29991231000000', 'future', 'x')"
        )
    db.close()
    with pytest.raises(SchemaMismatch) as err:
        workflows.page(tenant)
    assert "29991231000000" in err.value.message and LATEST in err.value.message
    assert "newer" in err.value.message
    assert _versions(scratch_db)[-1] == "29991231000000"  # nothing was touched


def test_behind_without_auto_migrate_says_what_to_run(scratch_db, settings_env, tenant):
    settings_env(AUTO_MIGRATE="false")
    with pytest.raises(SchemaMismatch) as err:
        workflows.page(tenant)
    assert "python -m lib migrate" in err.value.message
    assert migrations.current_version() is None


def test_a_busy_migration_answers_503_with_retry_after(scratch_db, settings_env, client, api_key):
    settings_env(MIGRATE_WAIT_S="0.3")
    with psycopg.connect(scratch_db) as holder:  # another instance "migrating": it holds the lock
        holder.execute("select pg_advisory_xact_lock(%s)", (migrations._LOCK_KEY,))
        r = client("api/workflows/index.py").get("/api/workflows")
        assert r.status_code == 503, r.text
        assert r.headers["retry-after"] == "1"
        assert "being migrated" in r.json()["error"]["message"]
    r = client("api/workflows/index.py").get("/api/workflows")  # the lock is gone: this one migrates
    assert r.status_code == 200, r.text
    assert _versions(scratch_db)[-1] == LATEST


def test_versions_applied_by_the_supabase_cli_count(scratch_db, tenant):
    """`supabase db push` / Branching record in supabase_migrations.schema_migrations, not ours."""
    files = migrations.available()
    with psycopg.connect(scratch_db) as c:
        c.execute("create schema supabase_migrations")
        c.execute(
            "create table supabase_migrations.schema_migrations (version text primary key, statements text[], name text)"
        )
        for m in files[:-1]:  # the CLI applied all but the newest file
            c.execute(m.sql)
            c.execute(
                "insert into supabase_migrations.schema_migrations (version, name) values (%s, %s)",
                (m.version, m.name),
            )
    workflows.page(tenant)
    assert _versions(scratch_db) == [files[-1].version]  # we applied only the missing one…
    with psycopg.connect(scratch_db) as c:  # …and told the CLI, so `db push` will not re-apply it
        cli = [
            r[0] for r in c.execute("select version from supabase_migrations.schema_migrations order by 1")
        ]
    assert cli == [m.version for m in files]


def test_supabase_cli_layout_is_the_same_files():
    from lib.config import ROOT

    layout = ROOT / "supabase" / "migrations"
    assert layout.is_symlink() and layout.resolve() == migrations.MIGRATIONS_DIR.resolve()
    names = sorted(p.name for p in layout.glob("*.sql"))
    assert names == [m.path.name for m in migrations.available()]
    # The CLI takes <digits>_<name>.sql and orders by the digits.
    assert all(n.split("_", 1)[0].isdigit() for n in names)
    assert (ROOT / "supabase" / "config.toml").is_file()
