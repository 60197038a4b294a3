"""Cold start of every api/ function: import time and peak RSS in a fresh interpreter.

    python bench/cold_start.py [--runs 5] [--python PATH]

Each run is a new `python -c` process (after one unmeasured run that writes the bytecode) that imports one route file the way Vercel does (by
path, as api.workflows.[id]) and reports how long the import took, the process's peak RSS
(ru_maxrss) and which heavy SDKs ended up in sys.modules. Heavy SDKs must load lazily, on the
first call that needs them, so any name in the last column is a regression; for those the
table is followed by the first import chain that pulled each one in (python -X importtime).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HEAVY = ("anthropic", "openai", "numpy", "boto3", "supabase")

_PROBE = f"""
import json, resource, sys, time
t0 = time.perf_counter()
from lib.web.routes import load_module
load_module(__import__("pathlib").Path(sys.argv[1]))
ms = (time.perf_counter() - t0) * 1000
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"ms": ms, "rss_mb": rss, "heavy": [m for m in {HEAVY!r} if m in sys.modules]}}))
"""


def measure(python: str, file: Path, runs: int) -> dict:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)  # importing must not need a database; nothing connects anyway
    samples = []
    # One unmeasured run first writes the .pyc files, as Vercel's build precompiles the bundle.
    for i in range(runs + 1):
        out = subprocess.run(
            [python, "-c", _PROBE, str(file)], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if out.returncode != 0:
            return {
                "error": out.stderr.strip().splitlines()[-1]
                if out.stderr.strip()
                else f"exit {out.returncode}"
            }
        if i:
            samples.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {
        "ms": statistics.median(s["ms"] for s in samples),
        "rss_mb": statistics.median(s["rss_mb"] for s in samples),
        "heavy": sorted({m for s in samples for m in s["heavy"]}),
    }


def import_chain(python: str, file: Path, module: str) -> list[str]:
    """The chain of imports (outermost first) that first loaded `module`, from -X importtime."""
    code = (
        "import sys, pathlib; from lib.web.routes import load_module; load_module(pathlib.Path(sys.argv[1]))"
    )
    out = subprocess.run(
        [python, "-X", "importtime", "-c", code, str(file)], cwd=ROOT, capture_output=True, text=True
    )
    stack: list[tuple[int, str]] = []
    lines = [ln for ln in out.stderr.splitlines() if ln.startswith("import time:") and "|" in ln][1:]
    # importtime prints a module after its children: walk backwards to see parents first.
    for line in reversed(lines):
        name_col = line.rsplit("|", 1)[1]
        depth = (len(name_col) - len(name_col.lstrip(" "))) // 2
        name = name_col.strip()
        stack = [s for s in stack if s[0] < depth] + [(depth, name)]
        if name == module or name.startswith(module + "."):
            return [n for _, n in stack]
    return []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--python", default=sys.executable, help="interpreter to measure (e.g. a 3.12 like Vercel's)"
    )
    args = parser.parse_args()

    from lib.web.routes import discover

    version = subprocess.run(
        [args.python, "-c", "import sys; print(sys.version.split()[0])"], capture_output=True, text=True
    ).stdout.strip()
    print(f"Cold import of each api/ function — Python {version}, median of {args.runs} fresh processes\n")
    print(f"{'function':44} {'import ms':>10} {'peak RSS MB':>12}  heavy SDKs imported")
    offenders = []
    for route in discover():
        rel = route.file.relative_to(ROOT).as_posix()
        r = measure(args.python, route.file, args.runs)
        if "error" in r:
            print(f"{rel:44} {'—':>10} {'—':>12}  import failed: {r['error']}")
            continue
        print(f"{rel:44} {r['ms']:10.0f} {r['rss_mb']:12.1f}  {', '.join(r['heavy']) or '-'}")
        offenders += [(route.file, m) for m in r["heavy"]]
    for file, module in offenders:
        chain = import_chain(args.python, file, module)
        print(
            f"\n{file.relative_to(ROOT)} imports {module} at import time via:\n  "
            + " -> ".join(chain or ["?"])
        )


if __name__ == "__main__":
    main()
