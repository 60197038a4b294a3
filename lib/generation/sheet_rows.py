"""Each row of a sheet, as its columns by name, for a loop that repeats over the rows or a test that reads them.

July 2025 Sim's Google Sheets and Excel reads return every row of the range as a list of cells
(`data.values`), the header row first. A loop over that list repeats its steps once on the column
names, so "email each plot holder" sends a first mail to the address "email" and the run stops; and a
column the user names ("the 'paid' column", "manager_phone") has no name in a list of cells. A function
block before the loop takes the first row as the names and gives the loop the other rows, each an object
of its cells by those names (a blank row is left out), so each step reads a column by its name.
"""

from __future__ import annotations

from lib.generation.plan import WorkflowPlan
from lib.generation.shaping import function_before
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
            "const names = head.map((h, i) => String(h ?? '').trim() || `column ${i + 1}`);",
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
