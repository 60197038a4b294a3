"""containers: nesting, extents, triggers inside, loops/parallels maps vs blocks (§9.4), settings."""

from lib.validation.rules.containers import RULE


def _codes(findings):
    return [(f.code, f.severity, f.path) for f in findings]


def test_passing_states(check, minimal_state, rich_state):
    assert check(RULE, minimal_state) == []
    assert check(RULE, rich_state) == []


def test_real_exports_have_no_container_errors(check, sim_export):
    # lead-enricher (parallel with stray data keys) and meeting-followup (forEach loop)
    assert [f for f in check(RULE, sim_export["state"]) if f.severity == "error"] == []


def test_parent_must_be_an_existing_container(check, rich_state):
    rich_state["blocks"]["fn"]["data"]["parentId"] = "agent"
    found = _codes(check(RULE, rich_state))
    assert ("invalid_parent", "error", "/blocks/fn/data/parentId") in found
    rich_state["blocks"]["fn"]["data"]["parentId"] = "gone"
    assert ("invalid_parent", "error", "/blocks/fn/data/parentId") in _codes(check(RULE, rich_state))


def test_parent_only_in_top_level_columns_is_accepted(check, rich_state):
    rich_state["blocks"]["fn"]["data"] = {}
    rich_state["blocks"]["fn"].update(parentId="loop", extent="parent")  # §9.6
    assert check(RULE, rich_state) == []


def test_extent_must_be_parent(check, rich_state):
    del rich_state["blocks"]["fn"]["data"]["extent"]
    assert _codes(check(RULE, rich_state)) == [("extent_mismatch", "warning", "/blocks/fn/data/extent")]
    rich_state["blocks"]["agent"]["data"]["extent"] = "parent"
    assert ("extent_mismatch", "warning", "/blocks/agent/data/extent") in _codes(check(RULE, rich_state))


def test_no_triggers_inside_containers(check, rich_state, build):
    rich_state["blocks"]["s2"] = build.block("s2", "starter", "Start 2", parent="loop")
    rich_state["loops"]["loop"]["nodes"].append("s2")
    assert _codes(check(RULE, rich_state)) == [("trigger_in_container", "error", "/blocks/s2")]


def test_loops_map_disagreement_is_a_warning(check, rich_state):
    rich_state["loops"]["loop"]["nodes"] = []
    rich_state["loops"]["loop"]["forEachItems"] = "[4]"
    found = _codes(check(RULE, rich_state))
    assert found == [
        ("subflow_mismatch", "warning", "/loops/loop/nodes"),
        ("subflow_mismatch", "warning", "/loops/loop/forEachItems"),
    ]


def test_missing_and_orphan_map_entries(check, rich_state):
    rich_state["loops"]["ghost"] = rich_state["loops"].pop("loop")
    assert _codes(check(RULE, rich_state)) == [
        ("missing_subflow_config", "warning", "/loops/loop"),
        ("orphan_subflow_config", "warning", "/loops/ghost"),
    ]


def test_loop_node_must_exist(check, rich_state):
    rich_state["loops"]["loop"]["nodes"].append("deleted")
    found = _codes(check(RULE, rich_state))
    assert ("subflow_node_missing", "error", "/loops/loop/nodes/1") in found


def test_for_loop_iterations_positive(check, rich_state):
    rich_state["blocks"]["loop"]["data"].update(loopType="for", count=0)
    rich_state["loops"]["loop"].update(loopType="for", iterations=0)
    found = _codes(check(RULE, rich_state))
    assert ("invalid_iterations", "error", "/loops/loop/iterations") in found


def test_foreach_needs_items(check, rich_state):
    rich_state["blocks"]["loop"]["data"]["collection"] = ""
    rich_state["loops"]["loop"]["forEachItems"] = ""
    assert _codes(check(RULE, rich_state)) == [("missing_foreach_items", "error", "/loops/loop/forEachItems")]


def test_while_loops_only_in_current_sim(check, rich_state):
    rich_state["blocks"]["loop"]["data"].update(loopType="while", whileCondition="<loop.index> < 3")
    rich_state["loops"]["loop"].update(loopType="while", whileCondition="<loop.index> < 3")
    assert [f.code for f in check(RULE, rich_state, "current")] == []
    assert "invalid_loop_type" in [f.code for f in check(RULE, rich_state, "jul25")]


def test_parallel_settings(check, build):
    blocks = [
        build.block("p", "parallel", "Fan out", data={"parallelType": "count", "count": 0}),
        build.block("a", "function", "Work", parent="p"),
    ]
    edges = [build.edge("e1", "p", "a", "parallel-start-source")]
    parallels = {"p": {"id": "p", "nodes": ["a"], "count": 0, "parallelType": "count"}}
    state = build.state(blocks, edges, parallels=parallels)
    # data.count 0 means Sim's default of 5 in the editor, so the map's 0 also disagrees with it
    assert _codes(check(RULE, state)) == [
        ("subflow_mismatch", "warning", "/parallels/p/count"),
        ("invalid_parallel_count", "error", "/parallels/p/count"),
    ]
    blocks[0]["data"] = {"parallelType": "collection", "collection": "<start.items>"}
    state = build.state(
        blocks,
        edges,
        parallels={
            "p": {"id": "p", "nodes": ["a"], "parallelType": "collection", "distribution": "<start.items>"}
        },
    )
    assert check(RULE, state) == []
    state["parallels"]["p"]["distribution"] = "<start.other>"
    assert _codes(check(RULE, state)) == [("subflow_mismatch", "warning", "/parallels/p/distribution")]


def test_empty_and_unstarted_containers_warn(check, rich_state):
    rich_state["edges"] = [e for e in rich_state["edges"] if e["sourceHandle"] != "loop-start-source"]
    assert _codes(check(RULE, rich_state)) == [("container_start_unconnected", "warning", "/blocks/loop")]
    del rich_state["blocks"]["fn"]
    rich_state["loops"]["loop"]["nodes"] = []
    assert _codes(check(RULE, rich_state)) == [("empty_container", "warning", "/blocks/loop")]


def test_self_parent_and_parent_cycles(check, rich_state, build):
    rich_state["blocks"]["loop"]["data"]["parentId"] = "loop"
    assert ("invalid_parent", "error", "/blocks/loop/data/parentId") in _codes(check(RULE, rich_state))
    rich_state["blocks"]["l2"] = build.block("l2", "loop", "Loop 2", parent="loop", data={"loopType": "for"})
    rich_state["blocks"]["loop"]["data"]["parentId"] = "l2"
    assert "parent_cycle" in [f.code for f in check(RULE, rich_state)]
