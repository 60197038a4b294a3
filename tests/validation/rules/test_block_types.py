"""block_types: unknown types are errors (sim-format §9.9); subBlock oddities are only warnings."""

import pytest

from lib.sim.registry import all_blocks, get_block
from lib.validation import validate
from lib.validation.rules.block_types import RULE


def test_passing_states(check, minimal_state, rich_state):
    assert check(RULE, minimal_state) == []
    assert check(RULE, rich_state) == []


def test_real_exports_have_no_type_errors(check, sim_export):
    assert [f for f in check(RULE, sim_export["state"]) if f.severity == "error"] == []


def test_removed_type_is_an_error_at_its_type_and_nothing_crashes(check, minimal_state, build):
    minimal_state["blocks"]["guesty1"] = build.block(
        "guesty1", "guesty", "Guesty 1", subs=build.sub("apiKey", "x")
    )
    minimal_state["edges"].append(build.edge("e3", "b-api", "guesty1", "error"))
    (finding,) = check(RULE, minimal_state)
    assert (finding.code, finding.severity, finding.path) == (
        "unknown_block_type",
        "error",
        "/blocks/guesty1/type",
    )
    assert "guesty" in finding.message
    report = validate(minimal_state)
    assert not report.valid
    assert "validator_failed" not in report.codes()


def test_unknown_sub_block_is_a_warning(check, minimal_state):
    minimal_state["blocks"]["b-agent"]["subBlocks"]["bogusField"] = {
        "id": "bogusField",
        "type": "short-input",
        "value": 1,
    }
    (finding,) = check(RULE, minimal_state)
    assert (finding.code, finding.severity) == ("unknown_subblock", "warning")
    assert finding.path == "/blocks/b-agent/subBlocks/bogusField"


def test_a_declared_input_without_a_sub_block_is_no_unknown_sub_block(check, minimal_state):
    """Jira declares issueType among its inputs but has no subBlock for it; Sim's serializer passes
    every stored subBlock to the block, whose params read issueType (write: `params.issueType || 'Task'`)."""
    jira = get_block("jira")
    assert "issueType" in jira.inputs and jira.sub_block("issueType") is None
    block = minimal_state["blocks"]["b-agent"]
    block["type"] = "jira"
    block["subBlocks"] = {
        "operation": {"id": "operation", "type": "dropdown", "value": "write"},
        "issueType": {"id": "issueType", "type": "short-input", "value": "Bug"},
    }
    assert "unknown_subblock" not in [f.code for f in check(RULE, minimal_state)]


def test_type_mismatch_warns_but_unknown_and_short_input_do_not(check, minimal_state):
    declared = get_block("agent").sub_block("systemPrompt").type
    other = "checkbox-list" if declared != "checkbox-list" else "slider"
    subs = minimal_state["blocks"]["b-agent"]["subBlocks"]
    subs["systemPrompt"]["type"] = other
    subs["temperature"]["type"] = "unknown"  # the realtime server's type for missing ids (§9.7)
    subs["model"]["type"] = "short-input"  # Sim's default type for dynamic keys (§3.3)
    subs["apiKey"]["type"] = "long-input"  # same kind of value (a string): Sim moved fields like this
    (finding,) = check(RULE, minimal_state)
    assert (finding.code, finding.severity) == ("subblock_type_mismatch", "warning")
    assert finding.path == "/blocks/b-agent/subBlocks/systemPrompt/type"


def test_dropdown_value_outside_options_is_a_warning(check, minimal_state):
    minimal_state["blocks"]["b-api"]["subBlocks"]["method"]["value"] = "FETCH"
    (finding,) = check(RULE, minimal_state)
    assert (finding.code, finding.severity) == ("invalid_option", "warning")
    assert finding.path == "/blocks/b-api/subBlocks/method/value"


def test_values_sim_accepts_are_never_errors(minimal_state):
    starter = minimal_state["blocks"]["b-start"]["subBlocks"]
    starter["startWorkflow"]["value"] = "schedule"
    starter["timezone"] = {"id": "timezone", "type": "dropdown", "value": "Europe/Berlin"}
    starter["scheduleType"] = {"id": "scheduleType", "type": "dropdown", "value": "daily"}
    assert validate(minimal_state).valid


def test_references_in_dropdowns_are_not_checked(check, minimal_state):
    minimal_state["blocks"]["b-api"]["subBlocks"]["method"]["value"] = "<agent1.content>"
    assert check(RULE, minimal_state) == []


def _operation_with_required():
    for spec in all_blocks().values():
        if spec.era != "jul25" or spec.trigger or not spec.operations or spec.sub_block("operation") is None:
            continue
        for op_id, op in spec.operations.items():
            if op.required:
                return spec, op_id, op
    return None


def test_empty_required_field_of_selected_operation_warns(check, build):
    found = _operation_with_required()
    if found is None:
        pytest.skip("the registry declares no operation with required fields")
    spec, op_id, op = found
    subs = {
        "operation": {"id": "operation", "type": "dropdown", "value": op_id},
        op.required[0]: {"id": op.required[0], "type": "short-input", "value": ""},
    }
    state = build.state([build.block("b1", spec.type, "Tool 1", subs=subs)])
    findings = [f for f in check(RULE, state, "jul25") if f.code == "missing_required_field"]
    assert findings and all(f.severity == "warning" for f in findings)
    assert f"/blocks/b1/subBlocks/{op.required[0]}/value" in {f.path for f in findings}
    state["blocks"]["b1"]["enabled"] = False  # disabled blocks are not checked (as in Sim)
    assert [f for f in check(RULE, state, "jul25") if f.code == "missing_required_field"] == []


def test_current_only_type_in_a_jul25_state_is_an_error(check, minimal_state, build):
    minimal_state["blocks"]["st"] = build.block(
        "st", "start_trigger", "Start 2", subs=build.sub("inputFormat", [], "input-format")
    )
    findings = check(RULE, minimal_state, "jul25")
    assert ("block_type_not_in_era", "error", "/blocks/st/type") in {
        (f.code, f.severity, f.path) for f in findings
    }
    assert not [f for f in check(RULE, minimal_state, "current") if f.code == "block_type_not_in_era"]


def test_a_tool_that_fails_when_nothing_matches_is_a_runtime_warning(check, build):
    """X's search answers with no list when no post matches, and JUL25's X tool then reports a failure: the run
    stops in every quiet hour. Said at the operation, as a warning (the state runs whenever something matches)."""
    from lib.validation import is_runtime

    subs = {
        "operation": {"id": "operation", "type": "dropdown", "value": "x_search"},
        "query": {"id": "query", "type": "long-input", "value": "harbourfest"},
    }
    state = build.state([build.block("b1", "x", "X 1", subs=subs)])
    found = [f for f in check(RULE, state, "jul25") if f.code == "fails_when_empty"]
    assert [(f.severity, f.path) for f in found] == [("warning", "/blocks/b1/subBlocks/operation/value")]
    assert is_runtime(found[0]) and "no post matches" in found[0].message
    subs["operation"]["value"] = "x_write"  # a post made is no search
    assert [f for f in check(RULE, state, "jul25") if f.code == "fails_when_empty"] == []


def test_every_tool_said_to_fail_when_empty_is_a_tool_of_the_registry():
    from lib.validation.rules.block_types import _empty_failures

    specs = list(all_blocks().values())
    tools = {op.tool for spec in specs if spec for op in (spec.operations or {}).values()}
    tools |= {t for spec in specs if spec for t in (spec.tools or [])}
    assert _empty_failures() and set(_empty_failures()) <= tools
