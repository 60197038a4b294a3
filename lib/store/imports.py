"""Import SQL: jobs and their staged rows, and storing a batch of workflows set-based.

A batch of hundreds of workflows costs a handful of statements: one lookup of what already
exists (the unique `(tenant_id, import_key)` is what makes re-imports update in place, so no
advisory lock is needed), `COPY` of the new `workflow` rows and of every block, edge and subflow
row, and one `UPDATE … FROM` a temp table for the workflows imported before. JSON arrives here
already encoded (orjson text), so nothing is decoded or re-encoded on the way to the server.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

import orjson

from lib.store import db

__all__ = [
    "Prepared",
    "create_job",
    "delete_staging",
    "existing",
    "finish_job",
    "finish_storing",
    "get_job",
    "lock_job",
    "next_rows",
    "stage_rows",
    "store_batch",
    "stored_states",
    "update_job",
]

# Sim's columns of `workflow` an import may carry, in COPY order, with the value a missing one gets.
SIM_COLUMNS: tuple[tuple[str, Any], ...] = (
    ("user_id", None),
    ("workspace_id", None),
    ("folder_id", None),
    ("color", "#3972F6"),
    ("is_deployed", False),
    ("deployed_at", None),
    ("deployed_state", None),
    ("run_count", 0),
    ("last_run_at", None),
    ("is_published", False),
    ("marketplace_data", None),
    ("collaborators", "[]"),
    ("last_synced", None),
    ("created_at", None),
    ("updated_at", None),
)
_SIM_JSON = {"deployed_state", "marketplace_data", "collaborators"}
_NOW_DEFAULTS = {"last_synced", "created_at", "updated_at"}
_BLOCK_COLS = (
    "id, workflow_id, tenant_id, type, name, position_x, position_y, enabled, horizontal_handles,"
    " is_wide, advanced_mode, height, sub_blocks, outputs, data, parent_id, extent"
)
_EDGE_COLS = "id, workflow_id, tenant_id, source_block_id, target_block_id, source_handle, target_handle"
_SUBFLOW_COLS = "id, workflow_id, tenant_id, type, config"


@dataclass
class Prepared:
    """One workflow ready to store: scrubbed, validated, its JSON already encoded.

    `state` None means the import carried no state for it (a `workflow` row alone): the stored
    state and rows are kept. `name`/`description`/`variables` None keep the stored value too.
    """

    key: str
    id: str
    name: str | None
    metadata: str
    state: str | None = None
    description: str | None = None
    variables: str | None = None
    sim: dict[str, Any] = field(default_factory=dict)
    blocks: list[tuple[Any, ...]] = field(default_factory=list)  # (id, type, name, x, y, ..., extent)
    edges: list[tuple[Any, ...]] = field(default_factory=list)  # (id, source, target, sh, th)
    subflows: list[tuple[Any, ...]] = field(default_factory=list)  # (id, type, config json)


# -- jobs ------------------------------------------------------------------------------------


def create_job(c: Any, tenant: str, job_id: str) -> bool:
    """Claim the job id; False when it exists already (staged by an earlier or concurrent call)."""
    row = c.execute(
        "insert into import_jobs (tenant_id, id) values (%s, %s) on conflict do nothing returning id",
        (tenant, job_id),
    ).fetchone()
    return row is not None


def sweep_stale(c: Any) -> None:
    """Forget jobs nobody drives any more, and their staged rows: one-shot jobs a crashed process
    left (a day), uploads never run to their end (a week). Finished jobs keep their report."""
    c.execute(
        "with stale as (delete from import_jobs where (id like 'direct-%%' and updated_at < now() - interval '1 day')"
        " or (status <> 'done' and updated_at < now() - interval '7 days') returning tenant_id, id)"
        " delete from import_staging s using stale where s.tenant_id = stale.tenant_id and s.job_id = stale.id"
    )


def stage_rows(c: Any, tenant: str, job_id: str, rows: Iterable[tuple[str, int, int, int, str]]) -> int:
    """COPY (wid, ord, file_ix, line, cells) records into the staging table; returns how many."""
    n = 0
    with (
        c.cursor() as cur,
        cur.copy(
            "copy import_staging (tenant_id, job_id, wid, ord, file_ix, line, cells) from stdin"
        ) as copy,
    ):
        for wid, ord_, file_ix, line, cells in rows:
            copy.write_row((tenant, job_id, wid, ord_, file_ix, line, cells))
            n += 1
    return n


def get_job(tenant: str, job_id: str, *, conn: Any = None) -> dict[str, Any] | None:
    with db.transaction(conn) as c:
        return c.execute(
            "select * from import_jobs where tenant_id = %s and id = %s", (tenant, job_id)
        ).fetchone()


def lock_job(c: Any, tenant: str, job_id: str) -> dict[str, Any] | None:
    """The job row, locked until the batch's transaction ends (concurrent runs take turns)."""
    return c.execute(
        "select * from import_jobs where tenant_id = %s and id = %s for update", (tenant, job_id)
    ).fetchone()


