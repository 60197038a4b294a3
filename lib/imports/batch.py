"""One batch of an import: staged records of a few hundred workflows → stored workflows + a report.

Per batch: the records are typed (JSON cells decoded once, by orjson), grouped into workflows,
looked up in one query, built into states (a partial import — one table of an export — is merged
into what is stored: it changes only what its rows carry and says what it kept), scrubbed of
secrets, validated, encoded once, then stored set-based in one savepoint (search indexing is the
job's next phase, `lib.imports.jobs`, not the batch's: embeddings cost ~20x the rest). A full
export's workflow whose staged cells, file names and import code are those of the import that
made its current version (a digest kept in `metadata.import.source`) is not rebuilt nor
rewritten: it is reported from what that import stored. If that savepoint
fails, each workflow is retried in its own, so one bad workflow is rejected alone and nothing is
half-written. A lost database connection is not a bad workflow: it raises `Unavailable` (503).
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Any

import orjson

from lib.errors import AgentForgeError, MalformedInput, Unavailable
from lib.imports.models import Imported, ImportReport
from lib.imports.staging import DOC_PREFIX
from lib.sim import csvrows
from lib.sim.rows import build_state, edge_of, fill_subflows
from lib.store import imports as store

__all__ = ["Batch", "Planned", "plan_batch", "workflow_id", "write_batch"]

log = logging.getLogger(__name__)
_ID_NS = uuid.UUID("3b0f6a52-9c1e-4d7a-8f21-6c5e0d9a4b17")
_TABLES = {t.name: t for t in csvrows.TABLES}


def workflow_id(tenant: str, sim_id: str) -> str:
    """Our id for Sim's workflow `sim_id` in `tenant`: the same on every import, different per
    tenant, so an id another tenant holds is neither revealed nor claimable."""
    return str(uuid.uuid5(_ID_NS, f"{tenant}\x00{sim_id}"))


@dataclass
class Work:
    """One workflow on its way to the store."""

    key: str
    file: str
    kind: str
    name: str | None
    state: dict[str, Any] | None
    sim_id: str | None = None
    description: str | None = None
    variables: dict[str, Any] | None = None
    sim_fields: dict[str, Any] = field(default_factory=dict)
    assumptions: list[dict[str, Any]] = field(default_factory=list)
    raw: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # block id → cells
    stored_name: str | None = None
    groups: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    digest: str | None = None  # of its staged rows and the import code (csv kind only)

    def assume(self, kind: str, message: str) -> None:
        self.assumptions.append({"kind": kind, "message": message})


@dataclass
class Batch:
    """What one batch did, for the job's counters."""

    rows: int = 0
    workflows: int = 0
    imported: int = 0
    created: int = 0
    items: list[Imported] = field(default_factory=list)


def _outage(exc: BaseException) -> bool:
    import psycopg

    return isinstance(exc, (psycopg.OperationalError, psycopg.InterfaceError))


@dataclass
class Planned:
    """A batch read, built, scrubbed, validated and encoded: ready for `write_batch`."""

    last: str  # the last workflow key of the batch: the job's cursor once it is written
    out: Batch
    report: ImportReport
    prepared: list[tuple[Work, store.Prepared, bool, int]] = field(default_factory=list)
    found: dict[str, str] = field(default_factory=dict)
    unchanged: list[Imported] = field(default_factory=list)  # re-imported as stored: nothing to write


