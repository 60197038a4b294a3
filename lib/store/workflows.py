"""Workflows: the `workflow` row plus its mirror in Sim's normalized tables.

Every query is scoped by tenant here, so a caller cannot forget it: another tenant's workflow
is simply not found. Every write is one transaction: the workflow row and all its block, edge and
subflow rows land together or not at all, and a replace keeps the previous version in
`workflow_versions` (lib/store/versions) in that same transaction.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from psycopg.types.json import Jsonb
from pydantic import BaseModel, ConfigDict, Field

from lib.errors import Conflict, InvalidInput, NotFound
from lib.sim.rows import SIM_COLUMNS
from lib.store import db, versions
from lib.store import search as search_store

STATUSES = ("draft", "active", "archived")

# Called as reindex(conn, record) inside a write's transaction (lib.search.indexing.reindex), so
# the search index changes with the workflow or not at all.
Reindex = Callable[[Any, "WorkflowRecord"], None]


class WorkflowRecord(BaseModel):
    """A stored workflow as the API returns it."""

    model_config = ConfigDict(defer_build=True, extra="ignore")

    id: str
    tenant_id: str
    name: str
    description: str | None = None
    category: str | None = None
    status: str = "draft"
    template_source: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    version: int = 1
    version_source: str = Field(default="create", description="how this version was made (see /versions)")
    state: dict[str, Any] = Field(default_factory=dict)
    variables: dict[str, Any] = Field(default_factory=dict)
    color: str = "#3972F6"
    user_id: str | None = None
    workspace_id: str | None = None
    folder_id: str | None = None
    is_deployed: bool = False
    deployed_at: datetime | None = None
    run_count: int = 0
    last_run_at: datetime | None = None
    is_published: bool = False
    created_at: datetime
    updated_at: datetime


_COLUMNS = (
    "id, tenant_id, name, description, category, status, template_source, metadata, version, version_source,"
    " state,"
    " variables, color, user_id, workspace_id, folder_id, is_deployed, deployed_at, run_count,"
    " last_run_at, is_published, created_at, updated_at"
)
_SUMMARY_COLUMNS = _COLUMNS.replace(" state,", " '{}'::jsonb as state,")

# Sim's own columns a caller may set on create/import (besides the ones with parameters).
_SIM_FIELDS = SIM_COLUMNS
_JSON_FIELDS = {"deployed_state", "marketplace_data", "collaborators"}


def _sim_columns(sim_fields: dict | None) -> dict[str, Any]:
    """Sim's own columns from an import, JSON ones wrapped for psycopg; unknown keys ignored."""
    return {
        k: Jsonb(v) if k in _JSON_FIELDS else v
        for k, v in (sim_fields or {}).items()
        if k in _SIM_FIELDS and v is not None
    }


def _protected(
    c: Any,
    tenant: str,
    state: dict | None,
    name: str | None,
    description: str | None,
    metadata: dict | None,
    variables: dict | None,
    sim_fields: dict | None,
) -> tuple[Any, ...]:
    """(state, name, description, metadata, variables, sim_fields) with every clear secret moved to
    the tenant's secrets table in transaction `c`; what was derived from them (validation messages
    in metadata) is masked too."""
    from lib.secrets import mask_known
    from lib.store import secrets

    fields = {
        "state": state,
        "name": name,
        "description": description,
        "metadata": metadata,
        "variables": variables,
    }
    sim = dict(sim_fields or {})
    docs = {k: v for k, v in fields.items() if v is not None}
    docs.update(
        {f"sim:{k}": sim[k] for k in ("deployed_state", "marketplace_data") if sim.get(k) is not None}
    )
    clean, found = secrets.protect(c, tenant, **docs)
    if found and clean.get("metadata") is not None:  # derived from the clear state: findings, reports
        clean["metadata"] = mask_known(clean["metadata"], found)
    fields.update({k: v for k, v in clean.items() if not k.startswith("sim:")})
    sim.update({k[4:]: v for k, v in clean.items() if k.startswith("sim:")})
    return (*fields.values(), sim if sim_fields is not None else None)


def _check_status(status: str) -> None:
    if status not in STATUSES:
        raise InvalidInput(f"status must be one of {', '.join(STATUSES)}", field="status")


