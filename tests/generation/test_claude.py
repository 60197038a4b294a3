"""The Claude path end to end through the stand-in with the real `anthropic` SDK: structured output,
prompt caching, repair, retries, the spend-limit rule, the circuit breaker and the planner fallback."""

from __future__ import annotations

import pytest

from lib.generation import circuit, claude, service

DESCRIPTION = "Every day at 7am summarise the top stories from Hacker News and send them to #news on Slack"


def _messages(standin):
    return [r for r in standin.requests if r["path"].endswith("/v1/messages")]


def test_structured_output_with_cached_prefix_and_delimited_request(claude_env):
    calls = []
    outcome = claude.generate(DESCRIPTION + "\x07\u202e", seed="s", record=calls.append)
    assert outcome.state is not None and outcome.report.valid and not outcome.repaired
    body = _messages(claude_env)[0]["body"]
    assert body["model"] == "claude-sonnet-5-5"
    assert body["output_config"]["format"]["type"] == "json_schema"
    assert body["output_config"]["format"]["schema"]["additionalProperties"] is False
    assert "tools" not in body and "tool_choice" not in body
    assert body["system"][-1]["cache_control"] == {"type": "ephemeral"}
    user = body["messages"][-1]["content"]
    assert user.rstrip().endswith("</user_request>") and "<user_request>\n" + DESCRIPTION in user
    slack = next(b for b in outcome.state["blocks"].values() if b["type"] == "slack")
    assert slack["subBlocks"]["channel"]["value"] == "#news"
    # the second call reads the cached prefix instead of writing it
    claude.generate(DESCRIPTION, seed="s", record=calls.append)
    assert calls[0].cache_write_tokens > 0 and calls[0].cache_read_tokens == 0
    assert calls[1].cache_read_tokens == calls[0].cache_write_tokens and calls[1].cache_write_tokens == 0


def test_control_characters_are_stripped_before_sending(claude_env, tenant):
    service.generate(tenant, DESCRIPTION + "\x00\x1b[31m")
    user = _messages(claude_env)[0]["body"]["messages"][0]["content"]
    assert "\x00" not in user and "\x1b" not in user


def test_invalid_answer_is_repaired_once_with_the_findings(claude_env):
    claude_env.control("invalid_state", 1)
    outcome = claude.generate(DESCRIPTION, seed="s")
    assert outcome.state is not None and outcome.repaired
    repair = _messages(claude_env)[1]["body"]["messages"]
    assert [m["role"] for m in repair] == ["user", "assistant", "user"]
    assert "unknown_block_type" in repair[-1]["content"] and "/blocks/ghost/type" in repair[-1]["content"]
    assert "missing_target_block" in repair[-1]["content"]


def test_still_invalid_after_repair_falls_back_to_the_planner(claude_env, tenant):
    claude_env.control("invalid_state", 2)
    result = service.generate(tenant, DESCRIPTION)
    assert result.source == "planner" and "still invalid after one repair" in result.reason
    assert result.validation.valid
    assert result.usage.input_tokens > 0  # the two Claude calls were paid for


@pytest.mark.parametrize("mode", ["429", "500", "529"])
def test_transient_errors_are_retried(claude_env, mode):
    claude_env.control(mode, 2, retry_after=0)
    calls = []
    outcome = claude.generate(DESCRIPTION, seed="s", record=calls.append)
    assert outcome.state is not None
    assert [c.status for c in calls][-1] == "ok" and len(calls) == 3
    assert len(_messages(claude_env)) == 3


def test_spend_limit_429_is_never_retried(claude_env):
    claude_env.control("spend_limit", 3)
    calls = []
    outcome = claude.generate(DESCRIPTION, seed="s", record=calls.append)
    assert outcome.state is None and "spend limit" in outcome.reason
    assert len(_messages(claude_env)) == 1 and calls[0].status == "spend_limit"


def test_retry_after_is_honoured(claude_env, monkeypatch):
    waits = []
    monkeypatch.setattr(claude.time, "sleep", waits.append)
    claude_env.control("429", 1, retry_after=3)
    assert claude.generate(DESCRIPTION, seed="s").state is not None
    assert waits and waits[0] >= 3