def plan_batch(
    c: Any, tenant: str, files: list[dict[str, Any]], records: list[tuple[str, int, int, str]]
) -> Planned:
    """Everything a batch needs before writing, in transaction `c` (reads, and secrets moved into
    the tenant's table): the CPU-heavy half, which can run while the previous batch is written."""
    report = ImportReport()
    out = Batch(rows=len(records))
    planned = Planned(last=records[-1][0], out=out, report=report)
    tables = {f["table"] for f in files}
    works: list[Work] = []  # JSON/YAML documents (staged first), then CSV workflows
    sims: list[tuple[str, list[tuple[str, int, int, str]], str, str]] = []  # (Sim id, rows, key, digest)
    # what of each file goes into its workflows' digests: name, table and header
    tags = [orjson.dumps([f["name"], f["table"], f["header"]]) for f in files]
    for wid, group in groupby(records, key=lambda r: r[0]):
        out.workflows += 1
        rows = list(group)
        if wid.startswith(DOC_PREFIX):
            works += _documents(files[rows[0][1]]["name"], files[rows[0][1]]["table"], rows[0][3], report)
        else:
            sims.append((wid, rows, _key(f"sim:{wid}"), _digest(rows, tags)))
    if not works and not sims:
        return planned
    found = store.existing(c, tenant, [w.key for w in works] + [s[2] for s in sims])
    if sims and not _is_partial(tables):
        sims = _skip_unchanged(sims, found, planned)
    readers: dict[int, Any] = {}
    for wid, rows, key, digest in sims:
        work = _typed(wid, rows, files, report, readers)
        if work is not None:
            work.key, work.digest = key, digest
            works.append(work)
    partial = [found[w.key].id for w in works if w.key in found and w.kind == "csv"]
    stored = store.stored_states(c, tenant, partial) if _is_partial(tables) else {}
    namer = _namer(c, tenant)
    for work in works:
        hit = found.get(work.key)
        if hit is not None:
            work.stored_name = hit.name
        if work.kind == "csv":
            _merge(work, tables, stored.get(hit.id) if hit else None, hit is not None)
        try:
            prep, valid, findings = _prepare(tenant, work, namer)
        except AgentForgeError as exc:
            report.reject(
                work.file, None, f"workflow {work.name or work.sim_id!r} was not stored: {exc.message}"
            )
            continue
        planned.prepared.append((work, prep, valid, findings))
    planned.found = {k: v.id for k, v in found.items()}
    return planned


def write_batch(c: Any, tenant: str, planned: Planned) -> Batch:
    """Store a planned batch in transaction `c`; rejections go to `planned.report`."""
    if planned.prepared:
        _store(c, tenant, planned.prepared, planned.found, planned.report, planned.out)
    if planned.unchanged:
        planned.out.imported += len(planned.unchanged)
        planned.out.items += planned.unchanged
    return planned.out


def _digest(rows: list[tuple[str, int, int, str]], tags: list[bytes]) -> str:
    """Of one Sim workflow's staged rows (cells as staged, their files' names, tables and headers)
    and of the import code: equal digests make equal stored workflows."""
    digest = hashlib.blake2b(_code_digest(), digest_size=16)
    for _wid, file_ix, _line, cells_text in rows:
        digest.update(tags[file_ix])
        digest.update(cells_text.encode())
    return digest.hexdigest()


_Sim = tuple[str, list[tuple[str, int, int, str]], str, str]


def _skip_unchanged(sims: list[_Sim], found: dict[str, store.Existing], planned: Planned) -> list[_Sim]:
    """The Sim workflows still to build: those whose digest matches the one of the import that
    made their stored version go to `planned.unchanged`, reported from what that import stored."""
    left = []
    for sim in sims:
        hit = found.get(sim[2])
        if hit is None or hit.digest != sim[3]:
            left.append(sim)
            continue
        unchanged = {
            "kind": "unchanged",
            "message": "the same rows as the import that made its current version: kept as stored",
        }
        planned.unchanged.append(
            Imported(
                id=hit.id,
                name=hit.name,
                valid=hit.valid,
                findings=hit.findings,
                assumptions=[*orjson.loads(hit.assumptions), unchanged],
                created=False,
                source="csv",
            )
        )
    return left


# What decides how staged rows become a stored workflow: a change here makes every re-import rebuild.
_CODE = (
    "lib/imports",
    "lib/secrets",
    "lib/sim",
    "lib/validation",
    "lib/limits.py",
    "lib/store/imports.py",
    "lib/store/workflows.py",
    "lib/store/secrets.py",
)


@lru_cache(maxsize=1)
def _code_digest() -> bytes:
    """A digest of the import's code and data files (read once per process, on first use)."""
    root = Path(__file__).resolve().parent.parent.parent
    h = hashlib.blake2b(digest_size=16)
    for top in _CODE:
        base = root / top
        for path in sorted(base.rglob("*")) if base.is_dir() else [base]:
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                h.update(str(path.relative_to(root)).encode() + b"\x00" + path.read_bytes() + b"\x00")
    return h.digest()


