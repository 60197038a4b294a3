"""Cold start including the first request: import a route and serve one typical request in a
fresh process, for the routes whose imports issue 14 §4 trimmed.

    python bench/cold_request.py [--runs 7] [--bytecode none|warm] [--python PATH] [ROUTE ...]

Deferring an import to first use helps a cold start only by what its requests never touch: this
bench shows both halves. One scratch embedded PostgreSQL serves every process (started here,
migrated, seeded with one workflow for generate-state; removed at the end). For each route, one
unmeasured process imports the route and serves its request, and lists every module then in
sys.modules that is not ours (not `lib.*`/`api.*`). Then `--runs` fresh processes import exactly
that list first (the libraries, the test client included) and then, timed in CPU ms of that
process (`time.process_time`, all threads; the database server's work is not counted): our
import of the route, and its first request through Starlette's TestClient. The bytecode modes
are bench/cold_start.py's (`none`: every module compiled from source, Vercel's default; `ours`:
our code's .pyc from scripts/vercel-bytecode, as this project deploys; `warm`: every .pyc).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

from bench.cold_start import IMPORT_ALL, bench_env, compile_ours  # noqa: E402

TEMPLATE = "support-ticket-triage"
DESCRIPTION = "Every Friday at 16:00 search the web for AI news and email a summary to me@example.com"

_CHILD = (
    IMPORT_ALL
    + """
import json, pathlib, time
route, method, path, body, names_file = sys.argv[1:6]
listing = names_file == "-"
if not listing:
    import_all(json.load(open(names_file)))
from starlette.testclient import TestClient
c1 = time.process_time()
from lib.web.routes import load_module
app = load_module(pathlib.Path(route)).app
c2 = time.process_time()
r = TestClient(app, raise_server_exceptions=False).request(method, path, json=json.loads(body))
c3 = time.process_time()
if r.status_code >= 400:
    raise SystemExit(f"{method} {path} -> {r.status_code}: {r.text[:300]}")
out = {"import": (c2 - c1) * 1000, "request": (c3 - c2) * 1000}
if listing:
    out["needed"] = [m for m in sys.modules if m.split(".")[0] not in ("lib", "api") and m != "__main__"]
print(json.dumps(out))
"""
)


def _child(
    python: str, env: dict[str, str], route: Path, method: str, path: str, body: str, names: str
) -> dict:
    args = [python, "-c", _CHILD, str(route), method, path, body, names]
    out = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        tail = out.stderr.strip().splitlines()
        raise RuntimeError(tail[-1] if tail else f"exit {out.returncode}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _cases(workflow_id: str) -> list[tuple[str, str, str, dict]]:
    state = json.loads((ROOT / "lib/templates/catalogue" / f"{TEMPLATE}.json").read_text())["state"]
    return [
        ("api/workflows/templates/[name].py", "POST", f"/api/workflows/templates/{TEMPLATE}", {}),
        ("api/workflows/pattern-match.py", "POST", "/api/workflows/pattern-match", {"state": state}),
        (
            "api/workflows/pattern-match.py",
            "POST",
            "/api/workflows/pattern-match",
            {"description": DESCRIPTION},
        ),
        (
            "api/workflows/semantic-search.py",
            "POST",
            "/api/workflows/semantic-search",
            {"query": "triage tickets"},
        ),
        ("api/generate.py", "POST", "/api/generate", {"description": DESCRIPTION, "cache": False}),
        ("api/workflows/[id]/generate-state.py", "POST", f"/api/workflows/{workflow_id}/generate-state", {}),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--bytecode", choices=("warm", "ours", "none"), default="none")
    parser.add_argument("routes", nargs="*", help="only these route files (default: all listed)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        os.environ["AGENT_FORGE_DATA_DIR"] = str(Path(scratch) / "data")
        for var in ("DATABASE_URL", "POSTGRES_URL", "POSTGRES_PRISMA_URL", "AUTH_REQUIRED"):
            os.environ.pop(var, None)
        from lib.config import settings
        from lib.store import db, migrations, workflows

        migrations.migrate()
        seeded = workflows.create(
            settings().default_tenant,
            state={"blocks": {}, "edges": []},
            name="Digest",
            description=DESCRIPTION,
        )
        env = bench_env(args.bytecode, Path(scratch))
        if args.bytecode == "ours":
            compile_ours(args.python, env)
        env.update(DATABASE_URL=db.url(), RATE_LIMITS="false")
        try:
            load = os.getloadavg()[0]
            print(
                f"Import + first request of each route, ours only (CPU ms, medians of {args.runs} fresh "
                f"processes), bytecode {args.bytecode}, load average {load:.1f}\n"
            )
            print(f"{'route':40} {'request body':24} {'import':>7} {'request':>8} {'sum':>6}")
            for i, (route, method, path, body) in enumerate(_cases(seeded.id)):
                if args.routes and route not in args.routes:
                    continue
                file, payload = ROOT / route, json.dumps(body)
                first = _child(args.python, env, file, method, path, payload, "-")
                names = Path(scratch) / f"names-{i}.json"
                names.write_text(json.dumps(first["needed"]))
                runs = [
                    _child(args.python, env, file, method, path, payload, str(names))
                    for _ in range(args.runs)
                ]
                imp = statistics.median(r["import"] for r in runs)
                req = statistics.median(r["request"] for r in runs)
                both = statistics.median(r["import"] + r["request"] for r in runs)
                shown = ",".join(body)[:24] or "{}"
                print(f"{route:40} {shown:24} {imp:7.0f} {req:8.0f} {both:6.0f}")
        finally:
            db.close()
            db.stop_embedded()


if __name__ == "__main__":
    main()
