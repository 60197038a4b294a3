"""Shared by bench/load.py and bench/faults.py: a real `python -m lib serve` on loopback over its
own embedded PostgreSQL, API keys for a few tenants, clients doing mixed reads and writes, and
the check that every acknowledged write is stored."""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = "support-ticket-triage"


class Server:
    """`python -m lib serve` in a subprocess with a scratch data directory (removed on close)."""

    def __init__(self, **env: str) -> None:
        self.data = Path(tempfile.mkdtemp(prefix="agent-forge-bench-"))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "AGENT_FORGE_DATA_DIR": str(self.data),
            "PYTHONPATH": str(ROOT),
            "LOG_LEVEL": "WARNING",
            **env,
        }
        # The server's warnings and errors (the JSON log) to a file the bench names: a 503 is explained there.
        self.log = ROOT / ".bench" / f"{Path(sys.argv[0]).stem}-server.log"
        self.log.parent.mkdir(exist_ok=True)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "lib", "serve", "--port", str(self.port)],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("wb"),
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/api/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        self.close()
        raise RuntimeError("the server did not come up")

    def key(self, tenant: str) -> str:
        out = subprocess.run(
            [sys.executable, "-m", "lib", "keys", "create", "--tenant", tenant, "--role", "write"],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()

    def postmaster(self) -> int | None:
        pidfile = self.data / "pg" / "postmaster.pid"
        try:
            pid = int(pidfile.read_text().split()[0])
            os.kill(pid, 0)
            return pid
        except (FileNotFoundError, ProcessLookupError, ValueError, IndexError):
            return None

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.data, ignore_errors=True)


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)  # kind → seconds
    statuses: dict[int, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # transport errors and unexpected statuses
    created: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (key, name) acknowledged
    updated: dict[str, tuple[int, str]] = field(default_factory=dict)  # id → (version, description) acked
    timeline: list[tuple[float, int, float]] = field(default_factory=list)  # (start, status, seconds)
    elapsed: float = 0.0

    def note(self, kind: str, status: int, seconds: float, started: float) -> None:
        self.latencies.setdefault(kind, []).append(seconds)
        self.statuses[status] = self.statuses.get(status, 0) + 1
        self.timeline.append((started, status, seconds))


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def summary(values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return f"n={len(ms):,} p50 {pct(ms, 0.5):.1f} ms, p95 {pct(ms, 0.95):.1f} ms, p99 {pct(ms, 0.99):.1f} ms"


async def client_loop(
    http: httpx.AsyncClient,
    key: str,
    state: dict,
    tally: Tally,
    until: float,
    *,
    write_share: float = 0.4,
    allowed: frozenset[int] = frozenset({200, 201}),
) -> None:
    """One client: creates a workflow, then mixes reads (own workflow, list, templates) and writes
    (create, replace with the version it holds). Every acknowledged write is remembered."""
    headers = {"authorization": f"Bearer {key}"}
    mine: dict[str, int] = {}  # id → version this client last saw acknowledged
    rng = random.Random()
    while time.monotonic() < until:
        roll = rng.random()
        if not mine or roll < write_share / 2:
            kind, name = "create", f"load {uuid.uuid4().hex[:12]}"
            call = http.post("/api/workflows", json={"name": name, "state": state}, headers=headers)
        elif roll < write_share:
            kind = "replace"
            wid = rng.choice(list(mine))
            desc = f"edit {uuid.uuid4().hex[:12]}"
            body = {"state": state, "version": mine[wid], "description": desc}
            call = http.put(f"/api/workflows/{wid}", json=body, headers=headers)
        elif roll < write_share + (1 - write_share) / 3:
            kind = "get"
            call = http.get(f"/api/workflows/{rng.choice(list(mine))}", headers=headers)
        elif roll < write_share + 2 * (1 - write_share) / 3:
            kind = "list"
            call = http.get("/api/workflows?limit=20", headers=headers)
        else:
            kind = "templates"
            call = http.get("/api/templates", headers=headers)
        started = time.monotonic()
        try:
            r = await call
        except httpx.HTTPError as exc:
            tally.errors.append(f"{kind}: {type(exc).__name__}")
            tally.timeline.append((started, 0, time.monotonic() - started))
            await asyncio.sleep(0.05)
            continue
        seconds = time.monotonic() - started
        tally.note(kind, r.status_code, seconds, started)
        if r.status_code not in allowed:
            tally.errors.append(f"{kind}: {r.status_code}")
        if r.status_code == 503:  # back off a little, as Retry-After asks
            await asyncio.sleep(min(0.5, float(r.headers.get("retry-after", "1")) / 4))
        if kind == "create" and r.status_code == 201:
            doc = r.json()
            mine[doc["id"]] = doc["version"]
            tally.created[doc["id"]] = (key, name)
        elif kind == "replace" and r.status_code == 200:
            doc = r.json()
            mine[wid] = doc["version"]
            tally.updated[wid] = (doc["version"], desc)
        elif kind == "replace" and r.status_code == 409:  # a write answered 503 had landed: re-read
            fresh = await http.get(f"/api/workflows/{wid}", headers=headers)
            if fresh.status_code == 200:
                mine[wid] = fresh.json()["version"]


def verify(base_url: str, tally: Tally) -> list[str]:
    """Every acknowledged create is there with its name; every acknowledged replace is the
    stored version (or an older acknowledged one was superseded by a later acknowledged one)."""
    lost = []
    with httpx.Client(base_url=base_url, timeout=30) as http:
        for wid, (key, name) in tally.created.items():
            r = http.get(f"/api/workflows/{wid}", headers={"authorization": f"Bearer {key}"})
            if r.status_code != 200 or r.json()["name"] != name:
                lost.append(f"create {wid}: {r.status_code}")
                continue
            if wid in tally.updated:
                version, desc = tally.updated[wid]
                doc = r.json()
                if doc["version"] < version or (doc["version"] == version and doc["description"] != desc):
                    lost.append(f"replace {wid}: stored v{doc['version']}, acknowledged v{version}")
    return lost


def template_state(base_url: str) -> dict:
    return httpx.get(f"{base_url}/api/templates/{TEMPLATE}", timeout=30).json()["state"]


def open_clients(base_url: str, clients: int) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    return httpx.AsyncClient(base_url=base_url, timeout=30, limits=limits)


async def run_clients(
    base_url: str,
    keys: list[str],
    clients: int,
    seconds: float,
    *,
    allowed: frozenset[int] = frozenset({200, 201}),
    beside: Any = None,
) -> tuple[Tally, Any]:
    """`clients` client loops for `seconds` (keys dealt round-robin), and `beside` (a coroutine,
    e.g. the fault) running with them; the tally and what `beside` returned."""
    state = template_state(base_url)
    tally = Tally()
    async with open_clients(base_url, clients) as http:
        t0 = time.monotonic()
        until = t0 + seconds
        loops = [
            client_loop(http, keys[i % len(keys)], state, tally, until, allowed=allowed)
            for i in range(clients)
        ]
        results = await asyncio.gather(*([beside] if beside else []), *loops)
        tally.elapsed = time.monotonic() - t0
    return tally, results[0] if beside else None


async def floor(base_url: str, clients: int, seconds: float) -> list[float]:
    """The same clients fetching a static file from the same server: HTTP and client cost, no API."""
    latencies: list[float] = []
    until = time.monotonic() + seconds

    async def one(http: httpx.AsyncClient) -> None:
        while time.monotonic() < until:
            t0 = time.monotonic()
            r = await http.get("/style.css")
            if r.status_code == 200:
                latencies.append(time.monotonic() - t0)

    async with open_clients(base_url, clients) as http:
        await asyncio.gather(*(one(http) for _ in range(clients)))
    return latencies


def describe(values: list[float]) -> str:
    return f"mean {statistics.fmean(values) * 1000:.1f} ms" if values else "none"