def _is_partial(tables: set[str]) -> bool:
    return not {"workflow", "workflow_blocks", "workflow_edges", "workflow_subflows"} <= tables


def _typed(
    wid: str,
    rows: list[tuple[str, int, int, str]],
    files: list[dict[str, Any]],
    report: ImportReport,
    readers: dict[int, Any] | None = None,
) -> Work | None:
    """Rows of one Sim workflow typed per table; None (and every bad row reported) if any is bad.

    Each record's cells are decoded once: its staged text (one JSON array) by orjson, then each
    JSON cell by orjson alone when `cells_within_limits` clears the whole record (else each cell
    takes `load_cell`'s own prefilter). `readers` keeps each file's typing plan for the batch."""
    groups: dict[str, list[dict[str, Any]]] = {t: [] for t in _TABLES}
    raw: dict[str, tuple[str | None, str | None]] = {}
    bad: list[csvrows.RowError] = []
    names: list[str] = []
    readers = {} if readers is None else readers
    loads, within = orjson.loads, csvrows.cells_within_limits
    for _wid, file_ix, line, cells_text in rows:
        reader = readers.get(file_ix)
        if reader is None:
            reader = readers[file_ix] = _Reader(files[file_ix])
        cells = loads(cells_text)
        plan = reader.plan
        row = plan.convert(cells, line, reader.name, bool(plan.json) and within(cells_text))
        if isinstance(row, csvrows.RowError):
            bad.append(row)
            report.reject(row.file, row.line, row.reason, malformed=True)
            continue
        values = row.values
        reader.group(groups).append(values)
        if reader.raw is not None:
            subs, outs = reader.raw
            raw[str(values["id"])] = (
                cells[subs] if subs is not None and isinstance(values.get("sub_blocks"), dict) else None,
                cells[outs] if outs is not None and isinstance(values.get("outputs"), dict) else None,
            )
        names.append(reader.name)
    if bad:
        report.reject(
            bad[0].file,
            bad[0].line,
            f"workflow {wid} was not imported: {len(bad)} of its rows could not be read "
            "(see above); storing the rest would leave it half-written",
            malformed=True,
        )
        return None
    work = Work(
        key="",  # the caller's: its import key, worked out with its digest
        file=", ".join(dict.fromkeys(names)),
        kind="csv",
        name=None,
        state=None,
        sim_id=wid,
        raw=raw,
    )
    work.groups = groups
    return work


