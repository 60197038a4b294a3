"""validate(): the nine rules together, eras, envelopes, real exports, and never raising."""

import copy
import json
import random
import re
from pathlib import Path

import pytest

from lib.sim.state import parse_state
from lib.validation import RULES, Finding, Report, validate

SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")


def test_nine_rules_with_declared_snake_case_codes():
    assert [r.name for r in RULES] == [
        "structure",
        "ids",
        "block_types",
        "edges",
        "entry",
        "cycles",
        "containers",
        "references",
        "secrets",
    ]
    for rule in RULES:
        assert rule.description and rule.codes
        assert all(SNAKE.match(code) for code in rule.codes), rule.name
        assert set(rule.severities) == set(rule.codes)


def test_section_1_5_example_is_clean(minimal_state):
    report = validate(minimal_state)
    assert isinstance(report, Report)
    assert (report.valid, report.era, report.findings) == (True, "jul25", [])


def test_rich_jul25_state_is_clean(rich_state):
    assert validate(rich_state).findings == []


def test_real_exports_have_no_errors_under_current_rules(sim_export):
    report = validate(sim_export)  # the HEAD envelope is unwrapped
    assert report.era == "current"
    assert report.errors == [], [f.model_dump() for f in report.errors]
    assert report.valid


def test_real_exports_would_fail_under_jul25_rules(sim_export):
    report = validate(sim_export, era="jul25")
    assert "missing_starter" in report.codes()


def test_accepts_models_and_envelopes(minimal_state):
    assert validate(parse_state(minimal_state)).findings == []
    assert validate({"version": "1.0", "exportedAt": "x", "state": minimal_state}).findings == []
    assert validate({"data": minimal_state}).findings == []


def test_an_invalid_state_reports_every_problem_once(minimal_state, build):
    minimal_state["blocks"]["g"] = build.block("g", "guesty", "Guesty")
    minimal_state["edges"].append(build.edge("e3", "b-api", "missing"))
    minimal_state["blocks"]["b-agent"]["subBlocks"]["userPrompt"]["value"] = "<nobody.content>"
    report = validate(minimal_state)
    assert not report.valid
    assert [(f.validator, f.code) for f in report.errors] == [
        ("block_types", "unknown_block_type"),
        ("edges", "missing_target_block"),
        ("references", "unknown_reference"),
    ]
    for finding in report.findings:
        assert finding.path.startswith("/") and finding.message.endswith((".", ")"))


def test_finding_shape(minimal_state):
    minimal_state["blocks"]["b-agent"]["subBlocks"]["apiKey"]["value"] = "sk-1"
    (finding,) = validate(minimal_state).findings
    assert isinstance(finding, Finding)
    assert finding.model_dump() == {
        "validator": "secrets",
        "code": "plaintext_secret",
        "severity": "warning",
        "path": "/blocks/b-agent/subBlocks/apiKey/value",
        "message": finding.message,
    }


MALFORMED = [
    None,
    0,
    1.5,
    "state",
    [],
    [1, 2],
    {},
    {"blocks": None},
    {"blocks": []},
    {"blocks": "x"},
    {"blocks": {"a": None, "b": 1, "c": [], "d": "x"}},
    {"blocks": {"a": {}}, "edges": {}, "loops": [], "parallels": 5},
    {
        "blocks": {
            "a": {
                "id": None,
                "type": None,
                "name": None,
                "position": None,
                "subBlocks": None,
                "enabled": None,
                "data": None,
                "outputs": None,
            }
        },
        "edges": [None, {}, []],
    },
    {
        "blocks": {
            "a": {
                "id": "a",
                "type": "loop",
                "name": "L",
                "position": {"x": "1", "y": "2"},
                "subBlocks": {"s": None, "t": {"id": 5, "type": [], "value": {"x": "<a.b>"}}},
                "enabled": "yes",
                "data": {"parentId": "a", "count": "5", "loopType": {}, "collection": float("nan")},
            }
        },
        "edges": [{"id": 1, "source": "a", "target": "a", "sourceHandle": 5, "targetHandle": []}],
        "loops": {"a": {"nodes": "a", "iterations": "3", "loopType": None}, "b": None},
        "parallels": {"a": {"nodes": [None, 3], "count": float("inf")}},
    },
    {
        "blocks": {
            "c": {
                "id": "c",
                "type": "condition",
                "name": "C",
                "position": {"x": 0, "y": 0},
                "subBlocks": {
                    "conditions": {
                        "id": "conditions",
                        "type": "condition-input",
                        "value": '[1, null, {"id": null}]',
                    }
                },
                "enabled": True,
            }
        },
        "edges": [{"id": "e", "source": "c", "target": "c", "sourceHandle": "condition-"}],
    },
    {
        "blocks": {
            "x": {
                "id": "x",
                "type": "agent",
                "name": "A",
                "position": {"x": 0, "y": 0},
                "enabled": True,
                "subBlocks": {
                    "tools": {"id": "tools", "type": "tool-input", "value": "{not json"},
                    "headers": {"id": "headers", "type": "table", "value": [None, {"cells": None}]},
                },
            }
        }
    },
]


@pytest.mark.parametrize("state", MALFORMED, ids=range(len(MALFORMED)))
@pytest.mark.parametrize("era", [None, "jul25", "current"])
def test_malformed_input_never_raises(state, era):
    report = validate(copy.deepcopy(state), era=era)
    assert "validator_failed" not in report.codes()
    assert not report.valid  # every one of these is broken somehow


_JUNK = [None, "", "x", 0, -1, 1.5, True, [], {}, [None], {"a": None}, "<ghost.field>", "{{ENV}}"]


def _mutate(value, rng, depth=0):
    """Replace a random nested value with junk (in place when possible)."""
    if isinstance(value, dict) and value:
        key = rng.choice(list(value))
        if depth > 1 and rng.random() < 0.35 or not isinstance(value[key], (dict, list)):
            value[key] = copy.deepcopy(rng.choice(_JUNK))
        else:
            _mutate(value[key], rng, depth + 1)
    elif isinstance(value, list) and value:
        index = rng.randrange(len(value))
        if rng.random() < 0.35 or not isinstance(value[index], (dict, list)):
            value[index] = copy.deepcopy(rng.choice(_JUNK))
        else:
            _mutate(value[index], rng, depth + 1)


def test_random_corruption_never_breaks_a_rule(rich_state, minimal_state):
    examples = (
        Path(__file__).resolve().parents[2].parent / "shared" / "sim-examples" / "landing-page-templates"
    )
    bases = [rich_state, minimal_state]
    bases += [json.loads(p.read_text())["state"] for p in sorted(examples.glob("*.json"))[:4]]
    rng = random.Random(20250724)
    declared = {rule.name: set(rule.codes) for rule in RULES}
    for round_ in range(400):
        state = copy.deepcopy(bases[round_ % len(bases)])
        for _ in range(rng.randint(1, 6)):
            _mutate(state, rng)
        report = validate(state)
        for finding in report.findings:
            assert finding.code != "validator_failed", (round_, finding.message)
            assert finding.code in declared[finding.validator], finding.code
