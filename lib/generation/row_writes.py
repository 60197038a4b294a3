"""Where a change written back to a sheet row goes: the current item's own row, found in the sheet as it was read.

"For each row whose status is unpaid, email the customer and mark the row as reminded in the sheet" repeats a Google
Sheets update inside the loop over that sheet's rows. The update's range was left empty: July 2025 Sim's Sheets update
then writes at `Sheet1!A2` (its default), so every item overwrote the first data row's first cell and no row was
marked, and its Excel write throws without a range ("Invalid range format"), which ends the run at the first item.
No fixed range can be right for a change made once per row.

A function block before the write finds the range at run time: the row of the read's cells that holds the item's
cells (a blank row counts, as the sheet has it), numbered from where the read's range starts, and in it the column the
change goes to — the one the text names ("the 'Score' column", "set the status to …"), else one named for the value
written ("mark it as sent": a 'Sent' column), else a status column (lexicon.json 'row_status_columns'). A change of
the whole row starts at the row's first cell. An item whose row is no longer there as read, or a sheet with no such
column, is passed over with a reason (`item_addresses.pass_over_addressless`), never written at the top of the sheet.
Two identical rows are one row to it: the first is changed.
"""

from __future__ import annotations

import json

from lib.generation import rx as re
from lib.generation.item_addresses import _stop
from lib.generation.lexicon import lexicon
from lib.generation.plan import PlanBlock, PlanValue, WorkflowPlan
from lib.generation.shaping import function_before
from lib.sim.names import REFERENCE_RE, normalize_name

NAME = "Row for "  # the function's name, before the name of the write it serves
_SHEETS = {
    "google_sheets": "update",
    "microsoft_excel": "write",
}  # each sheet service's change of cells in place
_CELL = re.compile(
    r"\$?[A-Za-z]{1,3}\$?\d+"
)  # a range naming its cells ('Sheet1!C5', 'A2:D2'), said by the user

# the column a clause names: "the 'Score' column", 'column "Paid"', 'the Status field'
_COLUMN = re.compile(
    r"[\"“'‘`]([\w][\w ]{0,30})[\"”'’`]\s+(?:field|column|cell|box)\b"
    r"|\b(?:field|column|cell|box)\s+[\"“'‘`]([\w][\w ]{0,30})[\"”'’`]"
    r"|\b(?:the|its|their|that|this|each|row['’]s)\s+([A-Za-z][\w]{1,30})\s+(?:field|column|cell)\b",
    re.I,
)
# 'set the status to notified', 'change its stage to Won': the column before the value it becomes
_SET = re.compile(
    r"\b(?:set|update|change|switch|mark)\w*\s+(?:(?:the|its|their|that|this|each)\s+)?(?:row['’]s\s+)?"
    r"([A-Za-z][\w]{1,30})\s+(?:field\s+|column\s+)?(?:to|as)\b",
    re.I,
)
_NOT_COLUMNS = frozenset(
    {"row", "rows", "record", "entry", "line", "item", "it", "them", "sheet", "one", "cell"}
)


def _columns(clause: str, cells: object) -> list[str]:
    """The names the column the change goes to may have, most likely first (compared without case or spaces)."""
    said = [g for m in _COLUMN.finditer(clause) for g in m.groups() if g]
    said += [m.group(1) for m in _SET.finditer(clause)]
    if isinstance(cells, list) and len(cells) == 1 and isinstance(cells[0], list) and len(cells[0]) == 1:
        value = cells[0][0]
        if isinstance(value, str) and not REFERENCE_RE.search(value):
            said.append(value)  # ('mark it as sent': a 'Sent' column)
    said += lexicon().get("row_status_columns", [])
    bare = [re.sub(r"[\W_]+", "", w.lower()) for w in said if w.lower() not in _NOT_COLUMNS]
    return list(dict.fromkeys(w for w in bare if w))


def _one_cell(plan: WorkflowPlan, write: PlanBlock) -> tuple[bool, object]:
    """Whether the write changes one cell (a JSON `[[value]]`, or a Format function giving one), and its cells."""
    text = str(plan.value(write.id, "values") or "").strip()
    try:
        cells = json.loads(text)
    except ValueError:
        found = REFERENCE_RE.fullmatch(text)
        made = plan.block(normalize_name(found.group("block"))) if found else None
        code = str(plan.value(made.id, "code") or "") if made is not None and made.type == "function" else ""
        return bool(re.search(r"^return \[\[[^\[\],]*\]\];$", code, re.M)), None
    one = isinstance(cells, list) and len(cells) == 1 and isinstance(cells[0], list) and len(cells[0]) == 1
    return one, cells


def _read_walked(plan: WorkflowPlan, loop: PlanBlock) -> PlanBlock | None:
    """The sheet read whose rows the loop repeats over (directly, or through the function keeping some of them)."""
    found = REFERENCE_RE.fullmatch((loop.collection or "").strip())
    walked = plan.block(normalize_name(found.group("block"))) if found else None
    if walked is not None and walked.type == "function":
        code = str(plan.value(walked.id, "code") or "")
        inner = next(
            (
                plan.block(normalize_name(r.group("block")))
                for r in REFERENCE_RE.finditer(code)
                if (plan.block(normalize_name(r.group("block"))) or walked).type in _SHEETS
            ),
            None,
        )
        walked = inner
    if walked is None or walked.type not in _SHEETS or plan.value(walked.id, "operation") != "read":
        return None
    return walked


