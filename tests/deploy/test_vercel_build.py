"""The real `vercel build`, offline (scripts/vercel-build), and what it produced: one function per
api/ file, the dynamic routes, static files from public/ only, bundles under the size limit, and
each built function — called through its own trampoline under Python 3.12 — answering exactly
like the local server."""

from __future__ import annotations

import base64
import fcntl
import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from lib.config import ROOT
from lib.web import routes
from tests.deploy._probes import Probe, answer, probes

pytestmark = pytest.mark.deploy

BUNDLE_LIMIT = 225 * 1024 * 1024  # @vercel/python's own threshold before it switches to runtime installs
CALL_FUNC = Path(__file__).with_name("_call_func.py")


@dataclass(frozen=True)
class Build:
    dest: Path  # scripts/vercel-build's DEST: project/ (the copy) and bin/
    log: str

    @property
    def project(self) -> Path:
        return self.dest / "project"

    @property
    def output(self) -> Path:
        return self.project / ".vercel" / "output"

    @property
    def functions(self) -> Path:
        return self.output / "functions"

    @property
    def python(self) -> Path:
        return self.dest / "bin" / "python3"

    def config(self) -> dict[str, Any]:
        return json.loads((self.output / "config.json").read_text())

    def vc_config(self, func: str) -> dict[str, Any]:
        return json.loads((self.functions / f"{func}.func" / ".vc-config.json").read_text())


def _shared_dir(tmp_path_factory) -> Path:
    """One directory per test run, shared by its xdist workers, so the build runs once."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Build:
    shared = _shared_dir(tmp_path_factory)
    dest, log_file = shared / "vercel-build", shared / "vercel-build.log"
    with open(shared / "vercel-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not log_file.exists():
            env = {**os.environ, "UV_BIN": _uv_bin()}
            proc = subprocess.run(
                ["bash", str(ROOT / "scripts" / "vercel-build"), str(dest)],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=900,
            )
            log_file.write_text(f"rc={proc.returncode}\n{proc.stderr}\n{proc.stdout}")
        log = log_file.read_text()
    if not log.startswith("rc=0"):
        pytest.fail(f"vercel build failed:\n{log[-4000:]}")
    return Build(dest, log)


def _uv_bin() -> str:
    try:
        import uv

        return uv.find_uv_bin()
    except (ImportError, FileNotFoundError):
        return shutil.which("uv") or ""


def _func_name(route: routes.ApiRoute) -> str:
    return route.file.relative_to(ROOT).with_suffix("").as_posix()


# -- the route table as Vercel's router applies config.json ---------------------------------------
def resolve(build: Build, path: str) -> tuple[str, str] | None:
    """(function, request target) for a public path, or None for the platform's 404.

    Filesystem first (an exact function, or `<dir>/index` as the platform's filesystem lookup
    serves a directory's index function), then the rewrite routes that follow
    `{"handle": "filesystem"}` in order, until the next phase."""
    name = path.strip("/")
    if (build.functions / f"{name}.func").is_dir():
        return name, path
    if (build.functions / name / "index.func").is_dir():
        return f"{name}/index", path
    table = build.config()["routes"]
    start = next(i for i, r in enumerate(table) if r.get("handle") == "filesystem") + 1
    for r in table[start:]:
        if "handle" in r:
            break
        m = re.match(r["src"], path)
        if not m:
            continue
        if "dest" not in r:
            return None
        dest = m.expand(re.sub(r"\$(\d+)", r"\\g<\1>", r["dest"]))
        func, _, query = dest.partition("?")
        return func.strip("/"), path + (f"?{query}" if query else "")
    return None


# -- calling a built function -----------------------------------------------------------------------
def materialize(build: Build, func: str, into: Path) -> Path:
    """The function's files as Lambda would unpack them: filePathMap entries (hard links) plus the
    .func directory's own files, so `__file__`-relative paths resolve inside the bundle."""
    func_dir = build.functions / f"{func}.func"
    root = into / "funcs" / func.replace("/", "__")  # flat: api/a/[id] must not nest inside api/a/[id]/b
    if (root / "vc__handler__python.py").exists():
        return root
    for rel, src in build.vc_config(func).get("filePathMap", {}).items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        source = build.project / src
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)
    for f in func_dir.iterdir():
        shutil.copy2(f, root / f.name)
    return root