def update_job(c: Any, tenant: str, job_id: str, **values: Any) -> None:
    sets = ", ".join(f"{k} = %s" for k in values)
    # Reports quote file names and cells: a NUL there would make jsonb refuse the whole batch.
    vals = [
        orjson.dumps(v).decode().replace("\\u0000", "\\ufffd") if isinstance(v, (list, dict)) else v
        for v in values.values()
    ]
    c.execute(
        f"update import_jobs set {sets}, updated_at = now() where tenant_id = %s and id = %s",  # nosec B608  # fixed table and column names; values are parameters
        (*vals, tenant, job_id),
    )


def count_staged(c: Any, tenant: str, job_id: str) -> int:
    row = c.execute(
        "select count(distinct wid) as n from import_staging where tenant_id = %s and job_id = %s",
        (tenant, job_id),
    ).fetchone()
    return int(row["n"])


def next_rows(
    c: Any, tenant: str, job_id: str, after: str | None, workflows: int, max_bytes: int
) -> list[tuple[str, int, int, str]]:
    """Staged records of the next workflows after the cursor: at most `workflows` of them and about
    `max_bytes` of cell text (always at least one workflow): (wid, file_ix, line, cells)."""
    with c.cursor(row_factory=_tuple_row) as cur:
        sizes = cur.execute(
            "select wid, sum(octet_length(cells)) from import_staging"
            " where tenant_id = %s and job_id = %s and wid > %s group by wid order by wid limit %s",
            (tenant, job_id, after or "", workflows),
        ).fetchall()
        if not sizes:
            return []
        last, total = sizes[0][0], 0
        for wid, size in sizes:
            total += size
            if total > max_bytes and wid != sizes[0][0]:
                break
            last = wid
        return cur.execute(
            "select wid, file_ix, line, cells from import_staging"
            " where tenant_id = %s and job_id = %s and wid > %s and wid <= %s order by wid, ord",
            (tenant, job_id, after or "", last),
        ).fetchall()


def has_more(c: Any, tenant: str, job_id: str, after: str) -> bool:
    return (
        c.execute(
            "select 1 from import_staging where tenant_id = %s and job_id = %s and wid > %s limit 1",
            (tenant, job_id, after),
        ).fetchone()
        is not None
    )


def finish_storing(c: Any, tenant: str, job_id: str) -> None:
    """Every staged row is stored: the staged rows go and the job moves on to its search phase."""
    c.execute("delete from import_staging where tenant_id = %s and job_id = %s", (tenant, job_id))
    c.execute(
        "update import_jobs set status = 'indexing', updated_at = now() where tenant_id = %s and id = %s",
        (tenant, job_id),
    )


def finish_job(c: Any, tenant: str, job_id: str) -> None:
    """The search index has caught up: the import is done."""
    c.execute(
        "update import_jobs set status = 'done', finished_at = now(), updated_at = now()"
        " where tenant_id = %s and id = %s",
        (tenant, job_id),
    )


def delete_staging(tenant: str, job_id: str) -> None:
    """Forget a job and its staged rows (the one-shot path, once its report is taken)."""
    with db.transaction() as c:
        c.execute("delete from import_staging where tenant_id = %s and job_id = %s", (tenant, job_id))
        c.execute("delete from import_jobs where tenant_id = %s and id = %s", (tenant, job_id))


def _tuple_row(cursor: Any) -> Any:
    from psycopg.rows import tuple_row

    return tuple_row(cursor)


# -- storing ---------------------------------------------------------------------------------


class Existing(NamedTuple):
    """A stored workflow an import names: its id and name, and what the import that made its
    current version recorded (None for `digest` when another write made it: an edit, a restore)."""

    id: str
    name: str
    digest: str | None
    valid: bool
    findings: int
    assumptions: str  # JSON text, decoded only for a workflow the import leaves as stored


def existing(c: Any, tenant: str, keys: list[str]) -> dict[str, Existing]:
    """import key → `Existing`, for this tenant's workflows imported under those keys (one query)."""
    if not keys:
        return {}
    with c.cursor(row_factory=_tuple_row) as cur:
        rows = cur.execute(
            "select import_key, id, name,"
            " case when version_source = 'import' then metadata->'import'->>'source' end,"
            " coalesce((metadata->'validation'->>'valid')::boolean, true),"
            " case when jsonb_typeof(metadata->'validation'->'findings') = 'array'"
            " then jsonb_array_length(metadata->'validation'->'findings') else 0 end,"
            " coalesce(metadata->'import'->'assumptions', '[]'::jsonb)::text"
            " from workflow where tenant_id = %s and import_key = any(%s)",
            (tenant, keys),
        ).fetchall()
    return {row[0]: Existing(*row[1:]) for row in rows}


