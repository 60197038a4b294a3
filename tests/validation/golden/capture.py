"""Records every state the validation and template tests validate, with the findings of today's rules.

Run once, before a refactor of the rules: `python -m tests.validation.golden.capture` (and
`--all` for the findings of every code, `all_findings.json.gz`). It runs
those tests with `Context` wrapped so each state (and era) it is built from is kept, then writes
`states.json.gz` with the states, their findings and the codes the rules then declared.
`test_golden.py` re-validates each state and compares the findings of those codes byte for byte.
"""

from __future__ import annotations

import copy
import gzip
import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
OUT = HERE / "states.json.gz"


class _Recorder:
    def __init__(self) -> None:
        self.seen: dict[str, tuple[object, str]] = {}

    def pytest_configure(self, config) -> None:
        from lib.validation import context

        original = context.Context.__init__
        recorder = self

        def recording_init(ctx, state, era):
            try:
                text = json.dumps([state, era], sort_keys=True, allow_nan=False)
            except (TypeError, ValueError, RecursionError):
                text = None
            if text is not None and text not in recorder.seen:
                recorder.seen[text] = (copy.deepcopy(state), era)
            original(ctx, state, era)

        context.Context.__init__ = recording_init


def main() -> int:
    recorder = _Recorder()
    code = pytest.main(
        [
            "-p",
            "no:xdist",
            "-q",
            "-x",
            "--ignore",
            str(HERE),
            str(ROOT / "tests/validation"),
            str(ROOT / "tests/templates"),
        ],
        plugins=[recorder],
    )
    if code not in (0, 5):
        return int(code)
    sys.path.insert(0, str(ROOT))
    from bench.validate import build_state
    from lib.validation import RULES, validate

    cases = [(state, era) for state, era in recorder.seen.values()]
    cases.append((build_state(), "jul25"))
    records = []
    for state, era in cases:
        report = validate(state, era=era)
        records.append({"era": era, "state": state, "findings": [f.model_dump() for f in report.findings]})
    codes = sorted(
        {f"{rule.name}:{c}" for rule in RULES for c in rule.codes} | {"structure:validator_failed"}
    )
    with gzip.open(OUT, "wt", encoding="utf-8") as fh:
        json.dump({"codes": codes, "cases": records}, fh)  # key order matters: rules walk dicts in order
    print(f"{len(records)} states, {sum(len(r['findings']) for r in records)} findings → {OUT}")
    return 0


ALL = HERE / "all_findings.json.gz"


def all_findings() -> int:
    """`--all`: the findings of every code (runtime checks and plaintext_secret_value included) for
    the recorded states, into `all_findings.json.gz`; rebuild only when a change is intended."""
    sys.path.insert(0, str(ROOT))
    from lib.validation import validate

    with gzip.open(OUT, "rt", encoding="utf-8") as fh:
        cases = json.load(fh)["cases"]
    found = [[f.model_dump() for f in validate(c["state"], era=c["era"]).findings] for c in cases]
    with gzip.open(ALL, "wt", encoding="utf-8") as fh:
        json.dump(found, fh)
    print(f"{len(found)} states, {sum(len(f) for f in found)} findings → {ALL}")
    return 0


if __name__ == "__main__":
    sys.exit(all_findings() if "--all" in sys.argv[1:] else main())