def create(
    tenant: str,
    *,
    state: dict,
    name: str,
    description: str | None = None,
    category: str | None = None,
    status: str = "draft",
    template_source: str | None = None,
    metadata: dict | None = None,
    variables: dict | None = None,
    import_key: str | None = None,
    id: str | None = None,
    sim_fields: dict | None = None,
    source: str = "create",
    conn: Any = None,
    reindex: Reindex | None = None,
) -> WorkflowRecord:
    """Insert a workflow and mirror its blocks, edges and subflows, in one transaction.

    `source` (create, template, generate, import) is how its first version was made (history);
    `reindex(conn, record)` runs inside that transaction (search index), when given.
    """
    _check_status(status)
    wid = id or str(uuid.uuid4())
    with db.transaction(conn) as c:
        state, name, description, metadata, variables, sim_fields = _protected(
            c, tenant, state, name, description, metadata, variables, sim_fields
        )
        extra = _sim_columns(sim_fields)
        cols = [
            "id",
            "tenant_id",
            "name",
            "description",
            "category",
            "status",
            "template_source",
            "metadata",
            "variables",
            "state",
            "import_key",
            "version_source",
            "version_actor",
            *extra,
        ]
        vals = [
            wid,
            tenant,
            name,
            description,
            category,
            status,
            template_source,
            Jsonb(metadata or {}),
            Jsonb(variables or {}),
            Jsonb(state),
            import_key,
            source,
            versions.actor(),
            *extra.values(),
        ]
        row = c.execute(
            f"insert into workflow ({', '.join(cols)}) values ({', '.join(['%s'] * len(cols))})"  # nosec B608  # fixed table and column names (whitelisted); values are parameters
            f" returning {_COLUMNS}",
            vals,
        ).fetchone()
        _mirror(c, tenant, wid, state, fresh=True)
        record = WorkflowRecord.model_validate(row)
        if reindex is not None:
            reindex(c, record)
    return record


def get(tenant: str, id: str, *, conn: Any = None) -> WorkflowRecord:
    with db.transaction(conn) as c:
        row = c.execute(
            f"select {_COLUMNS} from workflow where tenant_id = %s and id = %s",  # nosec B608  # fixed table and column names (whitelisted); values are parameters
            (tenant, id),
        ).fetchone()
    if row is None:
        raise NotFound(f"workflow {id!r} not found", field="id")
    return WorkflowRecord.model_validate(row)


def exists(tenant: str, id: str) -> bool:
    with db.transaction() as c:
        return (
            c.execute("select 1 from workflow where tenant_id = %s and id = %s", (tenant, id)).fetchone()
            is not None
        )


def replace(
    tenant: str,
    id: str,
    *,
    state: dict | None,
    expected_version: int | None,
    name: str | None = None,
    description: str | None = None,
    category: str | None = None,
    status: str | None = None,
    metadata: dict | None = None,
    template_source: str | None = None,
    variables: dict | None = None,
    sim_fields: dict | None = None,
    reason: str = "replace",
    conn: Any = None,
    reindex: Reindex | None = None,
) -> WorkflowRecord:
    """Replace the state (and optionally fields) if `expected_version` is still current.

    The version it replaces goes to the history first, in the same transaction; `reason`
    (replace, regenerate, restore, import) says how the new one was made. `state=None` keeps
    the state and changes only the fields given (a partial update is still a new version).
    `expected_version=None` skips the check (internal callers that hold the row lock).
    `reindex(conn, record)` runs inside the same transaction (search index), when given.
    """
    if status is not None:
        _check_status(status)
    with db.transaction(conn) as c:
        current = c.execute(
            "select version from workflow where tenant_id = %s and id = %s for update", (tenant, id)
        ).fetchone()
        if current is None:
            raise NotFound(f"workflow {id!r} not found", field="id")
        if expected_version is not None and current["version"] != expected_version:
            raise _stale(id, current["version"], expected_version)
        state, name, description, metadata, variables, sim_fields = _protected(
            c, tenant, state, name, description, metadata, variables, sim_fields
        )
        versions.keep_current(c, tenant, id)
        sets = ["version = version + 1", "updated_at = now()", "version_at = now()"]
        sets += ["version_source = %s", "version_actor = %s"]
        vals: list[Any] = [reason, versions.actor()]
        if state is not None:
            sets.append("state = %s")
            vals.append(Jsonb(state))
        for col, value in (
            ("name", name),
            ("description", description),
            ("category", category),
            ("status", status),
            ("template_source", template_source),
        ):
            if value is not None:
                sets.append(f"{col} = %s")
                vals.append(value)
        if metadata is not None:
            sets.append("metadata = %s")
            vals.append(Jsonb(metadata))
        if variables is not None:
            sets.append("variables = %s")
            vals.append(Jsonb(variables))
        for col, value in _sim_columns(sim_fields).items():
            if col not in ("created_at", "updated_at"):
                sets.append(f"{col} = %s")
                vals.append(value)
        row = c.execute(
            f"update workflow set {', '.join(sets)} where tenant_id = %s and id = %s returning {_COLUMNS}",  # nosec B608  # fixed table and column names (whitelisted); values are parameters
            (*vals, tenant, id),
        ).fetchone()
        if state is not None:
            _mirror(c, tenant, id, state)
        record = WorkflowRecord.model_validate(row)
        if reindex is not None:
            reindex(c, record)
    return record