def stored_states(c: Any, tenant: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    """id → stored state, for merging a partial import into what is there."""
    if not ids:
        return {}
    with c.cursor(row_factory=_tuple_row) as cur:
        rows = cur.execute(
            "select id, state::text from workflow where tenant_id = %s and id = any(%s)", (tenant, ids)
        ).fetchall()
    return {i: orjson.loads(s) for i, s in rows}


def _sim_value(col: str, value: Any, default: Any, now: datetime) -> Any:
    if value is None:
        return now if col in _NOW_DEFAULTS else default
    if col in _SIM_JSON:  # a decoded cell: a bare string is JSON too (`"v2"`), never jsonb's text
        return orjson.dumps(value).decode()
    return value


def store_batch(c: Any, tenant: str, items: list[Prepared], found: dict[str, str]) -> list[bool]:
    """Store `items` in transaction `c`: new ones by COPY, known ones (`found`: key → id) set-based.

    Returns, per item, whether it was created. Raises the database's error on any bad row; the
    caller retries the batch one workflow at a time inside savepoints.
    """
    now = datetime.now(UTC)
    new = [p for p in items if p.key not in found]
    old = [p for p in items if p.key in found]
    for p in old:
        p.id = found[p.key]
    actor = _actor()
    if new:
        cols = ["id", "tenant_id", "name", "description", "metadata", "variables", "state", "import_key"]
        cols += [col for col, _d in SIM_COLUMNS]
        cols += ["version_source", "version_actor"]
        with c.cursor() as cur, cur.copy(f"copy workflow ({', '.join(cols)}) from stdin") as copy:
            for p in new:
                row = [
                    p.id,
                    tenant,
                    p.name or "Imported workflow",
                    p.description,
                    p.metadata,
                    p.variables or "{}",
                    p.state or '{"blocks": {}, "edges": [], "loops": {}, "parallels": {}}',
                    p.key,
                ]
                row += [_sim_value(col, p.sim.get(col), d, now) for col, d in SIM_COLUMNS]
                row += ["import", actor]
                copy.write_row(row)
    if old:
        _keep_previous(c, tenant, [p.id for p in old])
        _update(c, tenant, old, actor)
        rewritten = [p.id for p in old if p.state is not None]
        if rewritten:
            for table in ("workflow_edges", "workflow_subflows", "workflow_blocks"):
                c.execute(
                    f"delete from {table} where tenant_id = %s and workflow_id = any(%s)",  # nosec B608  # fixed table and column names; values are parameters
                    (tenant, rewritten),
                )
    _copy_rows(c, tenant, [p for p in items if p.state is not None])
    return [p.key not in found for p in items]


def _update(c: Any, tenant: str, old: list[Prepared], actor: str) -> None:
    c.execute(
        "create temp table if not exists _import_update (id text, name text, description text,"
        " metadata jsonb, variables jsonb, state jsonb, user_id text, workspace_id text, folder_id text,"
        " color text, is_deployed boolean, deployed_at timestamptz, deployed_state jsonb, run_count integer,"
        " last_run_at timestamptz, is_published boolean, marketplace_data jsonb, collaborators jsonb,"
        " last_synced timestamptz) on commit drop"
    )
    c.execute("truncate _import_update")
    sim = [col for col, _d in SIM_COLUMNS if col not in ("created_at", "updated_at")]
    with (
        c.cursor() as cur,
        cur.copy(
            "copy _import_update (id, name, description, metadata, variables, state, "
            + ", ".join(sim)
            + ") from stdin"
        ) as copy,
    ):
        for p in old:
            row = [p.id, p.name, p.description, p.metadata, p.variables, p.state]
            row += [
                orjson.dumps(p.sim[col]).decode()
                if col in _SIM_JSON and p.sim.get(col) is not None
                else p.sim.get(col)
                for col in sim
            ]
            copy.write_row(row)
    sets = [
        f"{col} = coalesce(u.{col}, w.{col})" for col in ("name", "description", "variables", "state", *sim)
    ]
    sets += ["metadata = w.metadata || u.metadata", "version = w.version + 1", "updated_at = now()"]
    sets += ["version_source = 'import'", "version_actor = %(actor)s", "version_at = now()"]
    c.execute(
        f"update workflow w set {', '.join(sets)} from _import_update u"  # nosec B608  # fixed table and column names; values are parameters
        " where w.tenant_id = %(tenant)s and w.id = u.id",
        {"tenant": tenant, "actor": actor},
    )


def _actor() -> str:
    from lib.store import versions

    return versions.actor()


def _keep_previous(c: Any, tenant: str, ids: list[str]) -> None:
    """Version history: the state a re-import replaces is kept, in this transaction."""
    from lib.store import versions

    versions.keep_current_many(c, tenant, ids)


def _copy_rows(c: Any, tenant: str, items: list[Prepared]) -> None:
    with c.cursor() as cur:
        with cur.copy(f"copy workflow_blocks ({_BLOCK_COLS}) from stdin") as copy:
            for p in items:
                for b in p.blocks:
                    copy.write_row((b[0], p.id, tenant, *b[1:]))
        with cur.copy(f"copy workflow_edges ({_EDGE_COLS}) from stdin") as copy:
            for p in items:
                for e in p.edges:
                    copy.write_row((e[0], p.id, tenant, *e[1:]))
        with cur.copy(f"copy workflow_subflows ({_SUBFLOW_COLS}) from stdin") as copy:
            for p in items:
                for s in p.subflows:
                    copy.write_row((s[0], p.id, tenant, *s[1:]))
