"""A loop over a sheet's rows repeats over the rows after the header, each with its cells under the column
names: July 2025 Sim's Sheets and Excel reads return the header row first, as a list of cells like every
other row. The function's code is run in Node on the values Sim's resolver puts in place of its reference."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from lib.generation import planner
from lib.generation.compose import compose
from lib.generation.sheet_rows import added_here
from lib.validation import validate

_EACH_ROW = (
    "Every Monday at 9 read the Google Sheet 'Members' and for each member, email them a reminder (their address "
    "is in the 'contact_email' column)"
)
_EXCEL = "Every day at 7 read the Excel workbook 'Tanks' and for each row post the tank to #cellar on Slack"


def _rows(description: str):
    plan = planner.draft(description).plan
    loop = next(b for b in plan.blocks if b.type == "loop")
    rows = next(b for b in plan.blocks if b.type == "function" and added_here(b.name))
    return plan, loop, rows


@pytest.mark.parametrize("description", [_EACH_ROW, _EXCEL])
def test_the_loop_repeats_over_the_named_rows(description):
    plan, loop, rows = _rows(description)
    assert loop.collection == f"<{rows.id}.result>"
    code = plan.value(rows.id, "code") or ""
    assert ".data.values>" in code
    state = compose(plan, seed="rows").state
    report = validate(state, era="jul25")
    assert report.valid and not [f for f in report.findings if f.severity == "error"]


def test_a_column_the_user_names_is_read_by_name():
    plan, loop, _ = _rows(_EACH_ROW)
    inside = [b for b in plan.blocks if b.parent == loop.id]
    said = " ".join(v.value for b in inside for v in b.values)
    assert "'contact_email'" in said and "<loop.currentItem.1>" not in said


def test_a_loop_over_another_list_is_left_as_it_is():
    plan = planner.draft(
        "Every 10 minutes read the new emails in Gmail and for each one post its subject to #inbox"
    ).plan
    assert not [b for b in plan.blocks if added_here(b.name)]


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the function")
@pytest.mark.parametrize(
    ("resolved", "rows"),
    [
        (
            '[["Name", "Email", "Paid"], ["Ann", "a@x.io", "no"], ["", "", ""], ["Bo", "b@x.io"]]',
            [{"Name": "Ann", "Email": "a@x.io", "Paid": "no"}, {"Name": "Bo", "Email": "b@x.io", "Paid": ""}],
        ),
        ('[["Name", ""], ["Ann", "x"]]', [{"Name": "Ann", "column 2": "x"}]),
        ('[["Name", "Email"]]', []),
        ("[]", []),
        ('[{"Name": "Ann"}]', [{"Name": "Ann"}]),
    ],
)
def test_the_rows_after_the_header_by_name(resolved, rows):
    plan, loop, block = _rows(_EACH_ROW)
    code = (plan.value(block.id, "code") or "").replace(f"<{plan.block(block.id).id}", "<")
    listed = next(r for r in ("<googlesheets1.data.values>",) if r in code)
    body = code.replace(listed, resolved)
    out = subprocess.run(
        ["node", "-e", f"console.log(JSON.stringify((() => {{ {body} }})()))"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == rows


_ANY_ROW = (
    "Hourly, check the Excel workbook 'Shift Log'; if any row has delay_minutes > 45, post to the Teams channel "
    "'Duty Managers'."
)


def _test_over_rows():
    plan = planner.draft(_ANY_ROW).plan
    (test,) = [b for b in plan.blocks if b.type == "condition"]
    rows = next(b for b in plan.blocks if b.type == "function" and added_here(b.name))
    expression = json.loads(plan.value(test.id, "conditions") or "[]")[0]["value"]
    return plan, rows, expression


def test_a_test_over_a_sheets_rows_reads_them_by_column_name():
    """'if any row has delay_minutes > 45' over a read of cells tested `x["delay_minutes"]` on lists of cells, which
    is never a number: the test was false on every run. It reads the named rows instead."""
    plan, rows, expression = _test_over_rows()
    assert expression.startswith(f"[].concat(<{rows.id}.result> || [])")
    assert "<microsoftexcel1.data.values>" in (plan.value(rows.id, "code") or "")
    report = validate(compose(plan, seed="rows").state, era="jul25")
    assert report.valid and not [f for f in report.findings if f.severity == "error"]


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the function")
@pytest.mark.parametrize(
    ("resolved", "holds"),
    [
        ('[["shift", "delay_minutes"], ["early", "10"], ["late", "50"]]', True),
        ('[["shift", "delay_minutes"], ["early", "10"]]', False),
        ('[["shift", "delay_minutes"]]', False),
    ],
)
def test_the_test_holds_when_a_row_is_over(resolved, holds):
    plan, rows, expression = _test_over_rows()
    code = (plan.value(rows.id, "code") or "").replace("<microsoftexcel1.data.values>", resolved)
    script = (
        f"const named = (() => {{ {code} }})();\n"
        f"console.log(JSON.stringify({expression.replace(f'<{rows.id}.result>', 'named')}));"
    )
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) is holds


_LATEST = (
    "Every two hours, check the latest row of the Google Sheet 'Water Tests', and if the pH is outside 7.2–7.8, post "
    "an alert in the Teams channel 'Duty Team'."
)
_ANY_READING = "Every hour read the Excel workbook 'Readings' and if the temperature is above 8, text me on +447700900123."


def _holds(description: str, read: str, resolved: str) -> bool:
    plan = planner.draft(description).plan
    (test,) = [b for b in plan.blocks if b.type == "condition"]
    rows = next(b for b in plan.blocks if b.type == "function" and added_here(b.name))
    expression = json.loads(plan.value(test.id, "conditions") or "[]")[0]["value"]
    assert f"<{rows.id}.result>" in expression and "Number(<" not in expression  # never the whole read
    code = (plan.value(rows.id, "code") or "").replace(f"<{read}.data.values>", resolved)
    script = (
        f"const named = (() => {{ {code} }})();\n"
        f"console.log(JSON.stringify({expression.replace(f'<{rows.id}.result>', 'named')}));"
    )
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the function")
@pytest.mark.parametrize(
    ("resolved", "holds"),
    [
        ('[["time", "pH"], ["08:00", "6.9"], ["10:00", "7.4"]]', False),  # the last row is fine
        ('[["time", "pH"], ["08:00", "7.4"], ["10:00", "8.1"]]', True),
        ('[["time", "PH "], ["08:00", "7.0"]]', True),  # the column's name as the user wrote it, any case
    ],
)
def test_a_column_of_the_latest_row_is_tested(resolved, holds):
    """'check the latest row, and if the pH is outside 7.2–7.8': the whole read is no number (the test was false on
    every run); the last row's pH column is."""
    assert _holds(_LATEST, "googlesheets1", resolved) is holds


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the function")
@pytest.mark.parametrize(
    ("resolved", "holds"),
    [
        ('[["room", "temperature"], ["A", "5"], ["B", "9"]]', True),
        ('[["room", "temperature"], ["A", "5"]]', False),
    ],
)
def test_a_column_of_any_row_is_tested_when_no_row_is_named(resolved, holds):
    assert _holds(_ANY_READING, "microsoftexcel1", resolved) is holds