def call_built(
    build: Build, func: str, items: list[tuple[Probe, str]], into: Path, *, tag: str = "", **env: str
) -> dict[str, Any]:
    """Run `vc_handler` in a fresh Python for each (probe, request target); answers by label.

    `tag` tells apart the files of two calls to one function with the same variables."""
    root = materialize(build, func, into)
    cfg = build.vc_config(func)
    reqs = [
        {
            "method": p.method,
            "path": target,
            "headers": {"host": "agent-forge.example", **p.headers},
            "body": base64.b64encode(p.body).decode(),
        }
        for p, target in items
    ]
    tag = f"{func.replace('/', '__')}.{'-'.join(sorted(env))}{tag}"
    req_file, out_file = into / f"{tag}.req.json", into / f"{tag}.out.json"
    req_file.write_text(json.dumps(reqs))
    run_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
        "TMPDIR": str(into),
        **cfg.get("environment", {}),
        **env,
    }
    proc = subprocess.run(
        [str(build.python), str(CALL_FUNC), str(req_file), str(out_file)],
        cwd=root,
        env=run_env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0 and out_file.exists(), (
        f"{func}: trampoline failed\n{proc.stdout}\n{proc.stderr[-3000:]}"
    )
    data = json.loads(out_file.read_text())
    assert data["python"][:2] == [3, 12] or cfg["runtime"] != "python3.12", data["python"]
    assert data["compiled_ours"] == [], f"{func}: compiled from source, no valid .pyc shipped"
    answers = {}
    for (p, _), res in zip(items, data["results"]):
        raw = base64.b64decode(res["body"]) if res.get("encoding") == "base64" else res["body"].encode()
        ctype = (res["headers"].get("content-type") or [None])[0]
        answers[p.label] = answer(res["statusCode"], ctype, raw)
    return answers


def _targets(build: Build) -> dict[str, list[tuple[Probe, str]]]:
    """The probes grouped by the built function Vercel routes them to (and the target it sends)."""
    grouped: dict[str, list[tuple[Probe, str]]] = {}
    for p in probes():
        found = resolve(build, p.path)
        assert found is not None, f"{p.path} is a 404 on Vercel but {p.file} serves it locally"
        func, target = found
        assert func == p.file.removesuffix(".py"), f"{p.path}: Vercel runs {func}, the local server {p.file}"
        grouped.setdefault(func, []).append((p, target))
    return grouped


# -- the tests --------------------------------------------------------------------------------------
def test_every_api_file_became_a_function(built):
    expected = {_func_name(r) for r in routes.discover()}
    actual = {
        p.relative_to(built.functions).as_posix().removesuffix(".func")
        for p in built.functions.rglob("*.func")
    }
    assert actual == expected, "a file without a top-level `app` is silently skipped by Vercel"


def test_function_settings_follow_vercel_json(built):
    """First matching `functions` pattern wins (as in @vercel/build-utils), so it sets all keys."""
    fns = json.loads((ROOT / "vercel.json").read_text())["functions"]
    for route in routes.discover():
        name = _func_name(route)
        cfg = built.vc_config(name)
        pattern = next(p for p in fns if _glob_match(p, f"{name}.py"))
        assert cfg["handler"] == "vc__handler__python.vc_handler" and cfg["runtime"] == "python3.12"
        assert (
            cfg["memory"] == fns[pattern]["memory"] and cfg["maxDuration"] == fns[pattern]["maxDuration"]
        ), name
        if "generate" in name.rsplit("/", 1)[-1]:
            assert cfg["maxDuration"] >= 120, f"{name}: generation needs the raised maxDuration"
        shipped = {k.split("/")[0] for k in cfg["filePathMap"]}
        assert {"api", "lib", "migrations", "_vendor"} <= shipped, name
        assert not shipped & {"tests", "bench", "docs", "scripts", "public", "node_modules", ".data"}, name


def test_our_code_ships_as_checked_bytecode(built):
    """The build command (scripts/vercel-bytecode) compiled lib/ and api/ into checked-hash .pyc
    beside the sources and every function ships one for each of our modules: a cold start reads
    them instead of compiling (call_built checks that no module of ours was compiled)."""
    assert "vercel-bytecode: lib api compiled for cpython-312" in built.log
    for route in routes.discover():
        name = _func_name(route)
        shipped = set(built.vc_config(name)["filePathMap"])
        sources = {k for k in shipped if k.split("/")[0] in ("lib", "api") and k.endswith(".py")}
        assert sources, name
        for src in sources:
            folder, _, file = src.rpartition("/")
            pyc = f"{folder}/__pycache__/{file[:-3]}.cpython-312.pyc"
            assert pyc in shipped, f"{name}: no bytecode for {src}"
            flags = int.from_bytes((built.project / pyc).read_bytes()[4:8], "little")
            assert flags == 0b11, f"{pyc}: not a checked-hash .pyc (flags {flags:#b})"


def _glob_match(pattern: str, path: str) -> bool:
    if pattern == path:
        return True
    rx = re.escape(pattern).replace(r"\*\*/", "(?:.*/)?").replace(r"\*", "[^/]*")
    return re.fullmatch(rx, path) is not None


def test_dynamic_and_index_routes_reach_their_own_function(built):
    """`[id]` segments are rewrites after the filesystem, so a static sibling wins, as locally."""
    dynamic = [r for r in routes.discover() if r.dynamic]
    table = json.dumps(built.config()["routes"])
    for route in dynamic:
        assert f"/{_func_name(route)}?" in table, f"no rewrite for {route.path}"
    for route in routes.discover():
        sample = re.sub(r"{(\w+)}", r"sample-\1", route.path)
        found = resolve(built, sample)
        assert found and found[0] == _func_name(route), (route.path, found)
        if route.dynamic:
            assert all(f"{p}=sample-{p}" in found[1] for p in re.findall(r"{(\w+)}", route.path)), found


def test_static_output_is_exactly_public(built):
    public = built.project / "public"
    expected = {p.relative_to(public).as_posix() for p in public.rglob("*") if p.is_file()}
    static = built.output / "static"
    actual = {p.relative_to(static).as_posix() for p in static.rglob("*") if p.is_file()}
    assert expected and actual == expected


def test_static_security_headers_match_the_local_server(built):
    from lib.web.server import STATIC_HEADERS

    header_route = next(r for r in built.config()["routes"] if "headers" in r and r.get("continue"))
    assert re.match(header_route["src"], "/docs.html") and not re.match(header_route["src"], "/api/health")
    sent = {k.lower(): v for k, v in header_route["headers"].items()}
    for key, value in STATIC_HEADERS:
        assert sent.get(key.decode()) == value.decode(), key
    assert {"permissions-policy", "x-frame-options", "content-security-policy"} <= set(sent)


def test_bundles_are_under_the_size_limit(built):
    for func in built.functions.rglob("*.func"):
        name = func.relative_to(built.functions).as_posix().removesuffix(".func")
        size = sum(f.stat().st_size for f in func.iterdir())
        size += sum(
            (built.project / src).stat().st_size for src in built.vc_config(name)["filePathMap"].values()
        )
        assert size < BUNDLE_LIMIT, f"{name}: {size / 1e6:.1f} MB"


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory) -> Path:
    """Where functions are materialized (once per module) and called."""
    return tmp_path_factory.mktemp("funcs")


