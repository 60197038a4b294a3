"""Cold start of every api/ function: its import time beside the floor of exactly the libraries
it needs, each in fresh interpreters.

    python bench/cold_start.py [--runs 7] [--python PATH] [--bytecode warm|ours|none]

Bytecode is the same on both sides and set by the bench, never inherited from the shell (a
PYTHONDONTWRITEBYTECODE=1 there used to leave our files compiling on every run while the
libraries' .pyc files from pip were warm). `--bytecode warm` (default): every process reads and
writes .pyc files under one scratch PYTHONPYCACHEPREFIX, as a Vercel build with
VERCEL_PYTHON_COMPILEALL=1 ships them (`_vc_pycache`). `--bytecode none`: no .pyc is read or
written, so every module of the route and of its floor is compiled from source in each process —
Vercel's default, which sets PYTHONDONTWRITEBYTECODE=1 and leaves `__pycache__` out of the bundle.
`--bytecode ours`: what this project's deployments ship — our lib/ and api/ compiled by
scripts/vercel-bytecode (vercel.json's build command: checked-hash .pyc), the libraries compiled
from source in each process.

For each route file, one unmeasured process first imports it (writing the bytecode in `warm` mode)
and lists every module the import left in sys.modules that is not ours
(not `lib.*` or `api.*`): the third-party and standard-library modules this route needs. Then,
alternating, `--runs` fresh processes import the route by path (as Vercel does, as
api.workflows.[id]) and `--runs` fresh processes import exactly that module list — the floor —
and then, in the same process, the route: that second step is "ours", what our code adds on top
of the libraries it cannot do without (measured within one process: the difference of two
processes' medians swung by ±20 ms on the shared machine). Times are the CPU time of the import in that process
(`time.process_time`): on a shared 2-core machine wall time mostly measures the neighbours (the
wall-clock median is printed too). Heavy SDKs (anthropic, openai, numpy, boto3, supabase) must load
on the first call that needs them; any in the last column is a regression, and its import chain
is printed after the table.
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
# bench/ itself off the path: a script here must not shadow a library module (tests/bench/test_scripts.py).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))
HEAVY = ("anthropic", "openai", "numpy", "boto3", "supabase")

_ROUTE = f"""
import json, resource, sys, time
t0, c0 = time.perf_counter(), time.process_time()
from lib.web.routes import load_module
load_module(__import__("pathlib").Path(sys.argv[1]))
ms, wall = (time.process_time() - c0) * 1000, (time.perf_counter() - t0) * 1000
ours = ("lib", "api")
needed = [m for m in sys.modules if m.split(".")[0] not in ours and m != "__main__"]
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"ms": ms, "wall": wall, "rss_mb": rss, "needed": needed,
                  "heavy": [m for m in {HEAVY!r} if m in sys.modules]}}))
"""

# Child-side helper (also bench/cold_request.py's): import a listed floor of modules.
IMPORT_ALL = """
import importlib, sys
def import_all(names):
    for name in names:
        if name not in sys.modules:
            try:
                importlib.import_module(name)
            except Exception:  # a module that cannot import alone was pulled in by another
                pass
"""

_FLOOR = (
    IMPORT_ALL
    + """
