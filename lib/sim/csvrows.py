"""Streaming reader for Supabase CSV exports of Sim's tables (`workflow`, `workflow_blocks`, ...).

Supabase writes one CSV per table: a header row, booleans as `true/false` (psql: `t/f`), JSON
columns as text, NULL as an empty cell, sometimes a BOM and CRLF, and JSON values with commas
and newlines inside quotes. Files can be far larger than memory, so rows are read one at a
time and each bad row becomes a `RowError` with its line while the good rows keep coming.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import IO, Any

import orjson

from lib import limits
from lib.errors import AgentForgeError
from lib.limits import MAX_DEPTH  # levels of a JSON cell; deeper is refused, never walked

__all__ = [
    "MAX_DEPTH",
    "TABLES",
    "CsvRow",
    "Plan",
    "RowError",
    "cells_within_limits",
    "convert",
    "detect_table",
    "plan",
    "read_raw",
    "read_rows",
    "text_stream",
]

_MAX_DOUBLE = Decimal("1.7976931348623157e308")  # past it, Sim's JavaScript (and float()) overflow

# Cells may hold whole JSON states; the csv module's 128 KiB default is too small for those.
csv.field_size_limit(256 * 1024 * 1024)


@dataclass(frozen=True)
class Table:
    """What we know about one of Sim's tables: how to recognise it and how to type its cells."""

    name: str
    required: tuple[str, ...]
    signature: frozenset[str]  # columns whose presence identifies the table
    json: frozenset[str] = frozenset()
    bools: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()
    counts: frozenset[str] = frozenset()  # whole numbers from 0 that Sim keeps in a PostgreSQL integer


_BOOLS = frozenset(
    {
        "enabled",
        "horizontal_handles",
        "is_wide",
        "advanced_mode",
        "trigger_mode",
        "error_enabled",
        "locked",
        "is_deployed",
        "is_published",
    }
)

# Checked in order: the first whose signature the header contains wins.
TABLES: tuple[Table, ...] = (
    Table(
        "workflow_edges",
        ("id", "workflow_id", "source_block_id", "target_block_id"),
        frozenset({"source_block_id", "target_block_id"}),
    ),
    Table(
        "workflow_blocks",
        ("id", "workflow_id", "type", "name"),
        frozenset({"workflow_id", "type", "sub_blocks"}),
        json=frozenset({"sub_blocks", "outputs", "data", "retry"}),
        bools=_BOOLS,
        numbers=frozenset({"position_x", "position_y", "height"}),
    ),
    Table(
        "workflow_blocks",
        ("id", "workflow_id", "type", "name"),
        frozenset({"workflow_id", "position_x"}),
        json=frozenset({"sub_blocks", "outputs", "data", "retry"}),
        bools=_BOOLS,
        numbers=frozenset({"position_x", "position_y", "height"}),
    ),
    Table(
        "workflow_subflows",
        ("id", "workflow_id", "type"),
        frozenset({"workflow_id", "config", "type"}),
        json=frozenset({"config"}),
    ),
    Table(
        "workflow",
        ("id", "name"),
        frozenset({"id", "name", "state"}),
        json=frozenset({"state", "deployed_state", "variables", "collaborators", "marketplace_data"}),
        bools=_BOOLS,
        counts=frozenset({"run_count"}),
    ),
)
_TRUE = {"true", "t", "1", "yes", "y"}
_FALSE = {"false", "f", "0", "no", "n"}
_BOOL_CELLS = {**dict.fromkeys(_TRUE, True), **dict.fromkeys(_FALSE, False)}


@dataclass
class CsvRow:
    """One typed row: `values` maps column → Python value (None for an empty cell)."""

    table: str
    line: int
    values: dict[str, Any]


