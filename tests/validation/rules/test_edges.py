"""edges: ends exist, handles legal per block type, no duplicates/self loops, scopes agree."""

import json

from lib.validation.rules.edges import RULE


def _codes(findings):
    return [(f.code, f.path) for f in findings]


def test_passing_states(check, minimal_state, rich_state):
    assert check(RULE, minimal_state) == []
    assert check(RULE, rich_state) == []


def test_real_exports_have_no_edge_errors(check, sim_export):
    assert [f for f in check(RULE, sim_export["state"]) if f.severity == "error"] == []


def test_missing_ends(check, minimal_state, build):
    minimal_state["edges"].append(build.edge("e3", "b-api", "nowhere"))
    minimal_state["edges"].append(build.edge("e4", "ghost", "b-api"))
    assert _codes(check(RULE, minimal_state)) == [
        ("missing_target_block", "/edges/2/target"),
        ("missing_source_block", "/edges/3/source"),
    ]


def test_self_loop_and_duplicates_with_empty_handles(check, minimal_state, build):
    minimal_state["edges"].append(build.edge("e3", "b-api", "b-api"))
    minimal_state["edges"][1]["targetHandle"] = ""
    minimal_state["edges"].append(build.edge("e4", "b-agent", "b-api", "source", None))  # '' == null
    codes = [c for c, _ in _codes(check(RULE, minimal_state))]
    assert codes == ["self_loop", "duplicate_edge"]


def test_error_handle_only_where_the_type_has_one(check, rich_state, build):
    rich_state["edges"].append(build.edge("e7", "agent", "api", "error"))  # agents have an error port
    assert check(RULE, rich_state) == []
    rich_state["edges"].append(build.edge("e8", "cond", "api", "error"))  # conditions do not (§9.2)
    assert _codes(check(RULE, rich_state)) == [("invalid_source_handle", "/edges/7/sourceHandle")]


def test_condition_needs_branch_handles_naming_real_ids(check, rich_state):
    rich_state["edges"][1]["sourceHandle"] = "source"
    rich_state["edges"][2]["sourceHandle"] = "condition-cond-elseif"
    found = [f for f in check(RULE, rich_state) if f.code != "else_unconnected"]
    assert _codes(found) == [
        ("invalid_source_handle", "/edges/1/sourceHandle"),
        ("unknown_branch", "/edges/2/sourceHandle"),
    ]
    assert "cond-if" in found[1].message


def test_condition_entries_keep_editor_fields(check, rich_state):
    value = json.loads(rich_state["blocks"]["cond"]["subBlocks"]["conditions"]["value"])
    for entry in value:
        entry.update(showEnvVars=False, searchTerm="", cursorPosition=3, activeSourceBlockId=None)
    rich_state["blocks"]["cond"]["subBlocks"]["conditions"]["value"] = json.dumps(value)
    assert check(RULE, rich_state) == []


def test_unreadable_conditions(check, rich_state):
    rich_state["blocks"]["cond"]["subBlocks"]["conditions"]["value"] = "not json"
    assert {c for c, _ in _codes(check(RULE, rich_state))} == {"unknown_branch"}


def test_container_handles(check, rich_state):
    rich_state["edges"][3]["sourceHandle"] = "parallel-start-source"
    assert _codes(check(RULE, rich_state)) == [("invalid_source_handle", "/edges/3/sourceHandle")]


def test_container_target_handle_may_be_null_or_target(check, rich_state):
    rich_state["edges"][2]["targetHandle"] = None
    assert check(RULE, rich_state) == []
    rich_state["edges"][2]["targetHandle"] = "target"
    assert check(RULE, rich_state) == []
    rich_state["edges"][2]["targetHandle"] = "target-left"
    assert [(f.code, f.severity) for f in check(RULE, rich_state)] == [("invalid_target_handle", "warning")]


def test_nothing_enters_a_starter(check, minimal_state, build):
    minimal_state["edges"].append(build.edge("e3", "b-api", "b-start"))
    assert _codes(check(RULE, minimal_state)) == [("edge_into_entry", "/edges/2/target")]


def test_scope_rules(check, rich_state, build):
    rich_state["edges"].append(build.edge("e7", "agent", "fn"))  # root → inside the loop
    found = check(RULE, rich_state)
    assert _codes(found) == [("cross_scope_edge", "/edges/6")]
    rich_state["edges"].pop()
    rich_state["edges"].append(build.edge("e8", "loop", "agent", "loop-start-source"))  # start handle leaving
    assert _codes(check(RULE, rich_state)) == [("container_handle_scope", "/edges/6/target")]
    rich_state["edges"].pop()
    rich_state["edges"].append(build.edge("e9", "fn", "loop"))  # child → own container (HEAD) is fine
    assert check(RULE, rich_state) == []


def test_edges_that_are_not_objects_or_lack_ends(check, minimal_state):
    minimal_state["edges"] += [None, "x", {"id": "e9", "source": 3, "target": "b-api"}]
    assert _codes(check(RULE, minimal_state)) == [("invalid_edge", "/edges/4/source")]
