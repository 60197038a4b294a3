"""Cost of finding and replacing secrets on every write and outward path.

Prints, for the 50-block state of bench/validate.py, per-call p50/p95 of `scrub` on a clean state
(what most writes and every GET pay), on the same state with 12 keys planted in prompts, code,
URL queries, headers and bodies, and of `validate` beside them as the floor (the work a write
already does), with and without the `secrets` rule's by-value check (what that check costs). Run: python bench/secret_scan.py [iterations]
"""

from __future__ import annotations

import copy
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from validate import build_state

from lib.secrets import find, scrub
from lib.validation import validate

KEYS = [
    "sk-proj-Qx7Lm2Rt9Vb4Nc8Kd1Fg5Hj3Zp6Ws0Ye7Ua2Ib9Oc4Ed",
    "AIzaSyD7x2Qm9Rt4Vb1Nc8Kd3Fg6Hj0Lp5Zw7Ys",
    "xoxb-2468013579-1357924680123-Qx7Lm2Rt9Vb4Nc8Kd1Fg5Hj3",
    "ghp_Qx7Lm2Rt9Vb4Nc8Kd1Fg5Hj3Zp6Ws0Ye7Ua2I",
]


def leaky(state: dict) -> dict:
    out = copy.deepcopy(state)
    planted = 0
    for block in out["blocks"].values():
        for sub in block["subBlocks"].values():
            if planted < 12 and isinstance(sub.get("value"), str) and len(sub["value"]) > 3:
                key = KEYS[planted % len(KEYS)]
                sub["value"] += [f" use {key}", f"?key={key}", f' {{"api_key": "{key}"}}'][planted % 3]
                planted += 1
    return out


def timed(fn, arg, n: int) -> list[float]:
    fn(arg)  # warm (regex compile, registry load)
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn(arg)
        out.append((time.perf_counter() - t) * 1000)
    return out


def line(label: str, ms: list[float]) -> str:
    ms = sorted(ms)
    return f"{label:<34} p50 {statistics.median(ms):6.2f} ms   p95 {ms[int(len(ms) * 0.95) - 1]:6.2f} ms"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    clean = build_state(50)
    dirty = leaky(clean)
    found = scrub(dirty)[1]
    print(f"50-block state, {n} calls each; {len(found)} secrets planted and found in the leaky copy")
    print(line("validate (floor: work a write does)", timed(validate, clean, n)))
    from lib.validation.rules import secrets as rule

    by_value = rule._by_value
    rule._by_value = lambda ctx, reported: iter(())
    print(line("validate without the by-value check", timed(validate, clean, n)))
    rule._by_value = by_value
    print(line("scrub, clean state", timed(scrub, clean, n)))
    print(line("scrub, 12 planted keys", timed(scrub, dirty, n)))
    print(line("find (what the rule runs), clean state", timed(find, clean, n)))
    print(line("find, 12 planted keys", timed(find, dirty, n)))


if __name__ == "__main__":
    main()
