"""Serving a cached state: the stored report with fresh ids equals running the validators again."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from lib.cache.recheck import recheck, stored, wired
from lib.generation.compose import compose
from lib.generation.planner import CannotPlan, plan
from lib.secrets.scrub import scrub
from lib.templates import catalogue
from lib.templates.reid import regenerate_ids
from lib.validation import validate

WORKLOAD = Path(__file__).parents[2] / "bench" / "cache_workload.json"


def _states() -> list[tuple[str, dict]]:
    """The catalogue's templates and the planner's answers to the cache bench's requests."""
    out = [(t.name, t.state) for t in catalogue.all_templates()]
    for group in json.loads(WORKLOAD.read_text(encoding="utf-8"))["groups"]:
        try:
            out.append((group["id"], compose(plan(group["base"]), seed=group["id"]).state))
        except CannotPlan:
            continue
    return out


STATES = _states()


def _dump(report) -> list[dict]:
    return sorted((f.model_dump() for f in report.findings), key=lambda f: json.dumps(f, sort_keys=True))


@pytest.mark.parametrize(("name", "state"), STATES, ids=[n for n, _ in STATES])
def test_the_stored_report_with_fresh_ids_is_what_the_validators_say(name, state):
    kept = stored(validate(state, era="jul25"))
    fresh, ids = regenerate_ids(state)
    assert wired(fresh)  # so the stored report is what is served, not a fresh run
    served = recheck(fresh, ids, json.loads(json.dumps(kept)))  # as it comes back from the database
    again = validate(fresh, era="jul25")
    assert served.valid == again.valid and served.era == again.era
    assert _dump(served) == _dump(again)
    assert not scrub(kept)[1]  # nothing in a kept report reads as a secret to the cache's guard


def test_the_states_cover_warnings_conditions_and_loops():
    findings = sum(len(validate(s, era="jul25").findings) for _, s in STATES)
    types = {b.get("type") for _, s in STATES for b in s["blocks"].values()}
    assert findings > 20 and "condition" in types and {"loop", "parallel"} & types
    assert len(STATES) > 30


def test_without_a_stored_report_the_validators_run():
    state = catalogue.all_templates()[0].state
    fresh, ids = regenerate_ids(state)
    assert _dump(recheck(fresh, ids, None)) == _dump(validate(fresh, era="jul25"))


def test_a_state_whose_ids_do_not_wire_up_gets_the_validators():
    state = next(s for _, s in STATES if s["edges"])
    fresh, ids = regenerate_ids(state)
    broken = copy.deepcopy(fresh)
    broken["edges"][0]["target"] = "no-such-block"
    assert wired(fresh) and not wired(broken)
    kept = stored(validate(state, era="jul25"))
    assert kept["valid"] and not recheck(broken, ids, kept).valid