class _Reader:
    """One staged file's typing, worked out once a batch: its plan, and where a block row's
    sub_blocks and outputs cells are (kept as raw text for `_rows`)."""

    __slots__ = ("name", "plan", "raw", "table")

    def __init__(self, meta: dict[str, Any]) -> None:
        self.name: str = meta["name"]
        self.table: str = meta["table"]
        header = meta["header"]
        self.plan = csvrows.plan(_TABLES[self.table], tuple(header))
        self.raw = (
            tuple(header.index(col) if col in header else None for col in ("sub_blocks", "outputs"))
            if self.table == "workflow_blocks"
            else None
        )

    def group(self, groups: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
        return groups[self.table]


def _key(identity: str) -> str:
    from lib.imports.pipeline import import_key

    return import_key(identity)


def _documents(name: str, kind: str, cells_text: str, report: ImportReport) -> list[Work]:
    from lib.imports.pipeline import documents

    text = orjson.loads(cells_text)[0]
    try:
        cands = documents(name, kind, text.encode())
    except AgentForgeError as exc:
        line = next((d.get("line") for d in exc.details if isinstance(d, dict) and d.get("line")), None)
        report.reject(name, line, exc.message, malformed=isinstance(exc, MalformedInput))
        return []
    return [
        Work(
            key=c.key,
            file=c.file,
            kind=c.kind,
            name=c.name,
            state=c.state,
            sim_id=c.preferred_id,
            description=c.description,
            variables=c.variables,
            sim_fields=c.sim_fields,
            assumptions=c.assumptions,
        )
        for c in cands
    ]


def _merge(work: Work, tables: set[str], stored: dict[str, Any] | None, exists: bool) -> None:
    """Build the state from the rows; for a workflow already stored, change only what they carry."""
    groups, work.groups = work.groups, {}
    wf_row = groups["workflow"][0] if groups["workflow"] else None
    blocks, edges, subflows = groups["workflow_blocks"], groups["workflow_edges"], groups["workflow_subflows"]
    if exists and wf_row is None:
        work.assume(
            "partial_import",
            "no workflow row for it in this import: kept its stored name, description and variables",
        )
    if exists and not blocks and not edges and not subflows:
        work.assume(
            "partial_import",
            "no block, edge or subflow rows for it in this import: kept its stored blocks and connections",
        )
        _fields(work, wf_row, build_state([], [], [], wf_row, workflow_id=work.sim_id), exists)
        work.state = None
        return
    base = stored if isinstance(stored, dict) and isinstance(stored.get("blocks"), dict) else None
    if exists and not blocks and base is not None:
        _connections_only(work, base, edges, subflows)
        _fields(work, wf_row, build_state([], [], [], wf_row, workflow_id=work.sim_id), exists)
        return
    # A stored workflow never takes the stale `workflow.state` column: only its rows count.
    row = wf_row if blocks or not exists else None
    built = build_state(blocks, edges, subflows, row, workflow_id=work.sim_id)
    # name, description, variables and Sim's columns come from the workflow row alone
    fields = built if row is wf_row else build_state([], [], [], wf_row, workflow_id=work.sim_id)
    if exists:
        built.assumptions = [a for a in built.assumptions if a["kind"] != "name_defaulted"]
    state = built.state
    if base is not None:
        if "workflow_edges" not in tables:
            kept = [
                e
                for e in base.get("edges") or []
                if isinstance(e, dict)
                and e.get("source") in state["blocks"]
                and e.get("target") in state["blocks"]
            ]
            if kept:
                state["edges"] = kept
                built.assumptions = [
                    a for a in built.assumptions if a["kind"] not in ("edge_inferred", "container_start_edge")
                ]
                work.assume(
                    "partial_import", f"no edge rows in this import: kept its {len(kept)} stored connections"
                )
        if "workflow_subflows" not in tables:
            for kind in ("loops", "parallels"):
                old = found if isinstance(found := base.get(kind), dict) else {}
                for sid, cfg in old.items():
                    if sid in state["blocks"]:
                        state[kind][sid] = cfg
            built.assumptions = [a for a in built.assumptions if a["kind"] != "subflow_derived"]
            fill_subflows(state["blocks"], [], state, built)
    work.state = state
    work.assumptions = built.assumptions + work.assumptions
    _fields(work, wf_row, fields, exists)


def _connections_only(
    work: Work, base: dict[str, Any], edges: list[dict[str, Any]], subflows: list[dict[str, Any]]
) -> None:
    """Edge and/or subflow rows for a stored workflow without block rows: they replace its
    connections and loop settings; its blocks stay as stored."""
    state = dict(base)
    blocks = base["blocks"]
    work.assume("partial_import", "no block rows for it in this import: kept its stored blocks")
    if edges:
        state["edges"] = []
        for row in edges:
            edge = edge_of(row)
            if edge["source"] in blocks and edge["target"] in blocks:
                state["edges"].append(edge)
            else:
                work.assume(
                    "edge_dropped", f"edge {edge['id']} joins blocks this workflow does not have; dropped it"
                )
    if subflows:
        state["loops"], state["parallels"] = {}, {}
        fill_subflows(blocks, subflows, state)
    work.state = state


def _fields(work: Work, wf_row: dict[str, Any] | None, built: Any, exists: bool) -> None:
    """Name, description, variables and Sim's columns: from the workflow row; kept when stored and
    the import has no row for it (None = keep)."""
    if wf_row is None:
        work.name = None if exists else built.name
        return
    work.name = built.name
    work.description = built.description
    work.variables = built.variables
    work.sim_fields = built.sim_fields


def _namer(c: Any, tenant: str) -> Any:
    from lib.store.secrets import TableNamer

    return TableNamer(c, tenant)


def _prepare(tenant: str, work: Work, namer: Any) -> tuple[store.Prepared, bool, int]:
    """Scrub secrets (into the tenant's table), validate, encode: a `Prepared` row set."""
    from lib.secrets import mask_known, scrub

    found: list[Any] = []

    def clean(doc: Any, share: bool = False) -> Any:
        if doc is None:
            return None
        out, more = scrub(doc, namer=namer, share=share)
        found.extend(more)
        return out

    state = clean(work.state, share=True)  # built for this import alone: its quiet parts are not copied
    name, description, variables = clean(work.name), clean(work.description), clean(work.variables)
    sim = dict(work.sim_fields)
    for col in ("deployed_state", "marketplace_data"):
        if sim.get(col) is not None:
            sim[col] = clean(sim[col])
    now = datetime.now(UTC).isoformat()
    meta: dict[str, Any] = {
        "import": {
            "file": work.file,
            "kind": work.kind,
            "assumptions": mask_known(work.assumptions, found),
            "imported_at": now,
        }
    }
    if work.digest is not None:
        meta["import"]["source"] = work.digest
    valid, findings = True, 0
    if state is not None:
        from lib.validation import validate

        report = validate(state)
        valid, findings = report.valid, len(report.findings)
        meta["validation"] = {
            "valid": report.valid,
            "era": report.era,
            "checked_at": now,
            "findings": [f.model_dump() for f in report.findings],
        }
    prep = store.Prepared(
        key=work.key,
        id=workflow_id(tenant, work.sim_id) if work.sim_id else str(uuid.uuid4()),
        name=None if name is None else (name[:200] or "Imported workflow"),
        metadata=orjson.dumps(meta).decode(),
        state=orjson.dumps(state).decode() if state is not None else None,
        description=description,
        variables=orjson.dumps(variables).decode() if variables is not None else None,
        sim=sim,
    )
    if state is not None:
        _rows(prep, state, work.raw if not found else {})
    return prep, valid, findings


def _rows(prep: store.Prepared, state: dict[str, Any], raw: dict[str, tuple[str | None, str | None]]) -> None:
    """The normalized rows of `state` (as every other write mirrors them), JSON encoded once; a
    block's sub_blocks/outputs go as their raw CSV text when nothing in the workflow changed."""
    from lib.store.workflows import mirror_rows

    dumps = orjson.dumps
    blocks, edges, subflows = mirror_rows(state)
    for b in blocks:
        subs, outs = raw.get(b[0], (None, None))
        prep.blocks.append(
            (
                *b[:10],
                subs or dumps(b[10]).decode(),
                outs or dumps(b[11]).decode(),
                dumps(b[12]).decode(),
                *b[13:],
            )
        )
    prep.edges = edges
    prep.subflows = [(f[0], f[1], dumps(f[2]).decode()) for f in subflows]


def _store(
    c: Any,
    tenant: str,
    prepared: list[tuple[Work, store.Prepared, bool, int]],
    found: dict[str, str],
    report: ImportReport,
    out: Batch,
) -> None:
    import psycopg

    preps = [p for _w, p, _v, _f in prepared]
    try:
        with c.transaction():
            created = store.store_batch(c, tenant, preps, found)
        ok = list(zip(prepared, created))
    except psycopg.Error as exc:
        if _outage(exc):
            raise Unavailable(f"database unreachable during the import: {type(exc).__name__}") from None
        ok = []
        for item in prepared:
            work, prep = item[0], item[1]
            try:
                with c.transaction():
                    again = store.existing(c, tenant, [prep.key])
                    stored = store.store_batch(c, tenant, [prep], {k: v.id for k, v in again.items()})
                ok.append((item, stored[0]))
            except psycopg.Error as one:
                if _outage(one):
                    raise Unavailable(
                        f"database unreachable during the import: {type(one).__name__}"
                    ) from None
                # Type only: a database error's text can quote the row, and rows can hold secrets.
                log.warning("import of a workflow from %s failed: %s", work.file, type(one).__name__)
                report.reject(
                    work.file,
                    None,
                    f"workflow {work.sim_id or work.name!r} was not stored: the database refused it "
                    f"({type(one).__name__})",
                )
    for (work, prep, valid, findings), made in ok:
        out.imported += 1
        out.created += int(made)
        imported = Imported(
            id=prep.id,
            name=prep.name or work.stored_name or "Imported workflow",
            valid=valid,
            findings=findings,
            assumptions=work.assumptions,
            created=made,
            source=work.kind,
        )
        out.items.append(imported)