def test_built_functions_answer_like_the_local_server(built, local_answers, store, unpacked):
    url = store.url()
    grouped = _targets(built)
    assert set(grouped) == {_func_name(r) for r in routes.discover()}, "every function gets at least one call"
    expected = local_answers([p for items in grouped.values() for p, _ in items])
    with ThreadPoolExecutor(max_workers=2) as pool:  # each call is a fresh interpreter: run two at a time
        calls = {
            func: pool.submit(call_built, built, func, items, unpacked, DATABASE_URL=url)
            for func, items in grouped.items()
        }
        got = {func: call.result() for func, call in calls.items()}
    for func, items in grouped.items():
        for p, _ in items:
            assert got[func][p.label] == expected[p.label], f"{func}: {p.label}"


def test_auth_required_reaches_the_functions(built, local_answers, settings_env, store, unpacked):
    """Every deployment (VERCEL_ENV production or preview) requires keys without any `env` in
    vercel.json: a function refuses a keyless request to a non-public operation as locally."""
    assert "AUTH_REQUIRED" not in json.loads((ROOT / "vercel.json").read_text()).get("env", {})
    guarded = [(func, items) for func, items in _targets(built).items() if any(_guarded(p) for p, _ in items)]
    if not guarded:
        pytest.skip("no non-public operation yet")
    func, items = guarded[0]
    settings_env(VERCEL_ENV="preview")
    expected = local_answers([p for p, _ in items])
    got = call_built(built, func, items, unpacked, DATABASE_URL=store.url(), VERCEL_ENV="preview")
    assert got == expected
    assert any(a["status"] == 401 and a["body"]["error"]["code"] == "unauthorized" for a in got.values())


