"""How fast and how cheaply hostile bodies are refused, beside an ordinary body of the same size.

Sends, through the whole local server in process (Starlette's TestClient, real database), each
hostile body of issue 10 to POST /api/workflows and prints its status, the median time to answer
and the peak of Python allocations while answering (tracemalloc), next to the floor: a harmless
YAML/JSON body of about the same size that fails validation in the ordinary way (422).

Run: python bench/hostile_input.py [repeats]   (prints figures; asserts nothing)
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# Counted, never refused: every request of a run comes from one address and one key, more than a minute's
# limit allows (the runs of 2026-12-03 06:26 measured 429s instead of writes).
os.environ["RATE_LIMIT_PER_MINUTE"] = os.environ.get("BENCH_RATE_LIMIT", "10000000")

from starlette.testclient import TestClient

from lib.store import migrations
from lib.web.server import create_app


def _bomb() -> str:
    lines = ["a0: &a0 [" + ", ".join(['"' + "lol" * 40 + '"'] * 80) + "]"]
    for i in range(1, 18):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def _plain_yaml(size: int) -> str:
    """Same size, no aliases: a state with one unknown block type (an ordinary 422)."""
    text = "state:\n  edges: []\n  blocks:\n    b1: {type: nosuchtype, name: x}\n  notes:\n"
    line = "    - " + "lol" * 40 + "\n"
    while len(text) < size:
        text += line
    return text


CASES = [
    ("yaml alias bomb", "application/yaml", _bomb()),
    ("yaml floor (same size, no aliases)", "application/yaml", _plain_yaml(len(_bomb()))),
    (
        "json nested 100,000 deep",
        "application/json",
        '{"state": {"x": ' + "[" * 100_000 + "]" * 100_000 + "}}",
    ),
    ("json NaN in a state", "application/json", '{"state": {"blocks": {}, "edges": [], "x": NaN}}'),
    (
        "json 4,000-digit integer",
        "application/json",
        '{"state": {"blocks": {}, "edges": [], "x": ' + "9" * 4000 + "}}",
    ),
    (
        "json floor (ordinary 422)",
        "application/json",
        json.dumps({"state": {"blocks": {"b1": {"type": "nosuch"}}}}),
    ),
]


def main(repeats: int = 20) -> None:
    migrations.migrate()
    with TestClient(create_app(), raise_server_exceptions=False) as client:
        print(f"{'body':<38} {'bytes':>8} {'status':>6} {'p50 ms':>8} {'max ms':>8} {'peak alloc MB':>14}")
        for label, ctype, body in CASES:
            times, peak, status = [], 0, 0
            for _ in range(repeats):
                tracemalloc.start()
                t0 = time.perf_counter()
                r = client.post("/api/workflows", content=body, headers={"content-type": ctype})
                times.append((time.perf_counter() - t0) * 1000)
                peak = max(peak, tracemalloc.get_traced_memory()[1])
                tracemalloc.stop()
                status = r.status_code
            print(
                f"{label:<38} {len(body):>8} {status:>6} {statistics.median(times):>8.1f} {max(times):>8.1f}"
                f" {peak / 1e6:>14.2f}"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
