"""Function code the planner writes, run in Node the way Sim's function block runs it: the code is the body of a
function, and what it returns is the block's result."""

from __future__ import annotations

import json
import subprocess


def run_code(code: str) -> object:
    """The value `code` returns, read back as JSON (Node must be on the PATH: tests skip without it)."""
    program = f"const result = (() => {{ {code} }})();\nprocess.stdout.write(JSON.stringify(result));"
    out = subprocess.run(["node", "-e", program], capture_output=True, text=True, check=True).stdout
    return json.loads(out)
