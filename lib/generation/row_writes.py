"""Where a change written back to a sheet row goes: the row it is about, found in the sheet as it was read.

"For each row whose status is unpaid, email the customer and mark the row as reminded in the sheet" repeats a Google
Sheets update inside the loop over that sheet's rows. The update's range was left empty: July 2025 Sim's Sheets update
then writes at `Sheet1!A2` (its default), so every item overwrote the first data row's first cell and no row was
marked, and its Excel write throws without a range ("Invalid range format"), which ends the run at the first item.
No fixed range can be right for a change made once per row.

A function block before the write finds the range at run time: the row of the read's cells that holds the item's
cells (a blank row counts, as the sheet has it), numbered from where the read's range starts, and in it the column the
change goes to — the one the text names ("the 'Score' column", "set the status to …"), else one named for the value
written ("mark it as sent": a 'Sent' column), else a status column (lexicon.json 'row_status_columns'). A change
carrying data from before (an AI's score, an event's fields) sets the columns named like its fields, or a plain value
in the column named, and only that span of the row is written (the other cells, formulas among them, are left as they
are). Outside a loop, "update the matching row in the 'Receivables' sheet" reads the sheet just before the change and
takes the one row holding most of the run's identifiers (a value with a digit or an '@'); none or a tie is no row. A
row that cannot be placed, or a sheet with no such column, is passed over with a reason (`item_addresses.pass_over`),
never written at the top of the sheet. Two identical rows are one row to it: the first is changed.
"""

from __future__ import annotations

import json

from lib.generation import rx as re
from lib.generation.item_addresses import _stop, pass_over
from lib.generation.lexicon import lexicon
from lib.generation.plan import PlanBlock, PlanValue, WorkflowPlan
from lib.generation.shaping import block_before, free_name, function_before
from lib.sim.names import REFERENCE_RE, normalize_name

NAME = "Row for "  # the function's name, before the name of the write it serves
READ = "Rows for "  # the read of the sheet a change of one row is found in, before the name of the write
# each sheet service's change of cells in place
_SHEETS = {"google_sheets": "update", "microsoft_excel": "write"}
# a range naming its cells ('Sheet1!C5', 'A2:D2'), said by the user
_CELL = re.compile(r"\$?[A-Za-z]{1,3}\$?\d+")

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


def _shape(plan: WorkflowPlan, write: PlanBlock) -> tuple[str, object, str]:
    """What the write puts in the row: ('value', its cells, '') for a value said (`[["paid"]]`); ('data', None, the
    data as code) for one cell carrying data from before (a Format function's `[[text(X)]]`, `[["<x>"]]`); ('row',
    its cells, '') for anything else."""
    text = str(plan.value(write.id, "values") or "").strip()
    try:
        cells = json.loads(text)
    except ValueError:
        found = REFERENCE_RE.fullmatch(text)
        made = plan.block(normalize_name(found.group("block"))) if found else None
        code = str(plan.value(made.id, "code") or "") if made is not None and made.type == "function" else ""
        carried = re.search(r"^return \[\[text\((?P<x>.+)\)\]\];$", code, re.M)
        if carried and "), text(" not in carried.group("x"):
            return "data", None, carried.group("x")
        return "row", None, ""
    if isinstance(cells, list) and len(cells) == 1 and isinstance(cells[0], list) and len(cells[0]) == 1:
        value = cells[0][0]
        if isinstance(value, str) and REFERENCE_RE.fullmatch(value.strip()):
            return "data", None, value.strip()
        if not (isinstance(value, str) and REFERENCE_RE.search(value)):
            return "value", cells, ""
    return "row", cells, ""


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


def _walked_row(item: str) -> list[str]:
    """Code finding `at`, the index after the header of the row holding the loop's current item's cells."""
    return [
        f"const item = <{item}>;",
        "const cell = (v) => String(v ?? '');",
        "const holds = (row) => Array.isArray(row) && row.some((c) => c !== '' && c != null)",
        "  && names.every((n, i) => cell(row[i]) === cell(item?.[n]));",
        "const at = rows.findIndex(holds);",
    ]


def _keyed_row(given: str) -> list[str]:
    """Code finding `at`, the index after the header of the one row holding most of the identifiers the run was
    given (a value with a digit or an '@': an id, an invoice number, an e-mail address); -1 for none or a tie."""
    return [
        "const keys = [];",
        "const leaves = (v) => {",
        "  if (v == null) return;",
        "  if (typeof v === 'object') { Object.values(v).forEach(leaves); return; }",
        "  const s = String(v).trim().toLowerCase();",
        "  if (s.length >= 3 && /[0-9@]/.test(s)) keys.push(s);",
        "};",
        f"leaves({given});",
        "const score = (row) => (Array.isArray(row) ? row.filter((c) => keys.includes(String(c ?? '').trim().toLowerCase())).length : 0);",
        "const scores = rows.map(score);",
        "const best = Math.max(0, ...scores);",
        "const at = best > 0 && scores.filter((n) => n === best).length === 1 ? scores.indexOf(best) : -1;",
    ]


