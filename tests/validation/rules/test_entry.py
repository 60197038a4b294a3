"""entry: JUL25 needs one enabled starter with an edge; current Sim needs a connected trigger."""

from lib.validation.rules.entry import RULE


def _codes(findings):
    return [(f.code, f.severity, f.path) for f in findings]


def test_passing_jul25_states(check, minimal_state, rich_state):
    assert check(RULE, minimal_state) == []
    assert check(RULE, rich_state) == []


def test_real_exports_pass_with_current_rules(check, sim_export):
    # schedule / start_trigger / gmail_v2-in-trigger-mode entries; notes without edges are fine
    assert [f for f in check(RULE, sim_export["state"]) if f.severity == "error"] == []
    assert "unreachable_block" not in {f.code for f in check(RULE, sim_export["state"])}


def test_missing_starter(check, minimal_state):
    del minimal_state["blocks"]["b-start"]
    minimal_state["edges"].pop(0)
    assert _codes(check(RULE, minimal_state)) == [("missing_starter", "error", "/blocks")]


def test_disabled_starter(check, minimal_state):
    minimal_state["blocks"]["b-start"]["enabled"] = False
    assert _codes(check(RULE, minimal_state)) == [("missing_starter", "error", "/blocks/b-start/enabled")]


def test_starter_without_edges(check, minimal_state):
    minimal_state["edges"].pop(0)
    found = _codes(check(RULE, minimal_state))
    assert ("entry_without_edges", "error", "/blocks/b-start") in found
    assert ("unreachable_block", "warning", "/blocks/b-agent") in found


def test_two_starters(check, minimal_state, build):
    second = build.block("s2", "starter", "Start 2")
    minimal_state["blocks"]["s2"] = second
    minimal_state["edges"].append(build.edge("e3", "s2", "b-agent"))
    assert _codes(check(RULE, minimal_state)) == [("multiple_starters", "error", "/blocks/s2/type")]


def test_unreachable_blocks_warn_and_disabled_ones_do_not(check, minimal_state, build):
    minimal_state["blocks"]["lonely"] = build.block("lonely", "function", "Lonely")
    minimal_state["blocks"]["off"] = build.block("off", "function", "Off", enabled=False)
    assert _codes(check(RULE, minimal_state)) == [("unreachable_block", "warning", "/blocks/lonely")]


def test_current_state_needs_a_connected_trigger(check, build):
    blocks = [
        build.block("st", "start_trigger", "Start"),
        build.block("ag", "agent", "Agent"),
        build.block("n", "note", "Read me", subs=build.sub("content", "hi")),
    ]
    ok = build.state(blocks, [build.edge("e1", "st", "ag")])
    assert check(RULE, ok) == []
    unconnected = build.state(blocks)
    assert [c for c, _, _ in _codes(check(RULE, unconnected))] == ["entry_without_edges", "unreachable_block"]
    no_trigger = build.state(blocks[1:])
    assert _codes(check(RULE, no_trigger, "current")) == [("missing_trigger", "error", "/blocks")]


def test_trigger_mode_block_is_an_entry(check, build):
    gmail = build.block("g", "gmail_v2", "Gmail", triggerMode=True)
    state = build.state([gmail, build.block("ag", "agent", "Agent")], [build.edge("e1", "g", "ag")])
    assert check(RULE, state, "current") == []
    gmail["triggerMode"] = False
    assert [f.code for f in check(RULE, state, "current")] == ["missing_trigger"]


def test_one_unconnected_trigger_among_connected_ones_warns(check, build):
    blocks = [
        build.block("st", "start_trigger", "Start"),
        build.block("sc", "schedule", "Daily"),
        build.block("ag", "agent", "A"),
    ]
    state = build.state(blocks, [build.edge("e1", "st", "ag")])
    assert _codes(check(RULE, state, "current")) == [("unconnected_trigger", "warning", "/blocks/sc")]
