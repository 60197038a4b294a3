"""Function code the planner writes, run in Node the way Sim's function block runs it: the code is the body of a
function, and what it returns is the block's result."""

from __future__ import annotations

import json
import re
import subprocess


def run_code(code: str) -> object:
    """The value `code` returns, read back as JSON (Node must be on the PATH: tests skip without it)."""
    program = f"const result = (() => {{ {code} }})();\nprocess.stdout.write(JSON.stringify(result));"
    out = subprocess.run(["node", "-e", program], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def first_test(state: dict) -> str:
    """The `if` expression of the state's first condition the user asked for (not the 'Any items' guard)."""
    tests = [
        c["value"]
        for b in state["blocks"].values()
        if b["type"] == "condition" and b["name"] != "Any items"
        for c in json.loads(b["subBlocks"]["conditions"]["value"])
        if c["title"] == "if"
    ]
    assert tests, "no condition"
    return tests[0]


def holds_for(expression: str, data: object) -> bool:
    """Whether a condition's expression is true with every reference in it standing for `data` (as Sim pastes an
    object's JSON)."""
    code = expression
    for ref in set(re.findall(r"<[\w.-]+>", expression)):
        code = code.replace(ref, json.dumps(data))
    return bool(run_code(f"return !!({code});"))