@dataclass
class RowError:
    """A row we could not use, and why. `workflow_id` when the row still said which workflow."""

    file: str
    line: int
    reason: str
    workflow_id: str | None = None
    table: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def detect_table(header: Iterable[str]) -> Table | None:
    """The table a header row belongs to, or None when it is not one of Sim's."""
    cols = {c.strip().lower() for c in header}
    for table in TABLES:
        if table.signature <= cols:
            return table
    if {"id", "name"} <= cols and "workflow_id" not in cols and ({"user_id", "workspace_id", "color"} & cols):
        return TABLES[-1]
    return None


class _Chunks(io.RawIOBase):
    """A raw stream over anything with `read(n)` or an iterator of byte chunks (S3 bodies, uploads)."""

    def __init__(self, source: Any) -> None:
        self._read = getattr(source, "read", None)
        self._iter: Iterator[Any] = iter(()) if self._read else iter(source)
        self._buf = b""

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        while not self._buf:
            chunk = self._read(len(b)) if self._read else next(self._iter, b"")
            if not chunk:
                return 0
            self._buf = bytes(chunk)
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n


def text_stream(source: Any) -> IO[str]:
    """UTF-8 text (BOM dropped, newlines left for csv to handle) over bytes, a stream or chunks."""
    if isinstance(source, (bytes, bytearray)):
        source = io.BytesIO(source)
    raw = (
        source
        if isinstance(source, (io.BytesIO, io.BufferedReader))
        else io.BufferedReader(_Chunks(source), 1 << 16)
    )
    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


def read_raw(text: IO[str], file: str = "upload.csv") -> Iterator[tuple[int, list[str]] | RowError]:
    """(line, cells) per record, the header first; a record's line is where it starts."""
    reader = csv.reader(text)
    last = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield RowError(file, last + 1, f"CSV syntax error: {exc}")
            return
        except UnicodeDecodeError:
            yield RowError(file, last + 1, "the file is not UTF-8 text")
            return
        start, last = last + 1, reader.line_num
        if cells:
            yield start, cells


def convert(
    table: Table, header: list[str], cells: list[str], line: int, file: str, *, prechecked: bool = False
) -> CsvRow | RowError:
    """Type one record's cells by the table's column kinds; a RowError says which cell is wrong.

    `prechecked`: the record's cells were judged together by `cells_within_limits`, so its JSON
    cells skip `load_cell`'s own prefilter (the same values and messages)."""
    return plan(table, tuple(header)).convert(cells, line, file, prechecked)


def cells_within_limits(cells_json: str) -> bool:
    """True when no cell of a record can break a JSON limit, judged on the record's cells as one
    JSON array of strings written by orjson (the staged text): `load_cell`'s prefilter for all
    its cells at once, in one pass that marks digits, brackets, `\\u` and NUL. A run of digits,
    a bracket or a NUL inside a cell is in that text as it is (orjson escapes a NUL as `\\u0000`,
    which a cell's own `\\u0000` text also shows; quotes and commas end every cell, so no run
    joins two), and the array adds one bracket. False = check each cell on its own."""
    marks = cells_json.encode("utf-8", "surrogatepass").translate(_LIMIT_MARKS)
    return (
        marks.count(b"[") < limits.MAX_DEPTH
        and marks.find(b"0" * 16) < 0  # `limits.has_long_digit_run`
        and marks.find(b"\\u0000") < 0  # also any `\\u` + 4 digits: those take the checked path
        and marks.find(b"N") < 0
    )


# digits → '0', '[' and '{' → '[', '\\' and 'u' kept, NUL → 'N', every other byte → ' '
_LIMIT_MARKS = bytes(
    0x30
    if 0x30 <= i <= 0x39
    else 0x5B
    if i in (0x5B, 0x7B)
    else i
    if i in (0x5C, 0x75)
    else 0x4E
    if i == 0
    else 0x20
    for i in range(256)
)


