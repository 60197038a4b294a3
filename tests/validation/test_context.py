"""Context: safe views over any JSON, era detection, the data-flow graph rules rely on."""

from lib.validation.context import Context, detect_era


def test_views_filter_to_well_typed_parts():
    state = {
        "blocks": {"a": {"type": "agent", "name": "Agent 1"}, "b": None, "c": [], 5: {"type": "x"}},
        "edges": [None, {"source": "a"}, {"id": "e", "source": "a", "target": "z", "sourceHandle": ""}],
        "loops": {"l": None, "m": {"nodes": []}},
    }
    ctx = Context(state, "jul25")
    assert list(ctx.blocks) == ["a"]
    assert [(e.index, e.source, e.target, e.source_handle) for e in ctx.edges] == [(2, "a", "z", None)]
    assert list(ctx.loops) == ["m"]
    assert ctx.names == {"a": "agent1"} and ctx.by_name == {"agent1": ["a"]}
    assert ctx.sub_blocks("a") == {} and ctx.value("a", "x") is None


def test_non_dict_state_gives_empty_views():
    for junk in (None, [], "x", 3):
        ctx = Context(junk, "current")
        assert (ctx.blocks, ctx.edges, ctx.loops) == ({}, [], {})


def test_era_detection(minimal_state, build):
    assert detect_era(minimal_state) == "jul25"
    minimal_state["blocks"]["n"] = build.block("n", "note", "Note")
    assert detect_era(minimal_state) == "current"
    del minimal_state["blocks"]["n"]
    minimal_state["blocks"]["g"] = build.block("g", "gmail_v2", "Gmail")  # head-only in the registry
    assert detect_era(minimal_state) == "current"
    minimal_state["blocks"]["g"]["type"] = "guesty"  # unknown types say nothing about the era
    assert detect_era(minimal_state) == "jul25"
    assert detect_era(None) == "jul25"


def test_parents_children_and_top_level_parent_columns(rich_state):
    rich_state["blocks"]["agent"]["parentId"] = "loop"  # JUL25 loader copies parentId to the top level
    ctx = Context(rich_state, "jul25")
    assert ctx.parent == {"fn": "loop", "agent": "loop"}
    assert sorted(ctx.children["loop"]) == ["agent", "fn"]
    assert ctx.ancestors_of_parent("fn") == ["loop"]
    assert ctx.descendants("loop") == {"fn", "agent"}


def test_upstream_includes_container_insides_after_the_loop(rich_state):
    ctx = Context(rich_state, "jul25")
    assert ctx.upstream("api") == {"start", "cond", "agent", "loop", "fn"}
    assert ctx.upstream("fn") == {"start", "cond", "loop"}  # its container and what precedes it
    assert ctx.upstream("start") == frozenset()


def test_upstream_on_cycles_does_not_hang(build):
    blocks = [build.block(x, "function", x) for x in "abc"]
    edges = [build.edge("1", "a", "b"), build.edge("2", "b", "c"), build.edge("3", "c", "b")]
    ctx = Context(build.state(blocks, edges), "jul25")
    assert ctx.upstream("c") == {"a", "b", "c"}


def test_triggers_and_conditions(rich_state, build):
    rich_state["blocks"]["g"] = build.block("g", "gmail_v2", "Gmail", triggerMode=True)
    ctx = Context(rich_state, "current")
    assert ctx.is_trigger("start") and ctx.is_trigger("g") and not ctx.is_trigger("agent")
    assert [c["id"] for c in ctx.conditions("cond")] == ["cond-if", "cond-else"]
    assert ctx.conditions("agent") is None


def test_the_sweeping_closure_gives_the_topological_walks_masks():
    """`_closure` computes masks in one pass when predecessors come first, else sweeps (target,
    pred) pairs to a fixpoint (`_closure_swept`) and hands slow graphs to `_closure_in_order`:
    all give every node with a path into each node, cycles and dangling ends included, on random
    graphs in every order (and on graphs in flow order, where the one pass decides)."""
    import random

    from lib.validation import context

    rng = random.Random(3)
    for _ in range(1500):
        nodes = [f"n{i}" for i in range(rng.randint(1, 20))]
        preds: dict[str, set[str]] = {node: set() for node in nodes}
        for _ in range(rng.randint(0, 3 * len(nodes))):
            target, source = rng.choice(nodes), rng.choice([*nodes, "gone"])
            preds[target].add(source)
        bits = {node: 1 << i for i, node in enumerate([*nodes, "gone"])}
        walked = context._closure_in_order(preds, bits)
        for closure in (context._closure, context._closure_swept):
            swept = closure(preds, bits)
            assert {n: swept.get(n, 0) for n in nodes} == {n: walked.get(n, 0) for n in nodes}
        in_order = {
            n: {p for p in preds[n] if p not in preds or nodes.index(p) < nodes.index(n)} for n in nodes
        }
        swept, walked = context._closure(in_order, bits), context._closure_in_order(in_order, bits)
        assert {n: swept.get(n, 0) for n in nodes} == {n: walked.get(n, 0) for n in nodes}


