"""Liveness of the parts the service depends on, for `GET /api/health`."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as WaitedTooLong
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from lib.config import settings
from lib.errors import SchemaMismatch, Unavailable


class DatabaseHealth(BaseModel):
    model_config = ConfigDict(defer_build=True)
    ok: bool
    kind: Literal["embedded", "external"]
    latency_ms: float | None = None
    schema_version: str | None = None
    latest_schema_version: str | None = None
    pgvector: str | None = None


class EmbeddingsHealth(BaseModel):
    model_config = ConfigDict(defer_build=True)
    kind: Literal["openai", "local", "hashed"] = Field(description="Which embedder the settings choose")
    name: str = Field(description="Embedder name stored beside every vector, e.g. local:all-MiniLM-L6-v2")
    dim: int


class DeploymentHealth(BaseModel):
    model_config = ConfigDict(defer_build=True)
    environment: Literal["production", "preview", "development"] = Field(description="From VERCEL_ENV")
    branch: str | None = Field(default=None, description="VERCEL_GIT_COMMIT_REF")
    commit: str | None = Field(default=None, description="VERCEL_GIT_COMMIT_SHA")
    auth_required: bool


class Health(BaseModel):
    model_config = ConfigDict(defer_build=True)
    status: Literal["ok", "degraded", "down"]
    deployment: DeploymentHealth
    database: DatabaseHealth
    providers: dict[str, bool] = Field(description="Which providers are configured (never their keys)")
    embeddings: EmbeddingsHealth | None = None
    degraded: list[str] = Field(default_factory=list, description="Why the service is not fully ok")
    notes: list[str] = Field(default_factory=list, description="How the service runs without optional parts")


BUDGET_S = 0.8  # the whole database probe; health answers within a second either way
_probes = ThreadPoolExecutor(max_workers=2, thread_name_prefix="health")  # threads start on first use


def _probe() -> tuple[str | None, str | None]:
    from lib.store import db

    with db.connection(timeout=BUDGET_S) as conn:
        row = conn.execute(
            "select (select extversion from pg_extension where extname = 'vector') as pgvector,"
            " to_regclass('agent_forge_migrations') is not null as ledger"
        ).fetchone()
        version = None
        if row["ledger"]:
            version = conn.execute("select max(version) as v from agent_forge_migrations").fetchone()["v"]
        conn.rollback()
    return row["pgvector"], version


def check() -> Health:
    """Query the database for real; degraded states say what works in a reduced way."""
    from lib.store import db, migrations
    from lib.store.migrations import SchemaBusy

    cfg = settings()
    files = migrations.available()
    latest = files[-1].version if files else None
    deployment = DeploymentHealth(
        environment=cfg.environment(),
        branch=cfg.git_branch,
        commit=cfg.git_commit,
        auth_required=bool(cfg.auth_required),
    )
    degraded: list[str] = []
    t0 = time.perf_counter()
    try:
        # Cold-start work (imports, the pool object) first: the deadline is for the database's answer.
        db.pool()
        import pgvector.psycopg  # noqa: F401  # imported now: each new connection's configure step needs it

        # In a thread with a deadline: a database that hangs (not refuses) cannot hold the answer.
        extension, version = _probes.submit(_probe).result(timeout=BUDGET_S)
        database = DatabaseHealth(
            ok=True,
            kind=db.describe(),
            latency_ms=round((time.perf_counter() - t0) * 1000, 2),
            schema_version=version,
            latest_schema_version=latest,
            pgvector=extension,
        )
    except Exception as exc:
        if not isinstance(exc, Unavailable | WaitedTooLong) and not db.is_outage(exc):
            raise
        # A schema this code cannot use (or one being migrated) says so; anything else is unreachable.
        reason = exc.message if isinstance(exc, SchemaMismatch | SchemaBusy) else "database unreachable"
        version = migrations.current_version() if isinstance(exc, SchemaMismatch) else None
        database = DatabaseHealth(
            ok=False, kind=db.describe(), schema_version=version, latest_schema_version=latest
        )
        return Health(
            status="down",
            deployment=deployment,
            database=database,
            providers=cfg.providers(),
            degraded=[reason],
        )
    if database.schema_version != latest:
        degraded.append(
            f"schema at {database.schema_version}, latest is {latest}: run `python -m lib migrate`"
        )
    notes = []
    if not cfg.providers()["anthropic"]:
        notes.append("no ANTHROPIC_API_KEY: generation uses the offline planner")
    from lib import embeddings

    emb = EmbeddingsHealth.model_validate(embeddings.describe())
    if emb.kind == "local":
        notes.append(f"no OPENAI_API_KEY: embeddings by {emb.name} ({emb.dim} dimensions) on this machine")
    elif emb.kind == "hashed":
        degraded.append("no OPENAI_API_KEY and no local embedding model: the cache uses hashed n-grams")
    if cfg.database_url is not None and cfg.secrets_key is None:
        degraded.append("no SECRETS_KEY: workflows holding a secret cannot be stored (503) nor revealed")
    degraded.extend(_provider_states())
    return Health(
        status="degraded" if degraded else "ok",
        deployment=deployment,
        database=database,
        providers=cfg.providers(),
        embeddings=emb,
        degraded=degraded,
        notes=notes,
    )


def _provider_states() -> list[str]:
    """Open circuit breakers, reported by the generation room when it has been loaded."""
    import sys

    gen: Any = sys.modules.get("lib.generation.circuit")
    if gen is None or not hasattr(gen, "open_circuits"):
        return []
    return [f"{name}: circuit open, skipped until {until}" for name, until in gen.open_circuits().items()]
