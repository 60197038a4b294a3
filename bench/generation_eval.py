"""Generation quality on a labelled set: does the workflow do what was asked, and would Sim run it?

    python bench/generation_eval.py                       # the offline planner on bench/generation_eval.jsonl
    python bench/generation_eval.py --data bench/generation_heldout3.jsonl
    python bench/generation_eval.py --claude              # also Claude through the local stand-in (real SDK)
    python bench/generation_eval.py --misses              # print what went wrong, per description
    python bench/generation_eval.py --simcheck            # also run every state in Sim's JUL25 executor
                                                          # (development tool, needs the built sim-oracle)

Each state is judged by structure (bench/structure_judge.py: trigger and provider, each step's
block and operation, order, loops, condition branches and router routes, data references,
parameters, forbidden actions, refusals). Printed: the "fully right" rate (every labelled
expectation holds, the state is valid, and it writes nothing that was not asked for) beside
per-dimension precision and recall (micro-averaged: right / predicted, right / labelled), the
validity over the states produced (all nine validators), and the runtime findings when the
validators have runtime checks (`lib.validation.is_runtime` / `RUNTIME_CODES`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.structure_judge import DIMENSIONS, Judge, Verdict, from_legacy  # noqa: E402

DATA = Path(__file__).with_name("generation_eval.jsonl")
SIMCHECK = Path(os.environ.get("SIMCHECK", "/work/shared/sim-oracle/simcheck"))
_REFUSAL_NAME = re.compile(r"cannot|refus|notaworkflow|unplannable|notunderstood", re.I)


@dataclass
class Produced:
    """What a generator answered for one description: a state, or an honest refusal."""

    state: dict[str, Any] | None
    refused: bool = False
    reason: str | None = None
    findings: list[Any] = field(default_factory=list)
    valid: bool = False
    crashed: bool = False  # the generator raised something that is no refusal (a 500 for the user)


def is_refusal(obj: Any) -> bool:
    """A generator's "this is not a workflow I can build" answer, however it is spelled.

    An exception whose class name says so (CannotPlan, Refusal, NotAWorkflow…), or an answer with a
    truthy `refusal` / `refused` / `cannot` / `not_a_workflow` attribute or key.
    """
    if isinstance(obj, BaseException):
        return bool(_REFUSAL_NAME.search(type(obj).__name__))
    for key in ("refusal", "refused", "cannot", "not_a_workflow"):
        value = obj.get(key) if isinstance(obj, dict) else getattr(obj, key, None)
        if value:
            return True
    return False


def _checked(state: dict[str, Any]) -> Produced:
    from lib.validation import validate

    report = validate(state, era="jul25")
    return Produced(state, findings=list(report.findings), valid=report.valid)


def run_planner(items: list[dict]) -> tuple[list[Produced], float]:
    from lib.generation import planner
    from lib.generation.compose import compose

    out = []
    t0 = time.perf_counter()
    for i, item in enumerate(items):
        try:
            plan = planner.plan(item["description"])
            if is_refusal(plan):
                out.append(Produced(None, refused=True, reason=str(getattr(plan, "reason", "") or "")))
                continue
            composed = compose(plan, seed=f"bench-{i}")
        except Exception as exc:
            # a crash is what a user meets as a 500: a failure for this description, not the end of the run
            refused = is_refusal(exc)
            out.append(Produced(None, refused=refused, reason=str(exc), crashed=not refused))
            continue
        if is_refusal(composed) or composed.state is None:
            out.append(Produced(None, refused=True, reason=str(getattr(composed, "reason", "") or "")))
        else:
            out.append(_checked(composed.state))
    return out, time.perf_counter() - t0


def run_claude(items: list[dict]) -> tuple[list[Produced], float]:
    from lib.generation import claude
    from tests.generation.standin import StandIn

    server = StandIn().start()
    os.environ.update(ANTHROPIC_API_KEY="stand-in", ANTHROPIC_BASE_URL=server.url)
    from lib.config import settings

    settings.cache_clear()
    out, cached = [], 0
    t0 = time.perf_counter()
    try:
        for i, item in enumerate(items):
            calls: list[Any] = []
            outcome = claude.generate(item["description"], seed=f"bench-{i}", record=calls.append)
            cached += sum(c.cache_read_tokens for c in calls)
            refused = is_refusal(outcome) or (outcome.plan is not None and is_refusal(outcome.plan))
            if outcome.state is not None and not refused:
                out.append(_checked(outcome.state))
            else:
                out.append(Produced(None, refused=refused, reason=outcome.reason))
    finally:
        server.stop()
    print(f"(stand-in: prompt-cache read tokens across the run: {cached})")
    return out, time.perf_counter() - t0


def runtime_checks() -> bool:
    """Whether the validators have runtime checks (`lib.validation.is_runtime` / `RUNTIME_CODES`)."""
    import lib.validation

    return bool(getattr(lib.validation, "is_runtime", None) or getattr(lib.validation, "RUNTIME_CODES", None))


def simcheck(items: list[dict], produced: list[Produced]) -> dict[str, str]:
    """{item id: COMPLETED | FAILED[workflow] | FAILED[stub]} from a run in Sim's JUL25 executor."""
    with tempfile.TemporaryDirectory() as tmp:
        for item, p in zip(items, produced):
            if p.state is not None:
                Path(tmp, f"{item['id']}.json").write_text(json.dumps(p.state), encoding="utf-8")
        run = subprocess.run([str(SIMCHECK), "execute", tmp], capture_output=True, text=True, timeout=600)
    found = re.findall(r"^(COMPLETED|FAILED\[\w+\])\s+\S*?([^/\s]+)\.json", run.stdout, re.M)
    return {name: status for status, name in found}