import json, pathlib, time
names = json.load(open(sys.argv[1]))
c0 = time.process_time()
import_all(names)
c1 = time.process_time()
from lib.web.routes import load_module
load_module(pathlib.Path(sys.argv[2]))
c2 = time.process_time()
print(json.dumps({"ms": (c1 - c0) * 1000, "ours": (c2 - c1) * 1000}))
"""
)


def _run(python: str, code: str, arg: str, env: dict[str, str], *more: str) -> dict:
    out = subprocess.run([python, "-c", code, arg, *more], cwd=ROOT, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        tail = out.stderr.strip().splitlines()
        raise RuntimeError(tail[-1] if tail else f"exit {out.returncode}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_env(bytecode: str, scratch: Path) -> dict[str, str]:
    """The environment of every measured process: no database, and bytecode as `--bytecode` says."""
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)  # importing must not need a database; nothing connects anyway
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")  # .pyc files here only, for both sides
    if bytecode in ("none", "ours"):
        env["PYTHONDONTWRITEBYTECODE"] = "1"  # and none are ever written there: all compiled
    return env


def compile_ours(python: str, env: dict[str, str]) -> None:
    """`--bytecode ours`: our code's .pyc, made by the deployments' own build command, under the
    scratch prefix (compileall honours PYTHONPYCACHEPREFIX); nothing else is ever written there."""
    script = ROOT / "scripts" / "vercel-bytecode"
    done = subprocess.run(
        ["bash", str(script)],
        cwd=ROOT,
        env={**env, "VERCEL_BYTECODE_PYTHON": python},
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"scripts/vercel-bytecode failed:\n{done.stdout}{done.stderr}")


def measure(python: str, file: Path, runs: int, scratch: Path, env: dict[str, str]) -> dict:
    first = _run(python, _ROUTE, str(file), env)  # writes the .pyc files; lists what is needed
    names_file = scratch / (file.relative_to(ROOT).as_posix().replace("/", "__") + ".json")
    names_file.write_text(json.dumps(first["needed"]))
    _run(python, _FLOOR, str(names_file), env, str(file))  # the floor's own bytecode is warm too
    route, floor = [], []
    for _ in range(runs):  # alternate, so load on the machine hits both alike
        route.append(_run(python, _ROUTE, str(file), env))
        floor.append(_run(python, _FLOOR, str(names_file), env, str(file)))
    return {
        "ms": statistics.median(s["ms"] for s in route),
        "wall": statistics.median(s["wall"] for s in route),
        "floor_ms": statistics.median(f["ms"] for f in floor),
        "ours": statistics.median(f["ours"] for f in floor),
        "rss_mb": statistics.median(s["rss_mb"] for s in route),
        "heavy": sorted({m for s in route for m in s["heavy"]}),
        "libs": sorted(
            {m.split(".")[0] for m in first["needed"] if m.split(".")[0] not in sys.stdlib_module_names}
        ),
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
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--python", default=sys.executable, help="interpreter to measure (e.g. a 3.12 like Vercel's)"
    )
    parser.add_argument(
        "--bytecode",
        choices=("warm", "ours", "none"),
        default="warm",
        help="warm: precompiled .pyc on both sides (VERCEL_PYTHON_COMPILEALL=1); ours: only our code's "
        ".pyc (scripts/vercel-bytecode, as deployed); none: all compiled (Vercel's default)",
    )
    args = parser.parse_args()

    from lib.web.routes import discover

    version = subprocess.run(
        [args.python, "-c", "import sys; print(sys.version.split()[0])"], capture_output=True, text=True
    ).stdout.strip()
    load = os.getloadavg()[0]
    print(
        f"Cold import of each api/ function — Python {version}, bytecode {args.bytecode}, medians of "
        f"{args.runs} fresh processes each, load average {load:.1f}\n"
    )
    print(
        f"{'function':40} {'wall ms':>8} {'CPU ms':>7} {'floor':>6} {'ours':>5} {'RSS MB':>7}  "
        "libraries in the floor (besides the standard library) · heavy SDKs"
    )
    offenders, worst, over, measured = [], 0.0, 0, 0
    with tempfile.TemporaryDirectory() as scratch:
        env = bench_env(args.bytecode, Path(scratch))
        if args.bytecode == "ours":
            compile_ours(args.python, env)
        for route in discover():
            rel = route.file.relative_to(ROOT).as_posix()
            try:
                r = measure(args.python, route.file, args.runs, Path(scratch), env)
            except RuntimeError as exc:
                print(f"{rel:40} import failed: {exc}")
                continue
            ours = r["ours"]
            worst, over, measured = max(worst, ours), over + (ours > 50), measured + 1
            print(
                f"{rel:40} {r['wall']:8.0f} {r['ms']:7.0f} {r['floor_ms']:6.0f} {ours:5.0f} {r['rss_mb']:7.1f}  "
                f"{', '.join(r['libs'])} · {', '.join(r['heavy']) or '-'}"
            )
            offenders += [(route.file, m) for m in r["heavy"]]
    print(
        f"\nours (CPU ms of importing the route once its floor is loaded): the largest {worst:.0f} ms; "
        f"over 50 ms on {over} of {measured} routes"
    )
    for file, module in offenders:
        chain = import_chain(args.python, file, module)
        print(
            f"\n{file.relative_to(ROOT)} imports {module} at import time via:\n  "
            + " -> ".join(chain or ["?"])
        )


if __name__ == "__main__":
    main()
