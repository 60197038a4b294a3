"""Ordered SQL migrations from `migrations/` (Supabase naming: <YYYYMMDDHHMMSS>_<name>.sql).

Each file runs in its own transaction and is recorded in `agent_forge_migrations`. A
transaction-level advisory lock serialises concurrent starters (two cold functions, or serve and
the tests), so a migration is applied exactly once. Re-running is a no-op.

The same files are `supabase/migrations/` (a symlink), so the Supabase CLI or Supabase Branching
may have applied them: versions in its ledger (`supabase_migrations.schema_migrations`) count as
applied, and what we apply is written there too. `ensure_current()` is what a cold start runs on
first use: nothing when the schema is current, the pending files when it is behind, and a clear
refusal when the database holds versions this code does not know (a newer branch migrated it).
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from psycopg.errors import LockNotAvailable

from lib.config import ROOT, settings
from lib.errors import SchemaMismatch, Unavailable
from lib.store import db

log = logging.getLogger("agent_forge.store")

MIGRATIONS_DIR = ROOT / "migrations"
_NAME = re.compile(r"^(\d{14})_([a-z0-9_]+)\.sql$")
_LOCK_KEY = 727_001_2025  # arbitrary, constant: "agent forge migrations"


@dataclass(frozen=True)
class Migration:
    version: str
    name: str
    path: Path

    @property
    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def available(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    found = []
    for path in sorted(directory.glob("*.sql")):
        m = _NAME.match(path.name)
        if not m:
            raise ValueError(f"migration file name {path.name!r} is not <YYYYMMDDHHMMSS>_<name>.sql")
        found.append(Migration(m.group(1), m.group(2), path))
    return found


_LEDGER = """
create table if not exists agent_forge_migrations (
    version    text primary key,
    name       text not null,
    checksum   text not null,
    applied_at timestamptz not null default now()
);
alter table agent_forge_migrations enable row level security;
"""


_SUPABASE_LEDGER = "supabase_migrations.schema_migrations"


def applied(conn) -> dict[str, str]:
    """version → checksum of everything applied (by us, or by the Supabase CLI: checksum "")."""
    conn.execute(_LEDGER)
    return _read_ledgers(conn)


def _read_ledgers(conn) -> dict[str, str]:
    """Both ledgers, read only (a missing one is empty): no DDL, so no lock beside a migration."""
    done: dict[str, str] = {}
    if conn.execute("select to_regclass('agent_forge_migrations') is not null as ok").fetchone()["ok"]:
        rows = conn.execute("select version, checksum from agent_forge_migrations").fetchall()
        done = {r["version"]: r["checksum"] for r in rows}
    if _has_supabase_ledger(conn):
        for r in conn.execute(f"select version from {_SUPABASE_LEDGER}").fetchall():  # nosec B608  # a fixed table name; values are parameters
            done.setdefault(r["version"], "")
    return done


def _has_supabase_ledger(conn) -> bool:
    return conn.execute("select to_regclass(%s) is not null as ok", (_SUPABASE_LEDGER,)).fetchone()["ok"]


class SchemaBusy(Unavailable):
    """Another instance holds the migrations' lock for longer than this one may wait."""


def migrate(directory: Path = MIGRATIONS_DIR, *, wait_s: float | None = None) -> list[str]:
    """Apply every pending migration; return the versions applied now.

    `wait_s` bounds the wait for another instance's lock (SchemaBusy after it); None waits."""
    done: list[str] = []
    with db.connection(ensure_schema=False) as conn:
        for migration in available(directory):
            with conn.transaction():
                if wait_s is not None:
                    conn.execute("select set_config('lock_timeout', %s, true)", (f"{int(wait_s * 1000)}ms",))
                try:
                    conn.execute("select pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
                except LockNotAvailable:
                    raise SchemaBusy(
                        "the database schema is being migrated by another instance; retry shortly",
                        retry_after=max(1, int(wait_s or 1)),
                    ) from None
                if wait_s is not None:
                    conn.execute("select set_config('lock_timeout', '0', true)")
                if migration.version in applied(conn):
                    continue
                conn.execute(migration.sql)
                conn.execute(
                    "insert into agent_forge_migrations (version, name, checksum) values (%s, %s, %s)",
                    (migration.version, migration.name, migration.checksum),
                )
                if _has_supabase_ledger(conn):
                    conn.execute(
                        f"insert into {_SUPABASE_LEDGER} (version, name) values (%s, %s) on conflict do nothing",  # nosec B608  # a fixed table name; values are parameters
                        (migration.version, migration.name),
                    )
                done.append(migration.version)
        if done:
            harden(conn)
        _reregister_vector(conn)
    return done


def ensure_current(directory: Path = MIGRATIONS_DIR) -> str | None:
    """Check (and, with AUTO_MIGRATE, bring) the schema to this code's latest; the version it is at.

    Raises SchemaMismatch when the database is newer than the code or behind without auto-migrate,
    SchemaBusy when another instance migrates for longer than MIGRATE_WAIT_S."""
    cfg = settings()
    files = available(directory)
    latest = files[-1].version if files else None
    with db.connection(ensure_schema=False) as conn:
        done = _read_ledgers(conn)
        conn.rollback()
    newer = sorted(v for v in done if latest is None or v > latest)
    if newer:
        raise SchemaMismatch(
            f"the database schema is at {newer[-1]}, newer than this deployment's latest migration "
            f"{latest}: it was migrated by newer code (another branch on a shared database). Deploy the "
            "newer code, or give this deployment its own database",
            field="database.schema",
        )
    pending = [m for m in files if m.version not in done]
    if not pending:
        return latest
    if not cfg.auto_migrate:
        have = max(done) if done else None
        raise SchemaMismatch(
            f"the database schema is at {have}, this deployment needs {latest}; AUTO_MIGRATE is off: "
            "run `python -m lib migrate`",
            field="database.schema",
        )
    applied_now = migrate(directory, wait_s=cfg.migrate_wait_s)
    log.info("schema migrated on first use: %s", ", ".join(applied_now) or "already done by another instance")
    return latest


HARDEN_SQL = Path(__file__).with_name("harden.sql")


def harden(conn) -> None:
    """RLS forced on every table (with the service's own policy) and every view security_invoker,
    whichever migration made them and in whatever order they were applied."""
    with conn.transaction():
        conn.execute("select pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
        conn.execute(HARDEN_SQL.read_text(encoding="utf-8"))


def _reregister_vector(conn) -> None:
    from pgvector.psycopg import register_vector

    register_vector(conn)
    conn.commit()


def current_version() -> str | None:
    """The newest applied migration, or None on an empty database."""
    with db.connection(ensure_schema=False) as conn:
        row = conn.execute("select to_regclass('agent_forge_migrations') is not null as ok").fetchone()
        version = None
        if row["ok"]:
            version = conn.execute("select max(version) as v from agent_forge_migrations").fetchone()["v"]
        conn.rollback()
    return version
