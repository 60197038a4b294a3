"""The import pipeline: files of any supported kind in, stored workflows and a report out.

Kinds are told apart by content, not name: a CSV of one of Sim's tables (by its header), a JSON
state or export envelope (JUL25 text editor, HEAD), a JUL25 YAML export, or a state in YAML.
CSV rows are spilled to a temp table and grouped per workflow, so a 50 MB export is read in flat
memory. Each workflow is validated and stored in one transaction under an import key derived
from its source identity (Sim's workflow id, else its content), so importing again updates in
place. A workflow that lost a row to a parse error is not stored at all: never half of it.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePath
from typing import Any

from lib.errors import AgentForgeError, InvalidInput, MalformedInput
from lib.imports.models import Imported, ImportReport
from lib.imports.spill import Spill
from lib.sim import csvrows, yaml_format
from lib.sim.envelope import content_hash, load_json, read_envelope
from lib.sim.rows import build_state

__all__ = ["Candidate", "Source", "detect_kind", "import_key", "run_import"]

log = logging.getLogger(__name__)
Progress = Callable[[str, int, "int | None"], None]  # (stage, done, total)
_HEAD = 64 * 1024


@dataclass
class Source:
    """One input file: a name for the report and its bytes (bytes, a binary stream or byte chunks)."""

    name: str
    data: Any
    size: int | None = None


@dataclass
class Candidate:
    """A workflow ready to store."""

    file: str
    kind: str
    name: str
    state: dict[str, Any]
    key: str
    preferred_id: str | None = None
    description: str | None = None
    variables: dict[str, Any] = field(default_factory=dict)
    sim_fields: dict[str, Any] = field(default_factory=dict)
    assumptions: list[dict[str, Any]] = field(default_factory=list)


def import_key(identity: str) -> str:
    """The tenant-independent key of a source ('sim:<workflow id>' or 'state:<content hash>')."""
    return content_hash(identity)


class _Counting(io.RawIOBase):
    """Counts bytes as they are read, for the progress bar."""

    def __init__(self, source: Any, tick: Callable[[int], None]) -> None:
        self._inner = (
            io.BufferedReader(csvrows._Chunks(source), 1 << 16) if not hasattr(source, "readinto") else source
        )
        self._tick = tick

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        n = self._inner.readinto(b)
        if n:
            self._tick(n)
        return n or 0


def detect_kind(head: bytes) -> str:
    """'json', 'csv' or 'yaml' from the first bytes of a file ('unknown' for none of these)."""
    text = head.decode("utf-8-sig", errors="ignore").lstrip()
    if not text:
        return "unknown"
    if text[0] in "{[":
        return "json"
    first = text.splitlines()[0] if text.splitlines() else ""
    try:
        cols = next(iter(csvrows.csv.reader([first])), [])
    except csvrows.csv.Error:
        cols = []
    if len(cols) > 1 and csvrows.detect_table(cols) is not None:
        return "csv"
    return "yaml"


def _stem(name: str) -> str:
    stem = PurePath(name).stem
    return stem.removesuffix("_workflow")


def _documents(src_name: str, kind: str, raw: bytes) -> list[Candidate]:
    """Candidates from one JSON or YAML file (raises MalformedInput / InvalidInput)."""
    if kind == "json":
        doc = load_json(raw, field=src_name)
    else:
        doc = yaml_format.parse_yaml(raw, file=src_name)
        if yaml_format.is_jul25_yaml(doc):
            state = yaml_format.from_yaml(doc, file=src_name)
            return [
                Candidate(
                    src_name, "jul25-yaml", _stem(src_name), state, import_key("yaml:" + content_hash(doc))
                )
            ]
        if not isinstance(doc, dict):
            raise InvalidInput(
                f"{src_name} is not a Sim CSV table, JSON state or YAML workflow "
                f"(it reads as {type(doc).__name__})",
                field=src_name,
            )
    docs = doc if isinstance(doc, list) else [doc]
    out = []
    for i, item in enumerate(docs):
        label = src_name if len(docs) == 1 else f"{src_name}[{i}]"
        from lib.sim.state import parse_state

        unwrapped = read_envelope(item)
        try:
            parse_state(unwrapped.state, field=label)
        except InvalidInput as exc:
            places = "; ".join(f"{d.get('path') or '/'}: {d.get('message')}" for d in exc.details[:3])
            raise InvalidInput(
                f"{label}: {exc.message} {places}".strip(), field=label, details=exc.details
            ) from None
        identity = f"sim:{unwrapped.sim_id}" if unwrapped.sim_id else "state:" + content_hash(unwrapped.state)
        out.append(
            Candidate(
                label,
                unwrapped.kind,
                unwrapped.name or _stem(src_name),
                unwrapped.state,
                import_key(identity),
                preferred_id=unwrapped.sim_id,
                description=unwrapped.description,
                variables=unwrapped.variables,
            )
        )
    return out


class _Run:
    def __init__(self, tenant: str, progress: Progress | None) -> None:
        self.tenant = tenant
        self.report = ImportReport()
        self.progress = progress or (lambda stage, done, total: None)
        self.read = 0
        self.spill: Spill | None = None

    def tick(self, n: int) -> None:
        self.read += n
        self.progress("read", self.read, None)

    # -- reading -----------------------------------------------------------------------------
    def take(self, source: Source) -> list[Candidate]:
        stream = io.BufferedReader(
            _Counting(
                source.data if not isinstance(source.data, (bytes, bytearray)) else io.BytesIO(source.data),
                self.tick,
            ),
            1 << 16,
        )
        kind = detect_kind(stream.peek(_HEAD)[:_HEAD])
        if kind == "unknown":
            self.report.reject(source.name, None, "the file is empty", malformed=True)
            return []
        if kind == "csv":
            self._spill_csv(source.name, stream)
            return []
        try:
            return _documents(source.name, kind, stream.read())
        except AgentForgeError as exc:
            line = next((d.get("line") for d in exc.details if isinstance(d, dict) and d.get("line")), None)
            self.report.reject(source.name, line, exc.message, malformed=isinstance(exc, MalformedInput))
            return []

    def _spill_csv(self, name: str, stream: Any) -> None:
        self.spill = self.spill or Spill()
        records = csvrows.read_raw(csvrows.text_stream(stream), name)
        first = next(records, None)
        if first is None or isinstance(first, csvrows.RowError):
            self.report.reject(name, 1, first.reason if first else "the file is empty", malformed=True)
            return
        header = [h.strip().lower() for h in first[1]]
        table = csvrows.detect_table(header)
        if table is None:  # detect_kind checked the header
            raise RuntimeError(f"{name}: the header names no Sim table")
        hid = self.spill.header(name, table.name, header)
        wcol = header.index("workflow_id") if "workflow_id" in header else header.index("id")
        for item in records:
            if isinstance(item, csvrows.RowError):
                self.report.reject(item.file, item.line, item.reason, malformed=True)
                break
            line, cells = item
            wid = cells[wcol] if len(cells) > wcol else ""
            if not wid:
                bad = csvrows.convert(table, header, cells, line, name)
                reason = bad.reason if isinstance(bad, csvrows.RowError) else "the row names no workflow"
                self.report.reject(name, line, reason, malformed=True)
                continue
            self.spill.add(wid, hid, line, cells)

    # -- grouping and storing ----------------------------------------------------------------
    def csv_candidates(self) -> Iterable[Candidate]:
        if self.spill is None:
            return
        headers = self.spill.headers()
        tables = {
            name: next(t for t in csvrows.TABLES if t.name == name) for _f, name, _c in headers.values()
        }
        for wid in self.spill.workflows():
            groups: dict[str, list[dict[str, Any]]] = {
                "workflow": [],
                "workflow_blocks": [],
                "workflow_edges": [],
                "workflow_subflows": [],
            }
            bad: list[csvrows.RowError] = []
            files: list[str] = []
            for hid, line, cells in self.spill.rows(wid):
                file, tname, cols = headers[hid]
                row = csvrows.convert(tables[tname], cols, cells, line, file)
                if isinstance(row, csvrows.RowError):
                    bad.append(row)
                    self.report.reject(row.file, row.line, row.reason, malformed=True)
                    continue
                groups[tname].append(row.values)
                files.append(file)
            if bad:
                self.report.reject(
                    bad[0].file,
                    bad[0].line,
                    f"workflow {wid} was not imported: {len(bad)} of its rows could not be read "
                    "(see above); storing the rest would leave it half-written",
                    malformed=True,
                )
                continue
            built = build_state(
                groups["workflow_blocks"],
                groups["workflow_edges"],
                groups["workflow_subflows"],
                groups["workflow"][0] if groups["workflow"] else None,
                workflow_id=wid,
            )
            yield Candidate(
                ", ".join(dict.fromkeys(files)),
                "csv",
                built.name,
                built.state,
                import_key(f"sim:{wid}"),
                preferred_id=wid,
                description=built.description,
                variables=built.variables,
                sim_fields=built.sim_fields,
                assumptions=built.assumptions,
            )

    def land(self, cand: Candidate) -> None:
        from lib.search.indexing import reindex
        from lib.store import workflows
        from lib.validation import validate

        report = validate(cand.state)
        now = datetime.now(UTC).isoformat()
        metadata = {
            "import": {
                "file": cand.file,
                "kind": cand.kind,
                "assumptions": cand.assumptions,
                "imported_at": now,
            },
            "validation": {
                "valid": report.valid,
                "era": report.era,
                "checked_at": now,
                "findings": [f.model_dump() for f in report.findings],
            },
        }
        try:
            record, created = workflows.upsert_import(
                self.tenant,
                cand.key,
                state=cand.state,
                name=cand.name[:200] or "Imported workflow",
                preferred_id=cand.preferred_id,
                description=cand.description,
                metadata=metadata,
                variables=cand.variables,
                sim_fields=cand.sim_fields,
                reindex=reindex,
            )
        except AgentForgeError as exc:
            self.report.reject(cand.file, None, f"workflow {cand.name!r} was not stored: {exc.message}")
            return
        except Exception as exc:
            # Type only: a database error's text can quote the row, and rows can hold secrets.
            log.warning("import of a workflow from %s failed: %s", cand.file, type(exc).__name__)
            self.report.reject(
                cand.file, None, f"workflow {cand.name!r} was not stored: {type(exc).__name__}"
            )
            return
        self.report.add(
            Imported(
                id=record.id,
                name=record.name,
                valid=report.valid,
                findings=len(report.findings),
                assumptions=cand.assumptions,
                created=created,
                source=cand.kind,
            )
        )


def run_import(tenant: str, sources: Iterable[Source], *, progress: Progress | None = None) -> ImportReport:
    """Import every source for `tenant`; never raises for bad input (it lands in `rejected`)."""
    run = _Run(tenant, progress)
    try:
        pending: list[Candidate] = []
        for source in sources:
            pending += run.take(source)
        done = 0
        for cand in pending:
            run.land(cand)
            done += 1
            run.progress("store", done, None)
        for cand in run.csv_candidates():
            run.land(cand)
            done += 1
            run.progress("store", done, None)
    finally:
        if run.spill is not None:
            run.spill.close()
    return run.report.finish()
