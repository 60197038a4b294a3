"""Each row of a sheet, as its columns by name, for a loop that repeats over the rows or a test that reads them.

July 2025 Sim's Google Sheets and Excel reads return every row of the range as a list of cells
(`data.values`), the header row first. A loop over that list repeats its steps once on the column
names, so "email each plot holder" sends a first mail to the address "email" and the run stops; and a
column the user names ("the 'paid' column", "manager_phone") has no name in a list of cells. A function
block before the loop takes the first row as the names and gives the loop the other rows, each an object
of its cells by those names (a blank row is left out), so each step reads a column by its name.
"""

from __future__ import annotations

import json

from lib.generation import rx as re
from lib.generation.plan import PlanBlock, PlanEdge, PlanValue, WorkflowPlan
from lib.generation.shaping import free_name, function_before
from lib.sim.names import REFERENCE_RE, normalize_name

NAME = "Rows of"  # the function's name, before the name of the read it shapes
_READS = {"google_sheets", "microsoft_excel"}  # the reads whose `data.values` is a list of rows of cells


def _code(listed: str) -> str:
    return "\n".join(
        [
            "// the first row holds the column names; each other row becomes an object of its cells by name",
            f"const all = [].concat({listed} || []);",
            "if (!all.every(Array.isArray)) return all; // (rows already named: nothing to do)",
            "const [head = [], ...rows] = all;",
            "const names = head.map((h, i) => String(h ?? '').trim() || 'column ' + (i + 1));",
            "return rows",
            "  .filter((row) => row.some((cell) => cell !== '' && cell != null))",
            "  .map((row) => Object.fromEntries(names.map((n, i) => [n, row[i] ?? ''])));",
        ]
    )


def name_rows(plan: WorkflowPlan) -> list[str]:
    """Put a function that names each row's cells before each loop over a sheet's rows, and loop over what it
    returns. Changes `plan` in place; returns a note per function added."""
    notes: list[str] = []
    types = {b.id: b.type for b in plan.blocks}
    names = {b.id: b.name for b in plan.blocks}
    for loop in [b for b in plan.blocks if b.type in ("loop", "parallel")]:
        listed = (loop.collection or "").strip()
        found = REFERENCE_RE.fullmatch(listed)
        read = normalize_name(found.group("block")) if found else ""
        if found is None or types.get(read) not in _READS or found.group("path") != "data.values":
            continue
        local, name = function_before(plan, loop, f"{NAME} {names[read]}", _code(listed))
        loop.collection = f"<{local}.result>"
        notes.append(
            f"'{name}' gives {loop.name} the rows of {names[read]} after its first, each with its cells under that "
            "row's column names (Sim returns the header row as the first row of the range)"
        )
    for test in [b for b in plan.blocks if b.type == "condition"]:
        # 'if any row has delay_minutes > 45': a test over the rows reads each row's column by name, so it reads the
        # named rows too (a row of cells has no 'delay_minutes', and the test was false on every run)
        field = next((v for v in test.values if v.id == "conditions"), None)
        for found in REFERENCE_RE.finditer(field.value if field is not None else ""):
            read = normalize_name(found.group("block"))
            if field is None or types.get(read) not in _READS or found.group("path") != "data.values":
                continue
            listed = found.group(0)
            local, name = function_before(plan, test, f"{NAME} {names[read]}", _code(listed))
            field.value = field.value.replace(listed, f"<{local}.result>")
            notes.append(
                f"'{name}' gives {test.name} the rows of {names[read]} after its first, each with its cells under "
                "that row's column names (Sim returns the header row as the first row of the range)"
            )
            break
    return notes


def added_here(block_name: str) -> bool:
    """Whether a block of that name is one this module adds (not a step the user asked for)."""
    return block_name.startswith(NAME + " ")


KEPT = "Rows matching"  # the function keeping a keyed read's rows, before the name of the read


def rows_kept() -> frozenset[str]:
    """The reads whose rows a look-up keeps after reading them (no filter field of their own)."""
    return frozenset(_READS)


