"""find: exactly what scrub reports (names, paths, kinds, order), without building the copy."""

import copy
import gzip
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from keys import KEYS

from lib.errors import InvalidInput
from lib.secrets import find, scrub

_GOLDEN = Path(__file__).resolve().parents[1] / "validation" / "golden" / "states.json.gz"


def _golden_states():
    with gzip.open(_GOLDEN, "rt", encoding="utf-8") as fh:
        return [case["state"] for case in json.load(fh)["cases"]]


def _planted(index, key):
    """A state with one key planted in each place the walker names differently."""
    return {
        "blocks": {
            "a": {
                "id": "a",
                "type": "api",
                "name": f"Call {index}",
                "position": {"x": 0, "y": 0},
                "subBlocks": {
                    "url": {"id": "url", "type": "short-input", "value": f"https://x.io/v?key={key}"},
                    "apiKey": {"id": "apiKey", "type": "short-input", "value": "plain-literal-1"},
                    "headers": {
                        "id": "headers",
                        "type": "table",
                        "value": [{"id": "h", "cells": {"Key": "Authorization", "Value": f"Bearer {key}"}}],
                    },
                    "cred": {"id": "cred", "type": "oauth-input", "value": key},
                    "pairs": {
                        "id": "pairs",
                        "type": "input-format",
                        "value": [{"name": "token", "value": "x1"}],
                    },
                    "code": {"id": "code", "type": "code", "value": f"const k = '{key}'; // {{{{KEY}}}}"},
                },
                "data": {"nested": {"client_secret": key, "count": 3, "flags": [True, None, 1.5]}},
            },
            "f": {
                "id": "f",
                "type": "function",
                "name": "Fn",
                "subBlocks": {"code": {"id": "code", "type": "code", "value": f"return fetch('{key}')"}},
            },
        },
        "edges": [],
    }


def test_find_is_scrubs_report_on_every_golden_state():
    for state in _golden_states():
        doc = {"blocks": state.get("blocks")} if isinstance(state, dict) else state
        try:
            expected = scrub(doc)[1]
        except InvalidInput:
            with pytest.raises(InvalidInput):
                find(doc)
            continue
        assert find(doc) == expected


@pytest.mark.parametrize("kind", sorted(KEYS))
def test_find_is_scrubs_report_with_planted_keys(kind):
    state = _planted(kind, KEYS[kind])
    before = copy.deepcopy(state)
    found = find(state)
    assert found and found == scrub(state)[1]
    assert state == before


def test_find_refuses_what_scrub_refuses():
    deep = inner = {}
    for _ in range(80):
        inner["x"] = {}
        inner = inner["x"]
    inner["n"] = 1
    assert find(deep) == scrub(deep)[1] == []
    inner["apiKey"] = "plain-deep-secret"
    with pytest.raises(InvalidInput):
        find(deep)