def _code(read: str, item: str, columns: list[str], one: bool, fallback: str) -> str:
    sheet, _, start = fallback.partition("!")
    top = re.match(r"\$?([A-Z]+)\$?(\d+)", start.upper())
    first, row = (top.group(1), top.group(2)) if top else ("A", "1")
    return "\n".join(
        [
            "// the range of this item's own row in the sheet as it was read: the row holding the item's cells, numbered",
            "// from where the read's range starts" + (", in the column the change goes to" if one else ""),
            f"const read = <{read}.data>;",
            "const all = [].concat((read && read.values) || []);",
            "const [head = [], ...rows] = all;",
            "const names = head.map((h, i) => String(h ?? '').trim() || `column ${i + 1}`);",
            f"const item = <{item}>;",
            "const cell = (v) => String(v ?? '');",
            "const holds = (row) => Array.isArray(row) && row.some((c) => c !== '' && c != null)",
            "  && names.every((n, i) => cell(row[i]) === cell(item?.[n]));",
            "const at = rows.findIndex(holds);",
            "const bare = (s) => String(s).toLowerCase().replace(/[^\\p{L}\\p{N}]+/gu, '');",
            f"const wanted = {json.dumps(columns if one else [], ensure_ascii=False)};",
            "const column = "
            + (
                "wanted.map((w) => names.findIndex((n) => bare(n) === w)).find((i) => i >= 0) ?? -1;"
                if one
                else "0;"
            ),
            "const [, sheet, left, top] = /^(.*)!\\$?([A-Z]+)\\$?(\\d+)/.exec(String(read?.range || ''))",
            f"  || [null, {json.dumps(sheet or 'Sheet1')}, {json.dumps(first)}, {json.dumps(row)}];",
            "const index = [...left].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1 + column;",
            "const letter = (n) => (n < 26 ? '' : letter(Math.floor(n / 26) - 1)) + String.fromCharCode(65 + (n % 26));",
            "const found = at < 0 || column < 0 ? null : `${sheet}!${letter(index)}${Number(top) + 1 + at}`;",
            _stop(
                "this item's row is not in the sheet as it was read"
                + (f", or the sheet has no column named {' or '.join(columns[:3])}" if one else "")
            ),
            "return found;",
        ]
    )


def place_row_writes(plan: WorkflowPlan, words: dict[str, str]) -> list[str]:
    """Put a function block before each change of cells inside a loop over the same sheet's rows whose range names
    no cell, and point the range at the cell or row the function finds for the current item. Changes `plan` in
    place; returns a note per function."""
    notes: list[str] = []
    loops = {b.id: b for b in plan.blocks if b.type in ("loop", "parallel")}
    for write in list(plan.blocks):
        loop = loops.get(write.parent or "")
        if loop is None or _SHEETS.get(write.type) != plan.value(write.id, "operation"):
            continue
        read = _read_walked(plan, loop)
        if read is None or read.type != write.type:
            continue
        sheet_id = str(plan.value(write.id, "spreadsheetId") or "").strip()
        if sheet_id and sheet_id != str(plan.value(read.id, "spreadsheetId") or "").strip():
            continue  # (a change to another sheet: its row is not the item's)
        said = str(plan.value(write.id, "range") or "").strip()
        if _CELL.search(said.rpartition("!")[2]) or "<" in said:
            continue  # (a range the user gave)
        given = said or str(plan.value(read.id, "range") or "").strip()
        fallback = given if "!" in given else f"{given or 'Sheet1'}!A1"
        one, cells = _one_cell(plan, write)
        columns = _columns(words.get(write.id, ""), cells)
        code = _code(read.id, f"{loop.type}.currentItem", columns, one, fallback)
        local, name = function_before(plan, write, f"{NAME}{write.name}", code)
        _set(write, "range", f"<{local}.result>")
        if not sheet_id:
            _set(write, "spreadsheetId", str(plan.value(read.id, "spreadsheetId") or ""))
        where = "the cell of its" if one else "the start of its"
        notes.append(
            f"'{name}' finds the range of the current item's own row in {read.name} as it was read, and {write.name} "
            f"writes to {where} row (Sim's default range is the sheet's second row); an item whose row is not there"
            + (" or a sheet without the column" if one else "")
            + " is passed over"
        )
    return notes


def _set(block: PlanBlock, key: str, value: str) -> None:
    field = next((v for v in block.values if v.id == key), None)
    if field is None:
        block.values.append(PlanValue(id=key, value=value))
    else:
        field.value = value


def added_here(block_name: str) -> bool:
    """Whether a block of that name is one this module adds (not a step the user asked for)."""
    return block_name.startswith(NAME)
