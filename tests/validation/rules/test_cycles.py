"""cycles: no cycles outside loop containers."""

from lib.validation.rules.cycles import RULE


def test_passing_states(check, minimal_state, rich_state, build):
    assert check(RULE, minimal_state) == []
    rich_state["edges"].append(build.edge("back", "fn", "loop"))  # child → own container: not a cycle
    assert check(RULE, rich_state) == []


def test_real_exports_are_acyclic(check, sim_export):
    assert check(RULE, sim_export["state"]) == []


def test_a_cycle_is_an_error_on_one_of_its_edges(check, minimal_state, build):
    minimal_state["edges"].append(build.edge("back", "b-api", "b-agent"))
    (finding,) = check(RULE, minimal_state)
    assert (finding.code, finding.severity) == ("cycle", "error")
    assert finding.path in ("/edges/1", "/edges/2")
    assert "Agent 1" in finding.message and "API 1" in finding.message


def test_cycle_through_a_container_exit_is_still_a_cycle(check, rich_state, build):
    rich_state["edges"].append(build.edge("back", "api", "cond"))
    (finding,) = check(RULE, rich_state)
    assert finding.code == "cycle"


def test_two_separate_cycles(check, build):
    blocks = [build.block(x, "function", x.upper()) for x in "abcd"]
    edges = [
        build.edge("1", "a", "b"),
        build.edge("2", "b", "a"),
        build.edge("3", "c", "d"),
        build.edge("4", "d", "c"),
    ]
    assert [f.code for f in check(RULE, build.state(blocks, edges))] == ["cycle", "cycle"]


def test_long_chain_does_not_recurse(check, build):
    n = 3000
    blocks = [build.block(f"b{i}", "function", f"F{i}") for i in range(n)]
    edges = [build.edge(f"e{i}", f"b{i}", f"b{i + 1}") for i in range(n - 1)]
    assert check(RULE, build.state(blocks, edges)) == []
    edges.append(build.edge("back", f"b{n - 1}", "b0"))
    assert [f.code for f in check(RULE, build.state(blocks, edges))] == ["cycle"]
