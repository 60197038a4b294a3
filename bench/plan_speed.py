"""Offline planner speed per description, phase by phase, beside a floor measured in the same run.

    python bench/plan_speed.py [SET.jsonl …]      (default: the three newest studied sets)

CPU time (process_time: the machine is shared, wall time is noisy) for plan, compose and validate of
every description, warm (patterns compiled by earlier descriptions kept, as in a running function) and
cold (the pattern cache and the planner's other kept answers emptied before each description, as in the first
request of a new instance).
The floor is a plain walk of every value of each produced state.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.validate import _walk
from lib.errors import CannotPlan
from lib.generation import planner, rx
from lib.generation.compose import compose
from lib.validation import validate

_DEFAULT = ["generation_heldout38.jsonl", "generation_heldout39.jsonl", "generation_heldout40.jsonl"]


def _cpu_ms(run: Any, *args: Any, **kwargs: Any) -> tuple[Any, float]:
    t0 = time.process_time()
    out = run(*args, **kwargs)
    return out, (time.process_time() - t0) * 1000


def _line(label: str, timings: list[float]) -> None:
    timings = sorted(timings)
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    print(
        f"  {label:<40} mean {statistics.fmean(timings):7.2f} ms   p50 {statistics.median(timings):7.2f} ms"
        f"   p95 {p95:7.2f} ms"
    )


def _forget() -> None:
    """Empty what a running instance keeps between descriptions: the pattern cache and every other answer kept
    (`lru_cache` with room for more than one; the data files, loaded once, stay loaded)."""
    rx.compile.cache_clear()
    for module in list(sys.modules.values()):
        if not getattr(module, "__name__", "").startswith("lib.generation"):
            continue
        for value in list(vars(module).values()):
            info = getattr(value, "cache_info", None)
            if callable(info) and (info().maxsize or 2) > 1:
                value.cache_clear()


def measure(descriptions: list[str], *, cold: bool) -> dict[str, list[float]]:
    phases: dict[str, list[float]] = {"plan": [], "compose": [], "validate": [], "floor": []}
    for n, text in enumerate(descriptions):
        if cold:
            _forget()
        try:
            plan, ms = _cpu_ms(planner.plan, text)
        except CannotPlan:
            continue  # a refusal: nothing to compose
        phases["plan"].append(ms)
        composed, ms = _cpu_ms(compose, plan, seed=f"speed-{n}")
        state = getattr(composed, "state", None)
        if state is None:
            continue
        phases["compose"].append(ms)
        phases["validate"].append(_cpu_ms(validate, state, era="jul25")[1])
        phases["floor"].append(_cpu_ms(_walk, state)[1])
    return phases


def main() -> None:
    root = Path(__file__).resolve().parent
    paths = [Path(p) for p in sys.argv[1:]] or [root / name for name in _DEFAULT]
    descriptions = [
        json.loads(line)["description"]
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    measure(descriptions[:3], cold=False)  # loads the lexicon, the registry and the JavaScript parser once
    print(f"{len(descriptions)} descriptions from {', '.join(p.name for p in paths)}")
    for cold in (False, True):
        phases = measure(descriptions, cold=cold)
        print(
            "cold: the pattern cache emptied before each description"
            if cold
            else "warm: patterns kept from earlier descriptions"
        )
        for name, label in (
            ("floor", "floor: plain walk of the state"),
            ("plan", "plan"),
            ("compose", "compose"),
            ("validate", "validate"),
        ):
            _line(label, phases[name])
        if not cold:
            info = rx.compile.cache_info()
            print(
                f"  pattern cache: {info.currsize} of {info.maxsize} kept, {info.hits} hits, {info.misses} compiles"
            )


if __name__ == "__main__":
    main()