@dataclass(frozen=True)
class Plan:
    """How to type a header's columns (`plan`): per column None (text) or its typing function."""

    table: Table
    header: tuple[str, ...]
    wid: int | None  # where the workflow id is
    kinds: tuple[Any, ...]
    json: tuple[tuple[int, str], ...]  # (index, column) of the JSON columns
    bools: tuple[tuple[int, str], ...]
    numbers: tuple[tuple[int, str], ...]
    counts: tuple[tuple[int, str], ...]
    unique: bool  # no column name repeats (a repeated one: the later cell wins, as it is written)

    def convert(self, cells: list[str], line: int, file: str, prechecked: bool = False) -> CsvRow | RowError:
        """The record typed. Columns are typed kind by kind; a cell that is not what exports
        write (a bad one, or `TRUE `, `1e3`) sends the record to `ordered`, which types it
        column by column and names the first bad cell."""
        header = self.header
        if not self.unique or len(cells) != len(header):
            return self.ordered(cells, line, file)
        values: dict[str, Any] = {col: cell or None for col, cell in zip(header, cells)}
        try:
            if prechecked:
                loads = orjson.loads
                for i, col in self.json:
                    if cell := cells[i]:
                        values[col] = loads(cell)
            else:
                for i, col in self.json:
                    if cell := cells[i]:
                        values[col] = load_cell(cell, col)
            for i, col in self.bools:
                if cell := cells[i]:
                    values[col] = _BOOL_CELLS[cell]
            for i, col in self.numbers:
                if cell := cells[i]:
                    values[col] = (
                        int(cell)
                        if cell.isdecimal() and cell.isascii() and len(cell) < 300
                        else _number(cell, col)
                    )
            for i, col in self.counts:
                if cell := cells[i]:
                    values[col] = _count(cell, col)
        except (KeyError, ValueError):  # orjson's JSONDecodeError is a ValueError
            return self.ordered(cells, line, file)
        return self._required(values, line, file, cells)

    def ordered(self, cells: list[str], line: int, file: str) -> CsvRow | RowError:
        """The record typed column by column, in the header's order: the first bad cell is the reason."""
        table, header = self.table, self.header
        if len(cells) != len(header):
            return RowError(
                file,
                line,
                f"row has {len(cells)} fields; the header has {len(header)}",
                self._wid(cells),
                table.name,
            )
        values: dict[str, Any] = {}
        for col, typed, cell in zip(header, self.kinds, cells):
            if cell == "":
                values[col] = None
            elif typed is None:
                values[col] = cell
            else:
                try:
                    values[col] = typed(cell, col)
                except ValueError as exc:
                    return RowError(file, line, f"column {col!r}: {exc}", self._wid(cells), table.name)
        return self._required(values, line, file, cells)

    def _required(self, values: dict[str, Any], line: int, file: str, cells: list[str]) -> CsvRow | RowError:
        table = self.table
        for col in table.required:
            if values.get(col) is None:
                return RowError(
                    file,
                    line,
                    f"column {col!r} is empty; {table.name} rows need it",
                    self._wid(cells),
                    table.name,
                )
        return CsvRow(table.name, line, values)

    def _wid(self, cells: list[str]) -> str | None:
        if self.wid is not None and len(cells) > self.wid:
            return cells[self.wid] or None
        return None


@lru_cache(maxsize=64)
def plan(table: Table, header: tuple[str, ...]) -> Plan:
    """How to type the cells of `header` (a table's header row, lowercased): worked out once a header."""
    if "workflow_id" in header:
        wid: int | None = header.index("workflow_id")
    elif table.name == "workflow" and "id" in header:
        wid = header.index("id")
    else:
        wid = None
    kinds = tuple(_kind(table, col) for col in header)
    cols = list(enumerate(header))
    return Plan(
        table,
        header,
        wid,
        kinds,
        json=tuple((i, col) for i, col in cols if kinds[i] is load_cell),
        bools=tuple((i, col) for i, col in cols if kinds[i] is _bool),
        numbers=tuple((i, col) for i, col in cols if kinds[i] is _number),
        counts=tuple((i, col) for i, col in cols if kinds[i] is _count),
        unique=len(set(header)) == len(header),
    )