def _code(
    read: str, finding: list[str], columns: list[str], kind: str, fallback: str, which: str, data: str
) -> str:
    """The function's code. `kind` 'value': the range of the cell the value said goes to; 'data': the range and the
    cells of the span of the row the data changes (each column named like one of its fields, else a value alone in
    the column named); 'row': the range where the row starts."""
    sheet, _, start = fallback.partition("!")
    top = re.match(r"\$?([A-Z]+)\$?(\d+)", start.upper())
    first, row = (top.group(1), top.group(2)) if top else ("A", "1")
    head = [
        f"// the range of {which} in the sheet as it was read, numbered from where the read's range starts"
        + {"value": ", in the column the change goes to", "data": ", and its cells with the change made"}.get(
            kind, ""
        ),
        f"const read = <{read}.data>;",
        # (every reference before any less-than sign: Sim reads one up to the next greater-than sign as a reference)
        *([f"const data = {data};"] if kind == "data" else []),
        "const all = [].concat((read && read.values) || []);",
        "const [head = [], ...rows] = all;",
        "const names = head.map((h, i) => String(h ?? '').trim() || 'column ' + (i + 1));",
        *finding,
        "const bare = (s) => String(s).toLowerCase().replace(/[^\\p{L}\\p{N}]+/gu, '');",
        f"const wanted = {json.dumps(columns if kind != 'row' else [], ensure_ascii=False)};",
        "const named = wanted.map((w) => names.findIndex((n) => bare(n) === w)).find((i) => i >= 0) ?? -1;",
        "const [, sheet, left, top] = /^(.*)!\\$?([A-Z]+)\\$?(\\d+)/.exec(String(read?.range || ''))",
        f"  || [null, {json.dumps(sheet or 'Sheet1')}, {json.dumps(first)}, {json.dumps(row)}];",
        "const index = [...left].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;",
        "const letter = (n) => (n < 26 ? '' : letter(Math.floor(n / 26) - 1)) + String.fromCharCode(65 + (n % 26));",
        "const line = Number(top) + 1 + at;",
    ]
    missing = f"{which} is not in the sheet as it was read"
    if kind == "value":
        tail = [
            "const found = at < 0 || named < 0 ? null : sheet + '!' + letter(index + named) + line;",
            _stop(f"{missing}, or the sheet has no column named {' or '.join(columns[:3])}"),
            "return found;",
        ]
    elif kind == "data":
        tail = [
            "const cells = [...(rows[at] || [])];",
            "while (names.length > cells.length) cells.push('');",
            "const fields = {};",
            "const walk = (v) => {",
            "  for (const [k, x] of Object.entries(v)) {",
            "    if (x && typeof x === 'object' && !Array.isArray(x)) walk(x);",
            "    else if (!(bare(k) in fields)) fields[bare(k)] = Array.isArray(x) ? x.join(', ') : x;",
            "  }",
            "};",
            "if (data && typeof data === 'object' && !Array.isArray(data)) walk(data);",
            "let changed = names.map((n, i) => (bare(n) in fields ? i : -1)).filter((i) => i >= 0);",
            "changed.forEach((i) => { cells[i] = fields[bare(names[i])] ?? ''; });",
            "if (!changed.length && named >= 0 && data != null && typeof data !== 'object') {",
            "  cells[named] = data;",
            "  changed = [named];",
            "}",
            "const [from, to] = [Math.min(...changed), Math.max(...changed)];",
            "const found = at < 0 || !changed.length ? null",
            "  : { range: sheet + '!' + letter(index + from) + line + ':' + letter(index + to) + line, values: [cells.slice(from, to + 1)] };",
            _stop(f"{missing}, or no column of the sheet is named for what changes"),
            "return found;",
        ]
    else:
        tail = [
            "const found = at < 0 ? null : sheet + '!' + letter(index) + line;",
            _stop(missing),
            "return found;",
        ]
    return "\n".join(head + tail)


# 'update the matching row in the 'Receivables' sheet', 'mark that row as paid', 'update the order's row': one row of
# the sheet, the one the run is about
_A_ROW = re.compile(
    r"\b(?:the\s+(?:matching|same|right|corresponding)|that|this|its|their|the\s+[\w-]+['’]s|the)\s+(?:[\w-]+\s+)?row\b",
    re.I,
)