def report(label: str, items: list[dict], produced: list[Produced], elapsed: float, args: Any) -> None:
    verdicts: list[Verdict] = [Judge(item, p.state, p.refused).verdict() for item, p in zip(items, produced)]
    states = [p for p in produced if p.state is not None]
    valid = sum(p.valid for p in states)
    fully = [
        v.labels_right and (p.state is None or p.valid) for v, p in zip(verdicts, produced)
    ]  # a refusal is right only where the label allows it (the verdict says so)
    n = len(items)
    print(f"\n{label}: {n} descriptions, {elapsed * 1000 / n:.1f} ms each")
    print(f"  fully right     {sum(fully):>3}/{n} = {sum(fully) / n:.1%}")
    print(f"  labels right    {sum(v.labels_right for v in verdicts):>3}/{n}   (ignoring validity)")
    print(f"  validity        {valid:>3}/{len(states)} states produced ({n - len(states)} refused or failed)")
    crashed = [item.get("id", "?") for item, p in zip(items, produced) if p.crashed]
    if crashed:
        print(
            f"  crashed         {len(crashed):>3}/{n}   (an exception that is no refusal: a 500 for the user)"
        )
    if not runtime_checks():
        print("  runtime         n/a (the validators have no runtime checks yet)")
    else:
        from lib.generation.claude import is_runtime

        errs = sum(any(is_runtime(f) and f.severity == "error" for f in p.findings) for p in states)
        warns = sum(sum(is_runtime(f) and f.severity != "error" for f in p.findings) for p in states)
        print(
            f"  runtime         {len(states) - errs:>3}/{len(states)} states with no runtime error ({warns} warnings)"
        )
    if args.simcheck:
        runs = simcheck(items, produced)
        done = sum(s == "COMPLETED" for s in runs.values())
        wf = sum(s == "FAILED[workflow]" for s in runs.values())
        print(
            f"  Sim executor    {done:>3}/{len(runs)} completed, {wf} failed in the workflow, {len(runs) - done - wf} stub limits"
        )
    print(f"  {'dimension':<10} {'precision':>9} {'recall':>7} {'labelled':>9}")
    for dim in DIMENSIONS:
        right = sum(v.tally[dim][0] for v in verdicts)
        pred = sum(v.tally[dim][1] for v in verdicts)
        gold = sum(v.tally[dim][2] for v in verdicts)
        if not gold and not pred:
            continue
        precision = f"{right / pred:.1%}" if pred and dim != "forbid" else "—"
        recall = f"{right / gold:.1%}" if gold else "—"
        print(f"  {dim:<10} {precision:>9} {recall:>7} {gold:>9}")
    if args.misses:
        for item, v, p, ok in zip(items, verdicts, produced, fully):
            if ok:
                continue
            why = list(v.misses) + ([] if p.state is None or p.valid else ["invalid state"])
            print(f"  - {item.get('id', '?')}: " + "; ".join(why))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claude", action="store_true", help="also run the Claude path through the stand-in")
    parser.add_argument("--data", type=Path, default=DATA, help="labelled JSONL set (default: %(default)s)")
    parser.add_argument("--misses", action="store_true", help="list what went wrong for each description")
    parser.add_argument("--simcheck", action="store_true", help="also run the states in Sim's JUL25 executor")
    args = parser.parse_args()
    print(f"data: {args.data}")
    lines = args.data.read_text(encoding="utf-8").splitlines()
    items = [from_legacy(json.loads(line)) for line in lines if line.strip()]
    for i, item in enumerate(items):
        item.setdefault("id", f"{args.data.stem}-{i + 1}")
    produced, elapsed = run_planner(items)
    report("planner", items, produced, elapsed, args)
    if args.claude:
        produced, elapsed = run_claude(items)
        report("claude (stand-in)", items, produced, elapsed, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
