"""structure: JSON types Sim's save schema checks, reported with JSON pointers."""

from lib.validation.rules.structure import RULE


def test_minimal_state_passes(check, minimal_state):
    assert check(RULE, minimal_state) == []


def test_wrong_types_are_reported_at_their_pointer(check, minimal_state):
    minimal_state["blocks"]["b-agent"]["position"] = {"x": "500", "y": 100}
    minimal_state["blocks"]["b-api"]["subBlocks"] = []
    minimal_state["blocks"]["b-start"]["enabled"] = None
    minimal_state["edges"][0]["sourceHandle"] = 3
    found = {f.path: f for f in check(RULE, minimal_state)}
    assert set(found) == {
        "/blocks/b-agent/position/x",
        "/blocks/b-api/subBlocks",
        "/blocks/b-start/enabled",
        "/edges/0/sourceHandle",
    }
    assert all(f.severity == "error" and f.code == "invalid_type" for f in found.values())
    assert "number" in found["/blocks/b-agent/position/x"].message


def test_containers_of_the_wrong_kind(check):
    found = check(RULE, {"blocks": [], "edges": {}, "loops": "x"})
    assert sorted((f.path, f.code) for f in found) == [
        ("/blocks", "invalid_type"),
        ("/edges", "invalid_type"),
        ("/loops", "invalid_type"),
    ]


def test_missing_fields(check):
    state = {"blocks": {"a": {"type": "agent", "subBlocks": {}}}, "edges": [{"source": "a"}]}
    found = {(f.path, f.code) for f in check(RULE, state)}
    assert ("/blocks/a/id", "missing_field") in found
    assert ("/blocks/a/name", "missing_field") in found
    assert ("/blocks/a/position", "missing_field") in found
    assert ("/edges/0/target", "missing_field") in found
    assert ("/edges/0/id", "missing_field") in found


def test_extent_literal(check, rich_state):
    rich_state["blocks"]["fn"]["data"]["extent"] = "loop"
    (finding,) = check(RULE, rich_state)
    assert (finding.code, finding.path) == ("invalid_value", "/blocks/fn/data/extent")


def test_root_not_an_object(check):
    for bad in (None, [], "x", 3):
        (finding,) = check(RULE, bad)
        assert (finding.code, finding.path) == ("invalid_type", "")
