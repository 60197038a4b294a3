"""The rules' findings stay byte for byte what they were before the one-pass rewrite.

`states.json.gz` holds every state the validation and template tests built (plus the benchmark
state) with the findings the rules gave when it was captured (`capture.py`). Codes added since
(the runtime checks) are left out of that comparison; every code that existed then is compared.
`all_findings.json.gz` holds the findings of every code for the same states, compared in full.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from lib.validation import validate

GOLDEN = Path(__file__).resolve().parent / "states.json.gz"


def _golden():
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as fh:
        return json.load(fh)


_DATA = _golden()
_CODES = frozenset(_DATA["codes"])


@pytest.mark.parametrize("index", range(len(_DATA["cases"])))
def test_findings_of_the_old_codes_are_unchanged(index):
    case = _DATA["cases"][index]
    report = validate(case["state"], era=case["era"])
    now = [f.model_dump() for f in report.findings if f"{f.validator}:{f.code}" in _CODES]
    assert now == case["findings"]


ALL = Path(__file__).resolve().parent / "all_findings.json.gz"
with gzip.open(ALL, "rt", encoding="utf-8") as _fh:
    _ALL = json.load(_fh)


@pytest.mark.parametrize("index", range(len(_DATA["cases"])))
def test_findings_of_every_code_are_unchanged(index):
    """Every code, runtime checks and by-value secrets included: captured before validation
    became one walk with per-type plans (`capture --all`)."""
    case = _DATA["cases"][index]
    report = validate(case["state"], era=case["era"])
    assert [f.model_dump() for f in report.findings] == _ALL[index]
