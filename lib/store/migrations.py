"""Ordered SQL migrations from `migrations/` (Supabase naming: <YYYYMMDDHHMMSS>_<name>.sql).

Each file runs in its own transaction and is recorded in `agent_forge_migrations`. A
transaction-level advisory lock serialises concurrent starters (two cold functions, or serve and
the tests), so a migration is applied exactly once. Re-running is a no-op.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from lib.config import ROOT
from lib.store import db

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


def applied(conn) -> dict[str, str]:
    conn.execute(_LEDGER)
    rows = conn.execute("select version, checksum from agent_forge_migrations").fetchall()
    return {r["version"]: r["checksum"] for r in rows}


def migrate(directory: Path = MIGRATIONS_DIR) -> list[str]:
    """Apply every pending migration; return the versions applied now."""
    done: list[str] = []
    with db.connection() as conn:
        for migration in available(directory):
            with conn.transaction():
                conn.execute("select pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
                if migration.version in applied(conn):
                    continue
                conn.execute(migration.sql)
                conn.execute(
                    "insert into agent_forge_migrations (version, name, checksum) values (%s, %s, %s)",
                    (migration.version, migration.name, migration.checksum),
                )
                done.append(migration.version)
        if done:
            harden(conn)
        _reregister_vector(conn)
    return done


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
    with db.connection() as conn:
        row = conn.execute("select to_regclass('agent_forge_migrations') is not null as ok").fetchone()
        version = None
        if row["ok"]:
            version = conn.execute("select max(version) as v from agent_forge_migrations").fetchone()["v"]
        conn.rollback()
    return version