def place_row_writes(plan: WorkflowPlan, words: dict[str, str]) -> list[str]:
    """Put a function block before each change of cells whose range names no cell — inside a loop over the same
    sheet's rows, or the one row the run is about ('update the matching row') — and point the range at the cell or
    row the function finds. Changes `plan` in place; returns a note per function."""
    notes: list[str] = []
    loops = {b.id: b for b in plan.blocks if b.type in ("loop", "parallel")}
    for write in list(plan.blocks):
        if _SHEETS.get(write.type) != plan.value(write.id, "operation"):
            continue
        said = str(plan.value(write.id, "range") or "").strip()
        if _CELL.search(said.rpartition("!")[2]) or "<" in said:
            continue  # (a range the user gave)
        loop = loops.get(write.parent or "")
        clause = words.get(write.id, "")
        kind, cells, data = _shape(plan, write)
        columns = _columns(clause, cells)
        sheet_id = str(plan.value(write.id, "spreadsheetId") or "").strip()
        if loop is not None:
            read = _read_walked(plan, loop)
            if read is None or read.type != write.type:
                continue
            if sheet_id and sheet_id != str(plan.value(read.id, "spreadsheetId") or "").strip():
                continue  # (a change to another sheet: its row is not the item's)
            finding, which = _walked_row(f"{loop.type}.currentItem"), "this item's own row"
        elif write.parent is None and _A_ROW.search(clause) and sheet_id:
            read = _read_before(plan, write, said)
            finding, which = _keyed_row("<start>"), "the row holding this run's key"
        else:
            continue
        given = said or str(plan.value(read.id, "range") or "").strip()
        fallback = given if "!" in given else f"{given or 'Sheet1'}!A1"
        code = _code(read.id, finding, columns, kind, fallback, which, data)
        local, name = function_before(plan, write, f"{NAME}{write.name}", code)
        made = next(b for b in plan.blocks if b.id == local)
        if kind == "data":  # (a range and its cells: tested by the range, "" when none was found)
            _drop_format(plan, write)
            _set(write, "range", f"<{local}.result.range>")
            _set(write, "values", f"<{local}.result.values>")
            pass_over(plan, made, tested="result.range", empty='{ range: "", values: [] }')
        else:
            _set(write, "range", f"<{local}.result>")
            if loop is None:
                pass_over(plan, made)
        if not sheet_id:
            _set(write, "spreadsheetId", str(plan.value(read.id, "spreadsheetId") or ""))
        where = {"value": "the cell of that", "data": "the cells that change in that"}.get(
            kind, "the start of that"
        )
        notes.append(
            f"'{name}' finds the range of {which} in {read.name} as it was read, and {write.name} writes to {where} "
            "row (Sim's default range is the sheet's second row); "
            + ("an item whose row is not there" if loop is not None else "a run whose row it cannot find")
            + (" or a sheet without the column" if kind != "row" else "")
            + " is passed over"
        )
    return notes


def _read_before(plan: WorkflowPlan, write: PlanBlock, said: str) -> PlanBlock:
    """A read of the sheet `write` changes, put just before it (the row a change goes to is found in it)."""
    name = free_name(
        f"{READ}{write.name}", {normalize_name(b.name) for b in plan.blocks} | {b.id for b in plan.blocks}
    )
    read = PlanBlock(
        id=normalize_name(name),
        type=write.type,
        name=name,
        parent=write.parent,
        values=[
            PlanValue(id="operation", value="read"),
            PlanValue(id="spreadsheetId", value=str(plan.value(write.id, "spreadsheetId") or "")),
            *([PlanValue(id="range", value=said)] if said else []),
        ],
    )
    block_before(plan, write, read)
    return read


def _drop_format(plan: WorkflowPlan, write: PlanBlock) -> None:
    """Take out the Format function whose one cell `write` took (the row's cells are made from the data now)."""
    found = REFERENCE_RE.fullmatch(str(plan.value(write.id, "values") or "").strip())
    made = plan.block(normalize_name(found.group("block"))) if found else None
    if made is None or made.type != "function" or not made.name.startswith("Format "):
        return
    after = [e.target for e in plan.edges if e.source == made.id]
    for edge in plan.edges:
        if edge.target == made.id and after:
            edge.target = after[0]
    plan.edges[:] = [e for e in plan.edges if e.source != made.id and e.target != made.id]
    plan.blocks.remove(made)


def _set(block: PlanBlock, key: str, value: str) -> None:
    field = next((v for v in block.values if v.id == key), None)
    if field is None:
        block.values.append(PlanValue(id=key, value=value))
    else:
        field.value = value


def added_here(block_name: str) -> bool:
    """Whether a block of that name is one this module adds (not a step the user asked for)."""
    return block_name.startswith((NAME, READ))