def test_the_pathless_tag_test_agrees_with_the_tagging_walk():
    """`holds_lt` (and its orjson form) decide whether `tagged_in` (which builds paths) runs at all."""
    import random

    from lib.validation import facts

    rng = random.Random(9)
    leaves = ["a", "<b>", "x < y", 1, None, True, "", "<a.b>", 2.5, "\u003c", "é<"]

    def value(depth):
        if depth > 4 or rng.random() < 0.3:
            return rng.choice(leaves)
        if rng.random() < 0.5:
            return [value(depth + 1) for _ in range(rng.randint(0, 3))]
        return {f"k{i}": value(depth + 1) for i in range(rng.randint(0, 3))}

    for _ in range(2000):
        item = value(0)
        assert facts.holds_lt(item, 0) == bool(list(facts.tagged_in(item, (), 0))), item
        # The serialized test may say yes more often (a '<' in a key), never less.
        assert facts._holds_lt_serialized(item) or not facts.holds_lt(item, 0), item
    deep: object = "<a.b>"
    for _ in range(70):
        deep = [deep]
    assert facts.holds_lt(deep, 0) == bool(list(facts.tagged_in(deep, (), 0))) is False


def test_the_walk_detects_the_era_as_detect_era_does(build):
    """`validate` lets the context's block walk detect the era; it must agree with `detect_era`."""
    import gzip
    import json
    from pathlib import Path

    golden = Path(__file__).resolve().parent / "golden" / "states.json.gz"
    with gzip.open(golden, "rt", encoding="utf-8") as fh:
        states = [case["state"] for case in json.load(fh)["cases"]]
    odd = build.state([build.block("a", "agent", "A")], [])
    odd["blocks"][5] = {"type": "note"}  # a key JSON cannot hold: still seen by detect_era
    states += [odd, None, [], {"blocks": []}, {"blocks": {"n": {"type": "gmail_v2"}}}]
    eras = [Context(state, None).era for state in states]
    assert eras == [detect_era(state) for state in states]
    assert set(eras) == {"jul25", "current"}


def test_the_one_pass_masks_agree_with_the_closure_of_the_predecessor_sets():
    """Upstream and edge masks are computed in one pass over the blocks when predecessors come
    first; on random states (containers, parents, dangling ends, cycles, any block order) they
    equal the closure of `flow_predecessors` and of the edges, `edges_acyclic` agrees with the
    masks, and `reachable_from` (read off the masks) with a walk along the edges."""
    import random

    rng = random.Random(5)
    in_order = 0
    for _ in range(1500):
        ids = [f"b{i}" for i in range(rng.randint(1, 12))]
        blocks = {}
        for bid in ids:
            kind = rng.choice(["agent", "function", "loop", "parallel", "starter"])
            block = {"id": bid, "type": kind, "name": bid, "subBlocks": {}, "data": {}}
            if rng.random() < 0.3:
                block["data"] = {"parentId": rng.choice([*ids, "gone"]), "extent": "parent"}
            blocks[bid] = block
        order = ids if rng.random() < 0.6 else rng.sample(ids, len(ids))
        edges = []
        for index in range(rng.randint(0, 2 * len(ids))):
            a, b = sorted(rng.sample(range(len(ids)), 2)) if len(ids) > 1 else (0, 0)
            source, target = (ids[a], ids[b]) if rng.random() < 0.8 else (rng.choice(ids), rng.choice(ids))
            if rng.random() < 0.1:
                source = "ghost"
            handle = rng.choice(["source", "loop-start-source", "loop-end-source", None])
            edges.append({"id": f"e{index}", "source": source, "target": target, "sourceHandle": handle})
        ctx = Context({"blocks": {bid: blocks[bid] for bid in order}, "edges": edges}, "jul25")
        assert ctx.upstream_masks == ctx._upstream_swept()
        assert ctx.edge_masks == ctx._edge_masks_swept()
        in_order += ctx._edges_in_order
        bits = ctx.bits
        assert ctx.edges_acyclic == all(not ctx.edge_masks[b] & bits[b] for b in ctx.blocks)
        roots = rng.sample([*ids, "ghost"], rng.randint(0, min(3, len(ids) + 1)))
        assert ctx.reachable_from(roots) == ctx._reachable_walk(roots)
    assert 100 < in_order < 1400


def test_edge_repeats_are_found_among_a_sources_earlier_edges():
    """`edges_repeat` compares an edge only with the earlier edges of its source; on random edge
    lists (repeats, '' and null handles, dangling ends, odd types) it says what comparing every
    edge's ends and handles says."""
    import random

    rng = random.Random(14)
    ids = ["a", "b", "c", "d"]
    blocks = {bid: {"id": bid, "type": "agent", "name": bid, "subBlocks": {}} for bid in ids}
    handles = ["source", "target", "", None, "error", 5]
    repeats = 0
    for _ in range(2000):
        edges = []
        for index in range(rng.randint(0, 8)):
            if edges and rng.random() < 0.2:
                edges.append({**rng.choice(edges), "id": f"r{index}"})
                continue
            edge = {"id": f"e{index}", "source": rng.choice([*ids, "ghost"]), "target": rng.choice(ids)}
            for key in ("sourceHandle", "targetHandle"):
                if rng.random() < 0.7:
                    edge[key] = rng.choice(handles)
            edges.append(edge)
        ctx = Context({"blocks": blocks, "edges": edges}, "jul25")
        keys = {(e.source, e.source_handle, e.target, e.target_handle) for e in ctx.edges}
        assert ctx.edges_repeat == (len(keys) < len(ctx.edges))
        repeats += ctx.edges_repeat
    assert 200 < repeats < 1800  # both answers were tried
