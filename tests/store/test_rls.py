"""Row Level Security as Supabase's `anon` and `authenticated` roles see it.

The roles and Supabase's default grants (every table and view of `public` granted to them) are
created in the test database, then each role reads and writes every table and view: nothing of
any tenant comes back, nothing goes in. Every table must have RLS forced and every view must be
`security_invoker`, so a table or view added later without it fails here.
"""

from __future__ import annotations

import uuid

import psycopg
import pytest

ROLES = ("anon", "authenticated")


@pytest.fixture(scope="module")
def supabase_roles(store):
    with store.connection() as conn:
        for role in ROLES:
            exists = conn.execute("select 1 from pg_roles where rolname = %s", (role,)).fetchone()
            if not exists:
                conn.execute(f"create role {role} nologin noinherit")
        # Supabase's default grants on the public schema
        conn.execute("grant usage on schema public to anon, authenticated")
        conn.execute("grant all on all tables in schema public to anon, authenticated")
        conn.execute("grant all on all sequences in schema public to anon, authenticated")
        conn.commit()
    return store


def _relations(conn, kinds: tuple[str, ...]) -> list[dict]:
    return conn.execute(
        "select c.relname, c.relkind, c.relrowsecurity, c.relforcerowsecurity, c.reloptions"
        " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
        " where n.nspname = 'public' and c.relkind = any(%s) order by c.relname",
        (list(kinds),),
    ).fetchall()


def test_every_table_forces_rls_and_every_view_runs_as_its_caller(store):
    with store.connection() as conn:
        tables = _relations(conn, ("r", "p"))
        views = _relations(conn, ("v",))
        conn.rollback()
    assert {"workflow", "secrets", "ai_usage_logs", "api_keys", "rate_limits"} <= {
        t["relname"] for t in tables
    }
    assert [t["relname"] for t in tables if not (t["relrowsecurity"] and t["relforcerowsecurity"])] == []
    assert "cache_stats" in {v["relname"] for v in views}
    assert [v["relname"] for v in views if "security_invoker=true" not in (v["reloptions"] or [])] == []


def _seed_usage(store, tenant: str) -> None:
    from lib.store import usage

    usage.log_call(tenant, provider="cache", operation="cache_lookup", status="hit")
    usage.log_call(tenant, provider="anthropic", operation="generate", status="ok", input_tokens=10)


@pytest.mark.parametrize("role", ROLES)
def test_supabase_roles_read_nothing_of_any_tenant(supabase_roles, tenant, role):
    _seed_usage(supabase_roles, tenant)
    with supabase_roles.connection() as conn:
        names = [r["relname"] for r in _relations(conn, ("r", "p", "v"))]
        conn.rollback()
        for name in names:
            with conn.transaction():
                conn.execute(f"set local role {role}")
                rows = conn.execute(f'select * from "{name}" limit 5').fetchall()
            assert rows == [], f"{role} read {len(rows)} row(s) of {name}"
    # the owner (the service) still sees the tenant's rows through the same view
    with supabase_roles.connection() as conn:
        stats = conn.execute("select * from cache_stats where tenant_id = %s", (tenant,)).fetchall()
        conn.rollback()
    assert stats and stats[0]["hit_count"] == 1


@pytest.mark.parametrize("role", ROLES)
def test_supabase_roles_write_nothing(supabase_roles, tenant, role):
    attempts = [
        "insert into workflow (id, tenant_id, name, state) values ('rls-' || md5(random()::text), %s, 'x', '{}')",
        "insert into ai_usage_logs (tenant_id, provider, operation, status) values (%s, 'x', 'x', 'x')",
        "insert into api_keys (tenant_id, prefix, key_hash, role) values (%s, 'x', md5(random()::text), 'admin')",
    ]
    with supabase_roles.connection() as conn:
        for sql in attempts:
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(f"set local role {role}")
                conn.execute(sql, (tenant,))
        conn.rollback()


def test_a_table_made_later_is_hardened_by_the_next_migrate(store):
    from lib.store import migrations

    name = "rls_probe_" + uuid.uuid4().hex[:8]
    with store.connection() as conn:
        conn.execute(f"create table {name} (id int)")  # as a later (or out-of-order) migration would
        conn.commit()
        try:
            migrations.harden(conn)
            row = conn.execute(
                "select relrowsecurity, relforcerowsecurity from pg_class where relname = %s", (name,)
            ).fetchone()
            policies = conn.execute(
                "select policyname from pg_policies where tablename = %s", (name,)
            ).fetchall()
        finally:
            conn.execute(f"drop table {name}")
            conn.commit()
    assert row["relrowsecurity"] and row["relforcerowsecurity"]
    assert [p["policyname"] for p in policies] == ["service_owner"]
