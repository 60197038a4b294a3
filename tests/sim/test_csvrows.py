"""Supabase CSV quirks: header detection, BOM, CRLF, t/f, JSON text with commas/newlines, bad rows."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "imports"))

import rowfixtures as F

from lib.sim import csvrows


def _rows(data: bytes):
    return list(csvrows.read_rows(data, "blocks.csv"))


def test_bom_crlf_and_tf_booleans_are_read():
    rows = _rows(F.to_csv(F.triage_blocks(), F.BLOCK_COLUMNS, bom=True, crlf=True, bools="tf"))
    assert [r.values["name"] for r in rows] == ["Start", "Agent 1", "API 1", "Loop 1", "Function 1"]
    start = rows[0].values
    assert start["id"] == F.START  # no BOM glued to the first column name
    assert start["enabled"] is True and start["is_wide"] is False
    assert start["position_x"] == 100 and isinstance(start["position_x"], int)
    assert start["parent_id"] is None  # empty cell = NULL
    assert rows[4].values["parent_id"] == F.LOOP


def test_quoted_json_with_commas_and_newlines_keeps_line_numbers():
    rows = _rows(F.to_csv(F.triage_blocks(), F.BLOCK_COLUMNS, pretty=True))
    body = rows[2].values["sub_blocks"]["body"]["value"]
    assert "\n" in body and '"tags": ["auto", "triage"]' in body
    # Pretty JSON cells span many physical lines: each row reports the line it starts on.
    assert rows[0].line == 2 and rows[1].line > rows[0].line + 10 and rows[3].line > rows[2].line + 10


def test_bad_row_in_the_middle_is_rejected_and_the_rest_continue():
    data = F.to_csv(F.triage_blocks(), F.BLOCK_COLUMNS, crlf=True).decode()
    lines = data.split("\r\n")
    bad_line = (
        f'"blk-bad","{F.WF_ID}","agent","Broken",1,2,true,true,false,false,0,"{{not json",{{}},{{}},,,,'
    )
    lines.insert(2, bad_line)
    rows = _rows("\r\n".join(lines).encode())
    errors = [r for r in rows if isinstance(r, csvrows.RowError)]
    good = [r for r in rows if isinstance(r, csvrows.CsvRow)]
    assert len(errors) == 1 and errors[0].line == 3 and "sub_blocks" in errors[0].reason
    assert errors[0].workflow_id == F.WF_ID
    assert len(good) == 5


def test_wrong_field_count_and_bad_boolean_and_number_are_reasons():
    header = ",".join(F.BLOCK_COLUMNS)
    rows = _rows(
        (
            header
            + "\nonly,three,fields\n"
            + f"b1,{F.WF_ID},agent,A,1,2,maybe,t,f,f,0,{{}},{{}},{{}},,,,\n"
            + f"b2,{F.WF_ID},agent,A,left,2,t,t,f,f,0,{{}},{{}},{{}},,,,\n"
        ).encode()
    )
    reasons = [r.reason for r in rows]
    assert "3 fields; the header has 18" in reasons[0]
    assert "'enabled'" in reasons[1] and "boolean" in reasons[1]
    assert "'position_x'" in reasons[2] and "number" in reasons[2]


def test_table_detection_from_header():
    assert csvrows.detect_table(F.BLOCK_COLUMNS).name == "workflow_blocks"
    assert csvrows.detect_table(F.EDGE_COLUMNS).name == "workflow_edges"
    assert csvrows.detect_table(F.WORKFLOW_COLUMNS).name == "workflow"
    assert csvrows.detect_table(["id", "workflow_id", "type", "config"]).name == "workflow_subflows"
    assert csvrows.detect_table(["a", "b"]) is None
    bad = _rows(b"foo,bar\n1,2\n")
    assert bad[0].line == 1 and "not one of Sim's tables" in bad[0].reason


def test_reads_from_a_chunk_iterator():
    data = F.to_csv(F.triage_blocks(), F.BLOCK_COLUMNS)
    chunks = (data[i : i + 7] for i in range(0, len(data), 7))
    assert len(list(csvrows.read_rows(chunks))) == 5


def test_json_cells_decode_like_the_checked_path_and_refuse_the_same():
    """Cells orjson decodes alone give the values `lib.limits` gives; what it cannot vouch for
    (long digit runs, NUL, deep nesting, NaN, lone surrogates) gets the checked path's message."""
    from lib import limits

    same = [
        '{"a": [1, 2.5, -0.0, 1e-5, "x", null, true, false], "b": {"c": "\\u00e9\\ud83d\\ude00"}}',
        "[]",
        '"plain"',
        "12345678901234567890123",  # past 64 bits: an int, as json reads it (orjson would give a float)
        '{"é": [0.12345678901234567891, -98765432109876543210]}',  # long runs after non-ASCII text
        '["\u0661\u0662\u0663", "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧"]',  # other digits: only ever inside strings
        "[" * 60 + "]" * 60,
        '{"dup": 1, "dup": 2}',
    ]
    for cell in same:
        got = csvrows.load_cell(cell)
        assert got == limits.load_json(cell, field="cell") and type(got) is type(
            limits.load_json(cell, field="cell")
        )
    refused = {
        '"a\\u0000b"': "NUL",
        "[" * 70 + "]" * 70: "nested too deeply",
        "[NaN]": "not a number",
        "1e999": "not a number",
        '"\\ud800"': "lone surrogate",
        '{"cut": ': "not valid JSON",
    }
    for cell, reason in refused.items():
        with pytest.raises(ValueError, match=reason):
            csvrows.load_cell(cell)