def _kept_code(listed: str, column: str, value: str) -> str:
    return "\n".join(
        [
            f"// the rows whose '{column}' column holds the value the run is given ({value.strip('<>')}); the first row",
            "// holds the column names (a column of another name that holds the value counts when none is called that)",
            f"const read = {listed};",
            "const all = [].concat((Array.isArray(read) ? read : read?.values) || []);",
            "const cells = all.every(Array.isArray);",
            "const [head = [], ...rest] = cells ? all : [[]];",
            "const names = head.map((h, i) => String(h ?? '').trim() || 'column ' + (i + 1));",
            "const rows = cells",
            "  ? rest",
            "      .filter((row) => row.some((cell) => cell !== '' && cell != null))",
            "      .map((row) => Object.fromEntries(names.map((n, i) => [n, row[i] ?? ''])))",
            "  : all;",
            f"const given = {_in_code(value)};",
            "const wanted = String(typeof given === 'string' ? given : JSON.stringify(given ?? '')).trim().toLowerCase();",
            "const bare = (s) => String(s).toLowerCase().replace(/[^a-z0-9]/g, '');",
            f"const column = bare({json.dumps(column)});",
            "const holds = (v) => {",
            "  const cell = String(v ?? '').trim().toLowerCase();",
            "  // (the key alone, or written in a message: 'where is order 1042?')",
            "  return cell !== '' && (cell === wanted || (cell.length >= 3 && wanted.includes(cell)));",
            "};",
            "return rows.filter((row) => {",
            "  const keys = Object.keys(row);",
            "  const named = keys.find((k) => bare(k) === column) ?? keys.find((k) => bare(k) && (bare(k).includes(column) || column.includes(bare(k))));",
            "  return named !== undefined ? holds(row[named]) : Object.values(row).some(holds);",
            "});",
        ]
    )


def keep_keyed_rows(plan: WorkflowPlan, keys: dict[str, tuple[list[str], str]]) -> list[str]:
    """'look up that property reference in the Google Sheet 'Council Tax Bands' and reply with the band': July 2025
    Sim's sheet reads take no filter, so a function just after the read keeps the rows whose column named by the key
    ('property reference') holds the value the run is given (the chat's input, the event's field, a message's text),
    each with its cells under the column names, and the steps after read those rows. Changes `plan` in place; returns
    a note per function added."""
    notes: list[str] = []
    for read in [b for b in plan.blocks if b.id in keys and b.type in _READS]:
        words, value = keys[read.id]
        if any(
            _read_data(read.id).search(field.value)
            and re.search(r"\b" + re.escape(value.strip("<>").rpartition(".")[2]) + r"\b", field.value)
            for block in plan.blocks
            if block.type == "condition"
            for field in block.values
        ):
            continue  # ('check if the customer's email is in the 'VIP' sheet': a test already looks for it there)
        column = " ".join(words)
        name = free_name(
            f"{KEPT} {read.name}", {normalize_name(b.name) for b in plan.blocks} | {b.id for b in plan.blocks}
        )
        local = normalize_name(name)
        listed = f"<{read.id}.data>"  # (its `values`, the rows of cells)
        function = PlanBlock(
            id=local,
            type="function",
            name=name,
            parent=read.parent,
            values=[PlanValue(id="code", value=_kept_code(listed, column, value))],
        )
        for block in plan.blocks:
            for field in block.values:
                if isinstance(field.value, str):
                    field.value = _read_data(read.id).sub(f"<{local}.result>", field.value)
            if block.collection:
                block.collection = _read_data(read.id).sub(f"<{local}.result>", block.collection)
        plan.blocks.insert(plan.blocks.index(read) + 1, function)
        for edge in plan.edges:
            if edge.source == read.id and edge.handle == "source":
                edge.source = local
        plan.edges.append(PlanEdge(source=read.id, target=local, handle="source"))
        notes.append(
            f"'{name}' keeps the rows of {read.name} whose '{column}' column holds {value} (Sim's read takes no "
            "filter); rename the column to match the sheet"
        )
    return notes


def _in_code(value: str) -> str:
    """A reference as JavaScript in a function's code: July 2025 Sim writes a starter's text value there unquoted
    (the chat's input too, as its executor runs it), so the value is read from the starter's output object."""
    found = REFERENCE_RE.fullmatch(value)
    if found is None or found.group("block") != "start" or not found.group("path"):
        return value
    return "(<start>)" + "".join(f"?.[{json.dumps(part)}]" for part in found.group("path").split("."))


def _read_data(local: str) -> re.Pattern[str]:
    return re.compile(r"<" + re.escape(local) + r"\.data(?:\.[\w.]+)?>")