def test_a_preview_on_an_empty_database_works_from_its_first_requests(built, store, unpacked):
    """Supabase Branching hands a preview an empty database: two cold functions called at once
    migrate it exactly once between them, the bootstrap token gives the first admin key, and that
    key reads the (empty) workflow list; health names the branch, commit and schema."""
    import psycopg

    from lib.store import migrations

    base = store.url()
    name = f"preview_{os.getpid()}_{id(built) % 10_000}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"drop database if exists {name} with (force)")
        admin.execute(f"create database {name}")
    url = base.replace("/postgres?", f"/{name}?")
    token = "preview-bootstrap-" + os.urandom(12).hex()
    env = {
        "DATABASE_URL": url,
        "VERCEL_ENV": "preview",
        "VERCEL_GIT_COMMIT_REF": "feature/preview-test",
        "VERCEL_GIT_COMMIT_SHA": "c0ffee" * 6 + "abcd",
        "AGENT_FORGE_BOOTSTRAP_TOKEN": token,
    }
    boot = Probe(
        "api/keys/index.py",
        "POST",
        "/api/keys",
        b'{"name": "first admin"}',
        {"content-type": "application/json", "x-bootstrap-token": token},
    )
    health = Probe("api/health.py", "GET", "/api/health")
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:  # two cold starts at the same moment
            first = pool.submit(
                call_built, built, "api/keys/index", [(boot, boot.path)], unpacked, tag=".a", **env
            )
            second = pool.submit(
                call_built, built, "api/health", [(health, health.path)], unpacked, tag=".b", **env
            )
            created, report = first.result()[boot.label], second.result()[health.label]
        assert created["status"] == 201, created
        assert created["body"]["role"] == "admin" and created["body"]["bootstrap"] is True
        assert report["status"] == 200, report
        latest = migrations.available()[-1].version
        assert report["body"]["database"]["schema_version"] == latest
        assert report["body"]["deployment"] == {
            "environment": "preview",
            "branch": "feature/preview-test",
            "commit": env["VERCEL_GIT_COMMIT_SHA"],
            "auth_required": True,
        }
        with psycopg.connect(url) as c:
            versions = [r[0] for r in c.execute("select version from agent_forge_migrations order by 1")]
            bootstraps = c.execute("select count(*) from key_bootstrap").fetchone()[0]
        assert versions == [m.version for m in migrations.available()] and bootstraps == 1

        key = created["body"]["key"]
        listing = Probe(
            "api/workflows/index.py", "GET", "/api/workflows", headers={"authorization": f"Bearer {key}"}
        )
        keyless = Probe("api/workflows/index.py", "GET", "/api/workflows?limit=1")
        again = Probe(boot.file, "POST", "/api/keys?again=1", boot.body, boot.headers)
        got = call_built(
            built,
            "api/workflows/index",
            [(listing, listing.path), (keyless, keyless.path)],
            unpacked,
            tag=".c",
            **env,
        )
        assert got[listing.label]["status"] == 200 and got[listing.label]["body"]["workflows"] == []
        assert got[keyless.label]["status"] == 401
        refused = call_built(built, "api/keys/index", [(again, again.path)], unpacked, tag=".d", **env)[
            again.label
        ]
        assert refused["status"] == 401 and "already used" in refused["body"]["error"]["message"]
    finally:
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f"drop database if exists {name} with (force)")


def _guarded(p: Probe) -> bool:
    app = routes.load_module(ROOT / p.file).app
    return any(not op.public for op in app.operations if op.method == p.method)


def test_build_ran_in_a_copy(built):
    """The builder writes pyproject.toml, uv.lock and .python-version into the copy, not the checkout."""
    for name in ("pyproject.toml", "uv.lock", ".python-version"):
        assert (built.project / name).exists(), name
    assert (built.project / ".vercel" / "python" / "cache").is_symlink(), (
        "uv's cache is shared, the venv is not"
    )


def test_reference_rewrites_are_in_the_built_routes(built):
    """/docs, /redoc and /openapi.json reach the same files on Vercel as locally (lib/web/server)."""
    from lib.web.server import load_rewrites

    routes = built.config()["routes"]
    for source, destination in load_rewrites().items():
        rule = next((r for r in routes if r.get("dest") == destination and re.match(r["src"], source)), None)
        assert rule is not None, (source, destination, routes)