def delete(tenant: str, id: str, *, expected_version: int | None = None) -> None:
    """Delete the workflow (its rows and history go with it) if `expected_version` is still current."""
    with db.transaction() as c:
        current = c.execute(
            "select version from workflow where tenant_id = %s and id = %s for update", (tenant, id)
        ).fetchone()
        if current is None:
            raise NotFound(f"workflow {id!r} not found", field="id")
        if expected_version is not None and current["version"] != expected_version:
            raise _stale(id, current["version"], expected_version)
        c.execute("delete from workflow where tenant_id = %s and id = %s", (tenant, id))
        search_store.remove(c, tenant, "workflow", id)


def _stale(id: str, current: int, expected: int) -> Conflict:
    return Conflict(
        f"workflow {id!r} is at version {current}, not {expected}: reload and retry",
        field="version",
        details=[{"current_version": current}],
    )


def _encode_cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(f"s{seq}".encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if not raw.startswith("s"):
            raise ValueError
        return int(raw[1:])
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput("cursor is not one this API returned", field="query.cursor") from None


# What a list page shows (lib.workflows.models.WorkflowSummary): no state, variables or Sim extras.
LIST_COLUMNS = (
    "id, name, description, category, status, template_source, metadata, version, color,"
    " is_deployed, run_count, created_at, updated_at"
)


def page_rows(
    tenant: str,
    *,
    category: str | None = None,
    status: str | None = None,
    q: str | None = None,
    limit: int = 50,
    cursor: str | None = None,
    columns: str = LIST_COLUMNS,
) -> tuple[list[dict[str, Any]], str | None]:
    """Newest first, keyset-paginated on an insertion sequence: stable under concurrent inserts.

    Rows as dicts of `columns`, read in autocommit (one statement, no BEGIN/COMMIT)."""
    where: list[str] = ["tenant_id = %s"]
    vals: list[Any] = [tenant]
    if category:
        where.append("category = %s")
        vals.append(category)
    if status:
        where.append("status = %s")
        vals.append(status)
    if q:
        where.append("(name ilike %s or description ilike %s)")
        pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        vals += [pattern, pattern]
    if cursor:
        where.append("seq < %s")
        vals.append(_decode_cursor(cursor))
    with db.reading() as c:
        rows = c.execute(
            f"select {columns}, seq from workflow where {' and '.join(where)} order by seq desc limit %s",  # nosec B608  # columns is one of this module's fixed column lists; values are parameters
            (*vals, limit + 1),
        ).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = _encode_cursor(rows[-1]["seq"]) if more and rows else None
    return rows, next_cursor


def page(tenant: str, **filters: Any) -> tuple[list[WorkflowRecord], str | None]:
    """`page_rows` as records (every column but the state)."""
    rows, next_cursor = page_rows(tenant, columns=_SUMMARY_COLUMNS, **filters)
    return [WorkflowRecord.model_validate(r) for r in rows], next_cursor


def block_rows(tenant: str, workflow_id: str) -> list[dict]:
    """The mirrored `workflow_blocks` rows (Sim's normalized shape)."""
    with db.transaction() as c:
        return c.execute(
            "select * from workflow_blocks where tenant_id = %s and workflow_id = %s order by position_x, id",
            (tenant, workflow_id),
        ).fetchall()


def _num(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def mirror_rows(state: Any) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The normalized rows of a state, without workflow and tenant ids (first of a repeated id wins):
    blocks (id, type, name, x, y, enabled, horizontal_handles, is_wide, advanced_mode, height,
    subBlocks, outputs, data, parent_id, extent), edges (id, source, target, source_handle,
    target_handle), subflows (id, type, config); JSON columns as Python values."""
    state = state if isinstance(state, dict) else {}
    blocks = state.get("blocks") if isinstance(state.get("blocks"), dict) else {}
    block_rows: dict[str, tuple[Any, ...]] = {}
    for key, b in blocks.items():
        if not isinstance(b, dict) or str(b.get("id") or key) in block_rows:
            continue
        pos = found if isinstance(found := b.get("position"), dict) else {}
        data = found if isinstance(found := b.get("data"), dict) else {}
        block_rows[str(b.get("id") or key)] = (
            str(b.get("id") or key),
            str(b.get("type") or ""),
            str(b.get("name") or ""),
            _num(pos.get("x")),
            _num(pos.get("y")),
            b.get("enabled") is not False,
            b.get("horizontalHandles") is not False,
            bool(b.get("isWide")),
            bool(b.get("advancedMode")),
            _num(b.get("height")),
            b.get("subBlocks") or {},
            b.get("outputs") or {},
            data,
            data.get("parentId"),
            data.get("extent"),
        )
    edges = state.get("edges") if isinstance(state.get("edges"), list) else []
    edge_rows: dict[str, tuple[Any, ...]] = {}
    for e in edges:
        if isinstance(e, dict) and e.get("id") and e.get("source") and e.get("target"):
            edge_rows.setdefault(
                str(e["id"]),
                (
                    str(e["id"]),
                    str(e["source"]),
                    str(e["target"]),
                    e.get("sourceHandle"),
                    e.get("targetHandle"),
                ),
            )
    subflow_rows: dict[str, tuple[Any, ...]] = {}
    for kind in ("loops", "parallels"):
        group = state.get(kind) if isinstance(state.get(kind), dict) else {}
        for sid, cfg in group.items():
            subflow_rows.setdefault(
                str(sid),
                (str(sid), "loop" if kind == "loops" else "parallel", cfg if isinstance(cfg, dict) else {}),
            )
    return list(block_rows.values()), list(edge_rows.values()), list(subflow_rows.values())


def _mirror(c: Any, tenant: str, wid: str, state: dict, *, fresh: bool = False) -> None:
    """Rewrite the normalized rows from the state (Sim's save does the same: delete + insert)."""
    if not fresh:
        for table in ("workflow_edges", "workflow_subflows", "workflow_blocks"):
            c.execute(f"delete from {table} where workflow_id = %s", (wid,))  # nosec B608  # fixed table and column names (whitelisted); values are parameters
    blocks, edges, subflows = mirror_rows(state)
    with c.cursor() as cur:
        if blocks:
            cur.executemany(
                "insert into workflow_blocks (id, workflow_id, tenant_id, type, name, position_x, position_y,"
                " enabled, horizontal_handles, is_wide, advanced_mode, height, sub_blocks, outputs, data,"
                " parent_id, extent) values (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                [
                    (b[0], wid, tenant, *b[1:10], Jsonb(b[10]), Jsonb(b[11]), Jsonb(b[12]), *b[13:])
                    for b in blocks
                ],
            )
        if edges:
            cur.executemany(
                "insert into workflow_edges (id, workflow_id, tenant_id, source_block_id, target_block_id,"
                " source_handle, target_handle) values (%s,%s,%s,%s,%s,%s,%s)",
                [(e[0], wid, tenant, *e[1:]) for e in edges],
            )
        if subflows:
            cur.executemany(
                "insert into workflow_subflows (id, workflow_id, tenant_id, type, config) values (%s,%s,%s,%s,%s)",
                [(f[0], wid, tenant, f[1], Jsonb(f[2])) for f in subflows],
            )


def rescrub(tenant: str, id: str) -> bool:
    """Move clear secrets out of one stored workflow in place (no version bump); True if any moved."""
    from lib.store import secrets

    with db.transaction() as c:
        row = c.execute(
            "select state, variables, metadata, name, description, deployed_state, marketplace_data"
            " from workflow where tenant_id = %s and id = %s for update",
            (tenant, id),
        ).fetchone()
        cleaned = secrets.protect_row(c, tenant, row) if row is not None else None
        if cleaned is None:
            return False
        sets, vals = cleaned
        state = c.execute(
            f"update workflow set {sets} where tenant_id = %s and id = %s returning state",  # nosec B608  # fixed table and column names (whitelisted); values are parameters
            (*vals, tenant, id),
        ).fetchone()
        _mirror(c, tenant, id, state["state"] or {})
    return True
