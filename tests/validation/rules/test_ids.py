"""ids: key/id agreement, unique edge ids, unique normalized names."""

from lib.validation.rules.ids import RULE


def test_passing_states(check, minimal_state, rich_state):
    assert check(RULE, minimal_state) == []
    assert check(RULE, rich_state) == []


def test_block_key_must_equal_id(check, minimal_state):
    minimal_state["blocks"]["b-api"]["id"] = "other"
    (finding,) = check(RULE, minimal_state)
    assert (finding.code, finding.severity, finding.path) == (
        "block_key_mismatch",
        "error",
        "/blocks/b-api/id",
    )


def test_duplicate_block_ids(check, minimal_state):
    minimal_state["blocks"]["b-api"]["id"] = "b-agent"
    assert {f.code for f in check(RULE, minimal_state)} == {"block_key_mismatch", "duplicate_block_id"}


def test_sub_block_key_must_equal_id(check, minimal_state):
    minimal_state["blocks"]["b-agent"]["subBlocks"]["model"]["id"] = "modelName"
    (finding,) = check(RULE, minimal_state)
    assert (finding.code, finding.path) == ("subblock_key_mismatch", "/blocks/b-agent/subBlocks/model/id")


def test_duplicate_edge_ids(check, minimal_state):
    minimal_state["edges"][1]["id"] = "e1"
    (finding,) = check(RULE, minimal_state)
    assert (finding.code, finding.severity, finding.path) == ("duplicate_edge_id", "error", "/edges/1/id")


def test_names_clash_after_normalization(check, minimal_state):
    minimal_state["blocks"]["b-api"]["name"] = "agent 1"
    (finding,) = check(RULE, minimal_state)
    assert (finding.code, finding.severity, finding.path) == (
        "duplicate_block_name",
        "error",
        "/blocks/b-api/name",
    )
    assert "agent1" in finding.message


def test_dots_are_dropped_when_comparing_names(check, minimal_state):
    minimal_state["blocks"]["b-api"]["name"] = "Agent.1"
    assert [f.code for f in check(RULE, minimal_state)] == ["duplicate_block_name"]


def test_empty_and_reserved_names_warn(check, minimal_state):
    minimal_state["blocks"]["b-api"]["name"] = "  "
    minimal_state["blocks"]["b-agent"]["name"] = "Loop"
    found = {f.code: f for f in check(RULE, minimal_state)}
    assert set(found) == {"empty_block_name", "reserved_block_name"}
    assert all(f.severity == "warning" for f in found.values())
