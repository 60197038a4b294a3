"""The Claude path's prompt and error reporting, through the real `anthropic` SDK and the stand-in:
the catalogue in the cached prefix covers every JUL25 block type; the worked examples pass every
check; a 400 (a rejected schema) is reported as such; the repair round carries runtime findings."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

import lib.validation
from lib.generation import catalogue, circuit, claude, service
from lib.generation.compose import compose
from lib.generation.plan import WorkflowPlan
from lib.validation import Finding, validate

JUL25_TYPES = Path(__file__).resolve().parents[3] / "shared" / "sim-examples" / "jul25-block-types.txt"
DESCRIPTION = "Every day at 7am summarise the top stories from Hacker News and send them to #news on Slack"
CONDITIONAL = (
    "Every hour fetch https://status.example.com/api/health and if the status is not ok post to #ops on Slack"
)


def _messages(standin):
    return [r for r in standin.requests if r["path"].endswith("/v1/messages")]


def _jul25_types() -> set[str]:
    from lib.sim.registry import jul25_types

    listed = set(JUL25_TYPES.read_text().split()) if JUL25_TYPES.exists() else set()
    return listed | {"loop", "parallel"} | jul25_types()


def test_catalogue_in_the_cached_prefix_covers_every_jul25_type(claude_env):
    claude.generate(DESCRIPTION, seed="s")
    system = _messages(claude_env)[0]["body"]["system"]
    cached = "\n".join(part["text"] for part in system if part.get("cache_control"))
    lines = {line.split(":", 1)[0] for line in catalogue.text().splitlines()}
    missing = sorted(t for t in _jul25_types() if t not in lines)
    assert not missing, missing
    assert catalogue.text() in cached
    for kind in ("parallel", "google_calendar", "knowledge"):  # what Claude could not build before
        assert f"\n{kind}: " in cached
    assert len(catalogue.text()) < 40_000  # compact: one line per type


def test_catalogue_line_carries_operations_fields_and_outputs():
    slack = next(line for line in catalogue.text().splitlines() if line.startswith("slack: "))
    assert 'send "Send Message" needs authMethod, channel, text' in slack
    assert "botToken secret [when authMethod=bot_token]" in slack and "manualChannel adv" in slack
    assert slack.endswith("out: ts, channel, canvas_id, title, messages")


@pytest.mark.parametrize("index", range(len(claude.examples())))
def test_worked_examples_pass_every_check(index):
    example = claude.examples()[index]
    plan = WorkflowPlan.model_validate(example["plan"])
    report = validate(compose(plan, seed=f"example-{index}").state, era="jul25")
    assert report.valid
    left = [f for f in report.findings if f.code not in claude.USER_INPUT_CODES]
    assert not left, [(f.code, f.message) for f in left]
    assert not claude.needs_repair(report)
    assert example["description"] in claude.system_prefix()
    # it shows the model how to say what it understood: the request's own words, its assumptions
    assert all(b.words is None or b.words in example["description"] for b in plan.blocks)
    assert sum(b.words is not None for b in plan.blocks) >= len(plan.blocks) - 1 and plan.assumptions


def test_a_400_is_reported_as_a_rejected_request_not_retried(claude_env, caplog):
    claude_env.control("invalid_request", 1)
    calls = []
    with caplog.at_level(logging.ERROR, logger="agent_forge.generation"):
        outcome = claude.generate(DESCRIPTION, seed="s", record=calls.append)
    assert outcome.state is None
    assert outcome.error["status"] == 400 and outcome.error["type"] == "invalid_request_error"
    assert outcome.reason.startswith(
        "Claude rejected the request (HTTP 400 invalid_request_error: output_config"
    )
    assert [c.status for c in calls] == ["rejected"] and len(_messages(claude_env)) == 1
    assert "anthropic" not in circuit.open_circuits()
    assert any("Claude rejected the request" in r.getMessage() for r in caplog.records)


def test_a_schema_the_api_refuses_reaches_the_answer(claude_env, tenant, monkeypatch):
    open_schema = {**claude.json_schema(), "additionalProperties": True}
    monkeypatch.setattr(claude, "json_schema", lambda: open_schema)
    result = service.generate(tenant, DESCRIPTION)
    assert "Claude rejected the request (HTTP 400" in result.reason
    assert "'additionalProperties' must be explicitly set to false" in result.reason


def test_repair_message_marks_runtime_findings_and_separates_user_inputs(monkeypatch):
    monkeypatch.setattr(lib.validation, "is_runtime", lambda f: f.code == "else_without_edge", raising=False)
    findings = [
        Finding(
            validator="edges", code="else_without_edge", severity="error", path="/blocks/u1", message="else"
        ),
        Finding(
            validator="schema",
            code="missing_required_field",
            severity="warning",
            path="/blocks/u2",
            message="x",
        ),
        Finding(
            validator="schema", code="invalid_option", severity="warning", path="/blocks/u1/tz", message="y"
        ),
    ]
    text = claude.repair_message(findings, {"u1": "check", "u2": "mail"})
    fix, user = text.split("Inputs the user fills in")
    assert "[runtime, error] edges/else_without_edge at /blocks/check" in fix
    assert "invalid_option at /blocks/check/tz" in fix and "missing_required_field" in user


def test_repair_round_sends_the_runtime_findings(claude_env):
    claude_env.control("runtime_fault", 1)
    outcome = claude.generate(CONDITIONAL, seed="s")
    sent = _messages(claude_env)
    if not getattr(lib.validation, "is_runtime", None):
        pytest.skip("the validators have no runtime checks yet (lib.validation.is_runtime)")
    assert len(sent) == 2  # the answer, then one repair round (whatever the stand-in answers to it)
    repair = sent[1]["body"]["messages"][-1]["content"]
    assert "[runtime, error]" in repair and outcome.calls[1].operation == "repair"
