"""Migrations against a brand-new database on the embedded server: from scratch, re-run, concurrent."""

import threading

import psycopg

from lib.store import migrations


def _tables(url: str) -> set[str]:
    with psycopg.connect(url) as c:
        return {r[0] for r in c.execute("select tablename from pg_tables where schemaname = 'public'")}


def test_apply_from_scratch_then_noop(scratch_db):
    assert migrations.current_version() is None
    applied = migrations.migrate()
    assert applied == [m.version for m in migrations.available()]
    assert {
        "workflow",
        "workflow_blocks",
        "workflow_edges",
        "workflow_subflows",
        "workflow_lookup",
        "ai_usage_logs",
        "api_keys",
        "audit_log",
        "agent_forge_migrations",
    } <= _tables(scratch_db)
    assert migrations.migrate() == []
    assert migrations.current_version() == migrations.available()[-1].version


def test_every_table_has_row_level_security_and_tenant_column(scratch_db):
    migrations.migrate()
    with psycopg.connect(scratch_db) as c:
        rows = c.execute(
            "select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            " where n.nspname = 'public' and c.relkind = 'r'"
        ).fetchall()
        tenant_tables = {
            r[0]
            for r in c.execute(
                "select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id'"
            )
        }
    assert rows and all(rls for _, rls in rows), rows
    # the ledgers (migrations, secret sweeps) and the rate limit counters (per key hash and IP,
    # before any tenant is known) belong to no one
    owned = {name for name, _ in rows} - {"agent_forge_migrations", "rate_limits", "secrets_sweeps"}
    assert owned <= tenant_tables


def test_concurrent_starters_apply_each_migration_once(scratch_db):
    results, failures = [], []

    def run():
        try:
            with psycopg.connect(scratch_db, autocommit=True) as conn:
                conn.execute("select 1")
            results.append(migrations.migrate())
        except Exception as exc:  # pragma: no cover - reported below
            failures.append(repr(exc))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures
    flat = [v for r in results for v in r]
    assert sorted(flat) == [m.version for m in migrations.available()]
    with psycopg.connect(scratch_db) as c:
        assert c.execute("select count(*) from agent_forge_migrations").fetchone()[0] == len(
            migrations.available()
        )


def test_file_names_follow_supabase_convention():
    for m in migrations.available():
        assert len(m.version) == 14 and m.version.isdigit()
        assert m.path.name == f"{m.version}_{m.name}.sql"
