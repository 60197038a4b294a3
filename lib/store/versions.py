"""Version history: every state a workflow had, the current one in `workflow`, older ones here.

`keep_current` copies the current row into `workflow_versions` inside the caller's transaction
(one `insert … select`, no round trip of the state), so whatever replaces a workflow — PUT,
generate-state, restore, re-import — can never lose the previous version. Every query is scoped
by tenant.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from lib.errors import NotFound
from lib.store import db

_BLOCK_COUNT = (
    "case jsonb_typeof(state->'blocks') when 'object'"
    " then (select count(*) from jsonb_object_keys(state->'blocks')) else 0 end"
)
_FIELDS = "name, description, category, status, template_source, metadata, variables, state"


class VersionSummary(BaseModel):
    """One version in the list: how it was made, by whom, when, and how big."""

    model_config = ConfigDict(defer_build=True)

    version: int
    source: str = Field(description="create, template, generate, import, replace, regenerate or restore")
    actor: str | None = Field(default=None, description="API key id (or 'local') that made it")
    created_at: datetime
    block_count: int
    name: str
    current: bool = False


class VersionRecord(VersionSummary):
    """One version with everything it carried."""

    description: str | None = None
    category: str | None = None
    status: str
    template_source: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    variables: dict[str, Any] = Field(default_factory=dict)
    state: dict[str, Any] = Field(default_factory=dict)


def keep_current(c: Any, tenant: str, workflow_id: str) -> int | None:
    """Copy the current version into the history (call with the row locked, before changing it)."""
    row = c.execute(
        f"insert into workflow_versions (workflow_id, version, tenant_id, source, actor, {_FIELDS},"  # nosec B608  # fixed column lists and column names from protect_row; values are parameters
        " block_count, created_at)"
        f" select id, version, tenant_id, version_source, version_actor, {_FIELDS}, {_BLOCK_COUNT}, version_at"
        " from workflow where tenant_id = %s and id = %s"
        " on conflict (workflow_id, version) do nothing returning version",
        (tenant, workflow_id),
    ).fetchone()
    return row["version"] if row else None


def keep_current_many(c: Any, tenant: str, workflow_ids: list[str]) -> int:
    """`keep_current` for many workflows in one statement (batch re-imports); returns rows kept."""
    if not workflow_ids:
        return 0
    cur = c.execute(
        f"insert into workflow_versions (workflow_id, version, tenant_id, source, actor, {_FIELDS},"  # nosec B608  # fixed column lists; values are parameters
        " block_count, created_at)"
        f" select id, version, tenant_id, version_source, version_actor, {_FIELDS}, {_BLOCK_COUNT}, version_at"
        " from workflow where tenant_id = %s and id = any(%s)"
        " on conflict (workflow_id, version) do nothing",
        (tenant, workflow_ids),
    )
    return cur.rowcount


def actor() -> str:
    """Who is changing things: the request's key id, or 'system' outside a request (CLI, jobs)."""
    unit = db.current_unit()
    return (unit.actor if unit else None) or "system"


def history(tenant: str, workflow_id: str) -> list[VersionSummary]:
    """Every version, newest first (the current one flagged); NotFound for an unknown workflow."""
    with db.transaction() as c:
        rows = c.execute(
            f"select version, version_source as source, version_actor as actor, version_at as created_at,"  # nosec B608  # fixed column lists and column names from protect_row; values are parameters
            f" {_BLOCK_COUNT} as block_count, name, true as current"
            " from workflow where tenant_id = %s and id = %s"
            " union all"
            " select v.version, v.source, v.actor, v.created_at, v.block_count, v.name, false"
            " from workflow_versions v join workflow w on w.id = v.workflow_id and w.tenant_id = v.tenant_id"
            " where v.tenant_id = %s and v.workflow_id = %s"
            " order by version desc",
            (tenant, workflow_id, tenant, workflow_id),
        ).fetchall()
    if not rows:
        raise NotFound(f"workflow {workflow_id!r} not found", field="id")
    return [VersionSummary.model_validate(r) for r in rows]


def get(tenant: str, workflow_id: str, version: int, *, conn: Any = None) -> VersionRecord:
    """One version with its state (the current one included)."""
    with db.transaction(conn) as c:
        row = c.execute(
            f"select version, version_source as source, version_actor as actor, version_at as created_at,"  # nosec B608  # fixed column lists and column names from protect_row; values are parameters
            f" {_BLOCK_COUNT} as block_count, true as current, {_FIELDS}"
            " from workflow where tenant_id = %s and id = %s and version = %s"
            " union all"
            f" select v.version, v.source, v.actor, v.created_at, v.block_count, false, {_prefixed('v')}"
            " from workflow_versions v join workflow w on w.id = v.workflow_id and w.tenant_id = v.tenant_id"
            " where v.tenant_id = %s and v.workflow_id = %s and v.version = %s",
            (tenant, workflow_id, version, tenant, workflow_id, version),
        ).fetchone()
        if row is None:
            known = c.execute(
                "select 1 from workflow where tenant_id = %s and id = %s", (tenant, workflow_id)
            ).fetchone()
    if row is None:
        if known is None:
            raise NotFound(f"workflow {workflow_id!r} not found", field="id")
        raise NotFound(f"workflow {workflow_id!r} has no version {version}", field="n")
    return VersionRecord.model_validate(row)


def rescrub(tenant: str, workflow_id: str) -> int:
    """Move clear secrets out of a workflow's history rows (kept before writes moved them); rows changed."""
    from lib.store import secrets

    changed = 0
    with db.transaction() as c:
        rows = c.execute(
            "select version, state, variables, metadata, name, description from workflow_versions"
            " where tenant_id = %s and workflow_id = %s for update",
            (tenant, workflow_id),
        ).fetchall()
        for row in rows:
            cleaned = secrets.protect_row(c, tenant, {k: v for k, v in row.items() if k != "version"})
            if cleaned is None:
                continue
            sets, vals = cleaned
            c.execute(
                f"update workflow_versions set {sets} where tenant_id = %s and workflow_id = %s and version = %s",  # nosec B608  # fixed column lists and column names from protect_row; values are parameters
                (*vals, tenant, workflow_id, row["version"]),
            )
            changed += 1
    return changed


def _prefixed(alias: str) -> str:
    return ", ".join(f"{alias}.{col.strip()}" for col in _FIELDS.split(","))