def test_number_cells_read_like_decimal():
    for cell in ["0", "7", "100", "0012", "-3", "2.5", "1e3", " 4 ", "1_000", "9" * 299, "9" * 400]:
        try:
            expected = csvrows.Decimal(cell.strip())
        except csvrows.InvalidOperation:
            expected = None
        try:
            got = csvrows._number(cell, "height")
        except ValueError:
            got = None
        if expected is None or not expected.is_finite() or abs(expected) > csvrows._MAX_DOUBLE:
            assert got is None, cell
        else:
            assert got == expected and type(got) is (
                int if expected == expected.to_integral_value() else float
            )


def test_a_record_judged_whole_types_like_each_cell_alone():
    """`cells_within_limits` on a record's staged text (one orjson array) lets its JSON cells skip
    `load_cell`'s prefilter: only when no cell could break a limit, so values and errors match."""
    import itertools

    import orjson

    cells_pool = [
        "",
        "{}",
        '{"a": [1, 2.5, "x"]}',
        '"a\\u0000b"',  # an escaped NUL in the cell's JSON
        "a\x00b",  # a raw NUL (not JSON)
        "[" * 40 + "]" * 40,
        "[" * 70 + "]" * 70,
        '{"n": 1234567890123456}',
        '{"n": 123456789012345}',
        "[NaN]",
        "1e999",
        '"\\ud800"',
        '{"cut": ',
        '{"s": "caf\u00e9 \\u0000"}',
        "12345678901234567890123",
    ]
    table = csvrows.detect_table(["id", "workflow_id", "type", "config"])
    header = ["id", "workflow_id", "type", "config"]
    for a, b in itertools.product(cells_pool, repeat=2):
        for cells in (["s1", "wf", "loop", a], ["s1", "wf", b, a], ["s1" + b[:3], "wf", "loop", b]):
            text = orjson.dumps(cells).decode()
            judged = csvrows.convert(
                table, header, cells, 2, "f.csv", prechecked=csvrows.cells_within_limits(text)
            )
            alone = csvrows.convert(table, header, cells, 2, "f.csv")
            assert type(judged) is type(alone) and judged == alone, cells
            if csvrows.cells_within_limits(text):
                assert all(c.count("[") + c.count("{") < 64 and not csvrows._suspect(c) for c in cells)


def test_a_header_that_repeats_a_column_keeps_the_later_cell():
    header = ["id", "workflow_id", "type", "config", "config"]
    table = csvrows.detect_table(header)
    for first, last in (("{}", ""), ("", '{"a": 1}'), ('{"a": 1}', '{"b": 2}'), ("{bad", "{}")):
        row = csvrows.convert(table, header, ["s1", "wf", "loop", first, last], 2, "f.csv")
        if first == "{bad":
            assert isinstance(row, csvrows.RowError) and "'config'" in row.reason
        else:
            assert row.values["config"] == (None if last == "" else __import__("json").loads(last))