def test_circuit_opens_after_repeated_failures_and_the_planner_answers(claude_env, tenant):
    claude_env.control("529", 3 * claude.MAX_ATTEMPTS, retry_after=0, api="messages")
    for _ in range(circuit.FAILURE_THRESHOLD):
        result = service.generate(tenant, DESCRIPTION)
        assert result.source == "planner" and "529" in result.reason
    sent = len(_messages(claude_env))
    assert "anthropic" in circuit.open_circuits()
    result = service.generate(tenant, DESCRIPTION)
    assert result.source == "planner" and "circuit open" in result.reason
    assert len(_messages(claude_env)) == sent  # skipped: no call went out
    from lib.health import _provider_states

    assert any("anthropic: circuit open" in s for s in _provider_states())


@pytest.mark.parametrize("mode,why", [("truncated", "cut off"), ("malformed", "not a schema-valid")])
def test_truncated_or_malformed_answers_fall_back(claude_env, tenant, mode, why):
    claude_env.control(mode, 1)
    result = service.generate(tenant, DESCRIPTION)
    assert result.source == "planner" and why in result.reason and result.validation.valid


def test_claude_result_is_stored_and_every_call_logged(claude_env, tenant):
    from lib.store import usage

    claude_env.control("500", 1, retry_after=0)
    result = service.generate(tenant, DESCRIPTION)
    assert result.source == "claude" and result.workflow.status == "draft"
    assert result.cache.hit is False and result.cache.similarity is None and result.cache.entry_id is None
    rows = usage.recent(tenant)
    assert sorted(r["status"] for r in rows) == ["error", "ok"]
    ok = next(r for r in rows if r["status"] == "ok")
    assert (
        ok["provider"] == "anthropic" and ok["model"] == "claude-sonnet-5-5" and ok["operation"] == "generate"
    )
    assert ok["cost_usd"] > 0 and ok["cache_write_tokens"] + ok["cache_read_tokens"] > 0
    assert result.usage.cost_usd == pytest.approx(ok["cost_usd"])


def test_without_a_key_the_planner_answers_with_zero_usage(tenant):
    result = service.generate(tenant, DESCRIPTION, name="News digest", category="research")
    assert result.source == "planner" and "no ANTHROPIC_API_KEY" in result.reason
    assert result.usage.input_tokens == 0 and result.usage.cost_usd == 0
    assert result.workflow.name == "News digest" and result.workflow.category == "research"


def test_a_json_value_in_claudes_answer_is_built_by_a_function(claude_env, monkeypatch):
    # the stand-in answers with the planner's plan; without the planner's own shaping it holds '[["<agent1.content>"]]'
    from lib.generation import planner

    monkeypatch.setattr(planner, "shape_json_values", lambda plan: [])
    described = "Every morning at 9 summarise the AI news with an agent and add the summary as a row to our Excel sheet 'Log'"
    assert planner.plan(described).value("microsoftexcel1", "values") == '[["<agent1.content>"]]'
    outcome = claude.generate(described, seed="s")
    assert outcome.state is not None
    excel = next(b for b in outcome.state["blocks"].values() if b["type"] == "microsoft_excel")
    assert excel["subBlocks"]["values"]["value"] == "<formatmicrosoftexcel1.result>"


def test_claudes_answer_carries_what_it_understood(claude_env, tenant):
    # the stand-in's "model" states the planner's notes: each block's words, what it assumed
    text = "When a HubSpot deal closes, post the deal name and amount to #wins on Slack."
    result = service.generate(tenant, text)
    assert result.source == "claude"
    cov = result.coverage
    words = {b.type: b.words for b in cov.blocks}
    assert words["starter"] == "When a HubSpot deal closes"
    assert words["slack"] == "post the deal name and amount to #wins on Slack"
    assert any("HubSpot" in a for a in cov.assumptions)
    assert {b.block_id for b in cov.blocks} == set(result.workflow.state["blocks"])
    assert result.workflow.metadata["generation"]["coverage"]["assumptions"] == cov.assumptions
    sent = _messages(claude_env)[0]["body"]
    schema = sent["output_config"]["format"]["schema"]
    assert {"unused", "assumptions"} <= set(schema["required"])
    assert "words" in schema["$defs"]["PlanBlock"]["required"]
