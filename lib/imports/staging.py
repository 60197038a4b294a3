"""Reading import files once into the staging table, keyed by the workflow each record belongs to.

CSV records keep their raw cell text (a JSON array of strings, cells untouched); a JSON or YAML
file becomes one record holding its text. Grouping then happens in the database, so memory
stays flat whatever the file size, and the batches that follow can run in later calls.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson

from lib.imports.models import ImportReport
from lib.sim import csvrows

__all__ = ["DOC_PREFIX", "Staged", "records"]

DOC_PREFIX = "\x01doc:"  # sorts before any workflow id a CSV can name (files in order first); never a Sim id
_HEAD = 64 * 1024


@dataclass
class Staged:
    """What staging learnt: the files (name, table, header) and the rows it rejected already."""

    files: list[dict[str, Any]] = field(default_factory=list)
    rows: int = 0


class _Counting(io.RawIOBase):
    """Counts bytes as they are read, for the progress bar."""

    def __init__(self, source: Any, tick: Callable[[int], None]) -> None:
        if isinstance(source, (bytes, bytearray)):
            source = io.BytesIO(source)
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


def records(
    sources: list[Any], report: ImportReport, staged: Staged, tick: Callable[[int], None]
) -> Iterator[tuple[str, int, int, int, str]]:
    """(workflow key, order, file index, line, cells JSON) for every usable record of `sources`.

    Rejected records (CSV syntax, a row naming no workflow, an empty file) go to `report`.
    """
    from lib.imports.pipeline import detect_kind

    for source in sources:
        stream = io.BufferedReader(_Counting(source.data, tick), 1 << 16)
        kind = detect_kind(stream.peek(_HEAD)[:_HEAD])
        file_ix = len(staged.files)
        if kind == "unknown":
            report.reject(source.name, None, "the file is empty", malformed=True)
            continue
        if kind != "csv":
            staged.files.append({"name": source.name, "table": kind, "header": []})
            raw = stream.read()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                report.reject(source.name, None, "the file is not UTF-8 text", malformed=True)
                continue
            staged.rows += 1
            yield f"{DOC_PREFIX}{file_ix:06d}", staged.rows, file_ix, 0, orjson.dumps([text]).decode()
            continue
        yield from _csv(source.name, stream, file_ix, report, staged)


def _csv(
    name: str, stream: Any, file_ix: int, report: ImportReport, staged: Staged
) -> Iterator[tuple[str, int, int, int, str]]:
    rows = csvrows.read_raw(csvrows.text_stream(stream), name)
    first = next(rows, None)
    if first is None or isinstance(first, csvrows.RowError):
        report.reject(name, 1, first.reason if first else "the file is empty", malformed=True)
        return
    header = [h.strip().lower() for h in first[1]]
    table = csvrows.detect_table(header)
    if table is None:  # detect_kind checked the header
        raise RuntimeError(f"{name}: the header names no Sim table")
    staged.files.append({"name": name, "table": table.name, "header": header})
    wcol = header.index("workflow_id") if "workflow_id" in header else header.index("id")
    dumps = orjson.dumps
    for item in rows:
        if isinstance(item, csvrows.RowError):
            report.reject(item.file, item.line, item.reason, malformed=True)
            return
        line, cells = item
        wid = cells[wcol] if len(cells) > wcol else ""
        if not wid or "\x00" in wid or wid.startswith(DOC_PREFIX):
            bad = csvrows.convert(table, header, cells, line, name)
            reason = bad.reason if isinstance(bad, csvrows.RowError) else "the row names no valid workflow id"
            report.reject(name, line, reason, malformed=True)
            continue
        staged.rows += 1
        yield wid, staged.rows, file_ix, line, dumps(cells).decode()