def _kind(table: Table, col: str) -> Any:
    if col in table.json:
        return load_cell
    if col in table.bools:
        return _bool
    if col in table.numbers:
        return _number
    if col in table.counts:
        return _count
    return None


def _bool(cell: str, _col: str) -> bool:
    known = _BOOL_CELLS.get(cell)  # what exports write: no need to strip and lower
    if known is not None:
        return known
    low = cell.strip().lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise ValueError(f"{cell[:20]!r} is not a boolean (true/false or t/f)")


def _number(cell: str, _col: str) -> int | float:
    if cell.isdecimal() and cell.isascii() and len(cell) < 300:  # what exports write for counts, heights
        return int(cell)
    try:
        num = Decimal(cell.strip())
    except InvalidOperation:
        raise ValueError(f"{cell[:20]!r} is not a number") from None
    if not num.is_finite() or abs(num) > _MAX_DOUBLE:
        raise ValueError(f"{cell[:20]!r} is not a finite number in a double's range")
    return int(num) if num == num.to_integral_value() else float(num)


_MAX_COUNT = 2**31 - 1


def _count(cell: str, col: str) -> int:
    num = _number(cell, col)
    if isinstance(num, float) or not 0 <= num <= _MAX_COUNT:
        raise ValueError(f"{cell[:20]!r} is not a count (a whole number from 0 to {_MAX_COUNT:,})")
    return num


# What could break a limit in a cell's text: a NUL, a long digit run (orjson reads integers past
# 64 bits as floats), or more brackets than the depth limit. Cells without any are decoded by
# orjson alone, which refuses NaN, Infinity, out-of-range numbers and lone surrogates itself.
def _suspect(cell: str) -> bool:
    text = cell.encode("utf-8", "surrogatepass")  # a lone surrogate is orjson's to refuse, with its message
    return "\x00" in cell or "\\u0000" in cell or limits.has_long_digit_run(text)


def load_cell(cell: str, col: str = "cell") -> Any:
    """A JSON cell decoded through `lib.limits` (NaN, Infinity, numbers out of a double's range,
    lone surrogates, NUL characters and nesting deeper than MAX_DEPTH are refused, naming where).

    Most cells cannot break a limit; those go through orjson alone (the same values, ~10x faster),
    and anything it refuses or the prefilter flags takes the checked path for its exact message."""
    if cell.count("[") + cell.count("{") < limits.MAX_DEPTH and not _suspect(cell):
        return _load(cell, col)
    return _checked(cell, col)


def _load(cell: str, col: str) -> Any:
    """`load_cell` for a cell its prefilter passed (or `cells_within_limits`, for its record)."""
    try:
        return orjson.loads(cell)
    except orjson.JSONDecodeError:
        return _checked(cell, col)


def _checked(cell: str, col: str) -> Any:
    try:
        return limits.load_json(cell, field=col)
    except AgentForgeError as exc:
        raise ValueError(exc.message) from None


def read_rows(source: Any, file: str = "upload.csv") -> Iterator[CsvRow | RowError]:
    """Typed rows of one CSV file, one at a time. The table is detected from the header."""
    records = read_raw(text_stream(source), file)
    first = next(records, None)
    if first is None:
        yield RowError(file, 1, "the file is empty; expected a header row")
        return
    if isinstance(first, RowError):
        yield first
        return
    _line, header = first
    header = [h.strip().lower() for h in header]
    table = detect_table(header)
    if table is None:
        yield RowError(
            file,
            1,
            f"header {','.join(header)[:120]!r} is not one of Sim's tables "
            "(workflow, workflow_blocks, workflow_edges, workflow_subflows)",
        )
        return
    for item in records:
        if isinstance(item, RowError):
            yield item
            return
        line, cells = item
        yield convert(table, header, cells, line, file)
