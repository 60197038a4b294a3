"""Rows exported, saved, backed up or dumped "to a CSV (file)" in a storage service: the rows read are turned
into CSV text and uploaded as a .csv file — the CSV is the format of what is written, not a file to parse (a CSV
file to parse stays the file block). `planner_csv_exports.jsonl`, written before the fix: 0 of 6
right before, 5 after (the parse control was wrong before and still is)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {
    "csv-parse-control": "a CSV file at a URL is fetched by an HTTP GET and read by an agent (not the file block), "
    "and its rows go to Supabase as one JSON text (wrong before this fix too; left alone)",
}


@pytest.mark.parametrize("item", cases("planner_csv_exports.jsonl", _KNOWN))
def test_a_csv_export_is_a_csv_file(item):
    assert_right(item, seed="csv")
