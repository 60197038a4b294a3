"""A temporary on-disk table of CSV rows, so rows can be grouped per workflow in flat memory.

Block rows of one workflow are scattered across a file (and across files: blocks, edges and
subflows come as separate CSVs). Holding them all in memory would grow with the file; a
SQLite file in the temp directory (stdlib, no server) keeps memory flat whatever the size.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from typing import Self

_BATCH = 2000


class Spill:
    """Append raw CSV records, then read them back one workflow at a time, in order of first appearance."""

    def __init__(self) -> None:
        fd, self.path = tempfile.mkstemp(prefix="agent-forge-import-", suffix=".sqlite")
        os.close(fd)
        self._db = sqlite3.connect(self.path)
        self._db.executescript(
            "pragma journal_mode=off; pragma synchronous=off; pragma cache_size=-4000; pragma temp_store=file;"
            "create table headers (id integer primary key, file text, tbl text, cols text);"
            "create table rows (wid text, header int, line int, cells text);"
        )
        self._pending: list[tuple[str, int, int, str]] = []
        self.count = 0

    def header(self, file: str, table: str, cols: list[str]) -> int:
        cur = self._db.execute(
            "insert into headers (file, tbl, cols) values (?, ?, ?)", (file, table, json.dumps(cols))
        )
        return int(cur.lastrowid or 0)

    def add(self, wid: str, header: int, line: int, cells: list[str]) -> None:
        self._pending.append((wid, header, line, json.dumps(cells, ensure_ascii=False)))
        self.count += 1
        if len(self._pending) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._db.executemany("insert into rows values (?, ?, ?, ?)", self._pending)
            self._pending.clear()

    def workflows(self) -> list[str]:
        """Workflow ids, in the order they first appeared (ids only: small even for huge files)."""
        self._flush()
        self._db.execute("create index if not exists rows_wid on rows (wid)")
        return [r[0] for r in self._db.execute("select wid from rows group by wid order by min(rowid)")]

    def headers(self) -> dict[int, tuple[str, str, list[str]]]:
        return {
            i: (f, t, json.loads(c))
            for i, f, t, c in self._db.execute("select id, file, tbl, cols from headers")
        }

    def rows(self, wid: str) -> Iterator[tuple[int, int, list[str]]]:
        """(header id, line, cells) of one workflow, in file order."""
        for header, line, cells in self._db.execute(
            "select header, line, cells from rows where wid = ? order by rowid", (wid,)
        ):
            yield header, line, json.loads(cells)

    def close(self) -> None:
        self._db.close()
        try:
            os.unlink(self.path)
        except OSError:
            pass

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
