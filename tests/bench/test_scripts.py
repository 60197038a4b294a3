"""Bench scripts run as `python bench/X.py`, which puts bench/ first on the import path: a script named like
a module of the standard library (or of a library we import) would be imported in its place. `bench/secrets.py`
once shadowed `secrets`, and every bench that imports Starlette's TestClient failed to start."""

import sys
from importlib.util import find_spec
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"


def test_no_bench_script_shadows_a_module():
    shadowing = []
    for script in sorted(BENCH.glob("*.py")):
        name = script.stem
        if name.startswith("_"):
            continue
        spec = find_spec(name) if name not in sys.modules else None
        if name in sys.stdlib_module_names or (
            spec is not None and spec.origin and Path(spec.origin).parent != BENCH
        ):
            shadowing.append(script.name)
    assert shadowing == []
