"""`shape.well_typed` may only say yes where the Pydantic model accepts the state: the structure
rule skips the model on its word. Checked on every golden state and random corruptions of them."""

from __future__ import annotations

import copy
import gzip
import json
import random
from pathlib import Path

from pydantic import ValidationError

from lib.sim.state import WorkflowState
from lib.validation.context import Context
from lib.validation.shape import well_typed

_GOLDEN = Path(__file__).resolve().parent / "golden" / "states.json.gz"
_JUNK = [None, True, 0, 1.5, "", "x", [], {}, [1], {"a": 1}, "100", {"x": "1", "y": 2}]


def _model_accepts(state) -> bool:
    try:
        WorkflowState.model_validate(state)
    except ValidationError:
        return False
    return True


def _states():
    with gzip.open(_GOLDEN, "rt", encoding="utf-8") as fh:
        return [case["state"] for case in json.load(fh)["cases"]]


def _mutate(value, rng, depth=0):
    """Replace one value somewhere in `value` by junk (in place)."""
    if not isinstance(value, (dict, list)) or not value or depth >= 6:
        return
    key = rng.choice(list(value)) if isinstance(value, dict) else rng.randrange(len(value))
    if rng.random() < 0.3 or not isinstance(value[key], (dict, list)):
        value[key] = copy.deepcopy(rng.choice(_JUNK))
    else:
        _mutate(value[key], rng, depth + 1)


def test_agrees_with_the_model_on_every_golden_state():
    states = _states()
    assert all(well_typed(s) == _model_accepts(s) for s in states)
    assert any(well_typed(s) for s in states) and not all(well_typed(s) for s in states)


def test_never_accepts_what_the_model_refuses_under_corruption():
    rng = random.Random(7)
    states = [s for s in _states() if isinstance(s, dict) and well_typed(s)]
    for round_ in range(600):
        state = copy.deepcopy(states[round_ % len(states)])
        _mutate(state, rng)
        if well_typed(state):
            assert _model_accepts(state), json.dumps(state)[:300]


def test_the_context_walk_judges_blocks_and_edges_as_the_full_walk():
    """The structure rule trusts the context's walk (`Facts.misshapen`, `Context.edges_typed`)
    instead of walking blocks and edges again: the answer must be the full walk's, on every
    golden state and on corruptions anywhere in them (block keys, positions, data, edges)."""
    rng = random.Random(11)
    states = [s for s in _states() if isinstance(s, dict)]
    checked = 0
    for round_ in range(2400):
        state = copy.deepcopy(states[round_ % len(states)])
        if round_ >= len(states):
            for _ in range(rng.randint(1, 3)):
                _mutate(state, rng)
        ctx = Context(state, None)
        assert well_typed(state, ctx.facts, ctx.edges_typed) == well_typed(state), json.dumps(state)[:300]
        checked += well_typed(state)
    assert 0 < checked < 2400
