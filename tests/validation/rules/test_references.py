"""references: <name.field> names an existing upstream block and one of its outputs."""

from lib.validation.rules.references import RULE


def _codes(findings):
    return [(f.code, f.severity, f.path) for f in findings]


def _set(state, block_id, sub_id, value, sub_type="long-input"):
    state["blocks"][block_id]["subBlocks"][sub_id] = {"id": sub_id, "type": sub_type, "value": value}


def test_passing_states(check, minimal_state, rich_state):
    assert check(RULE, minimal_state) == []
    assert check(RULE, rich_state) == []  # includes <loop1.results> read after the loop


def test_real_exports_have_no_reference_errors(check, sim_export):
    assert [f for f in check(RULE, sim_export["state"]) if f.severity == "error"] == []


def test_unknown_block_is_an_error_with_a_pointer_into_the_value(check, minimal_state):
    _set(minimal_state, "b-api", "body", {"nested": ["ok", "<agent2.content>"]}, "code")
    (finding,) = check(RULE, minimal_state)
    assert (finding.code, finding.severity) == ("unknown_reference", "error")
    assert finding.path == "/blocks/b-api/subBlocks/body/value/nested/1"
    assert "agent1" in finding.message  # suggests the names that exist


def test_reference_to_a_downstream_block_warns(check, minimal_state):
    _set(minimal_state, "b-agent", "userPrompt", "Use <api1.data>")
    assert _codes(check(RULE, minimal_state)) == [
        ("reference_not_upstream", "warning", "/blocks/b-agent/subBlocks/userPrompt/value")
    ]


def test_unknown_output_field_warns(check, minimal_state):
    _set(minimal_state, "b-api", "body", "<agent1.answer>", "code")
    (finding,) = check(RULE, minimal_state)
    assert (finding.code, finding.severity) == ("unknown_output_field", "warning")
    assert "content" in finding.message


def test_agent_with_response_format_may_have_any_field(check, minimal_state):
    _set(minimal_state, "b-agent", "responseFormat", '{"schema": {"properties": {"answer": {}}}}', "code")
    _set(minimal_state, "b-api", "body", "<agent1.answer>", "code")
    assert check(RULE, minimal_state) == []


def test_start_fields_runtime_refs_and_comparisons_are_fine(check, minimal_state):
    _set(minimal_state, "b-agent", "userPrompt", "<start.input> <start.topic> <variable.x> a < b.c")
    assert check(RULE, minimal_state) == []
    _set(minimal_state, "b-agent", "userPrompt", "<loop.index>")  # a whole-value loop tag stays literal
    assert check(RULE, minimal_state) == []


def test_names_are_matched_after_normalization(check, minimal_state):
    _set(minimal_state, "b-api", "body", "<Agent1.content> <AGENT1.model>", "code")
    assert check(RULE, minimal_state) == []


def test_child_may_name_its_container(check, rich_state):
    _set(rich_state, "fn", "code", "return <loop1.index> + <loop1.currentItem>", "code")
    assert check(RULE, rich_state) == []


def test_container_collection_is_checked_against_its_own_upstream(check, rich_state):
    rich_state["blocks"]["loop"]["data"]["collection"] = "<api1.data>"
    assert _codes(check(RULE, rich_state)) == [
        ("reference_not_upstream", "warning", "/blocks/loop/data/collection")
    ]


def test_notes_are_not_resolved(check, build):
    state = build.state([build.block("n", "note", "Note", subs=build.sub("content", "Use <nothing.here>"))])
    assert check(RULE, state) == []


def test_runtime_tags_outside_their_container_and_html_are_unknown_tags(check, minimal_state):
    _set(minimal_state, "b-agent", "userPrompt", "Item <loop.index>: <b>bold</b><br>")
    found = check(RULE, minimal_state)
    assert _codes(found) == [("unknown_tag", "error", "/blocks/b-agent/subBlocks/userPrompt/value")]
    assert "'<loop.index>', '<b>', '</b>', '<br>'" in found[0].message


def test_a_block_inside_a_loop_is_not_readable_after_it_in_jul25(check, rich_state):
    _set(rich_state, "api", "body", '{"n": "<function1.result>"}', "code")
    assert _codes(check(RULE, rich_state)) == [
        ("reference_not_connected", "error", "/blocks/api/subBlocks/body/value")
    ]
    assert _codes(check(RULE, rich_state, "current")) == []


def test_reference_parts_match_what_reference_re_matches():
    """`tags.refs_in` reads references with a pattern that splits off the top-level field; on
    random texts it finds exactly REFERENCE_RE's matches, with the same block and path."""
    import random

    from lib.sim.names import REFERENCE_RE
    from lib.validation import tags

    rng = random.Random(14)
    alphabet = "<>.[]0123abc-_ x:/é"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        expected = [(m.group("block"), m.group("path")) for m in REFERENCE_RE.finditer(text)]
        found = [(block, field + rest) for block, field, rest in tags._REFERENCE_PARTS.findall(text)]
        assert found == expected, text


# --- paths below a tool's first key (lib/validation/tool_outputs.json) ----------------------------


def _tool_flow(build, block_type, operation, prompt):
    """starter → one tool block (named '<Type> 1') running `operation` → an agent whose prompt reads it."""
    b = build
    name = {"x": "X 1", "slack": "Slack 1", "jira": "Jira 1", "discord": "Discord 1"}[block_type]
    blocks = [
        b.block("start", "starter", "Start", subs=b.sub("startWorkflow", "manual", "dropdown")),
        b.block("tool", block_type, name, subs=b.sub("operation", operation, "dropdown")),
        b.block("agent", "agent", "Agent 1", subs={**b.sub("userPrompt", prompt, "long-input")}),
    ]
    return b.state(blocks, [b.edge("e1", "start", "tool"), b.edge("e2", "tool", "agent")])


def _nested(check, build, block_type, operation, prompt):
    found = check(RULE, _tool_flow(build, block_type, operation, prompt), "jul25")
    return [f for f in found if f.code == "output_not_produced"]


def test_a_path_below_a_tool_output_that_sim_does_not_return_is_an_error(check, build):
    # X's x_write returns tweet = {id, text, createdAt, ...}: no url (Sim: 'No value found at path')
    (finding,) = _nested(check, build, "x", "x_write", "Posted: <x1.tweet.url>")
    assert (finding.severity, finding.path) == ("error", "/blocks/agent/subBlocks/userPrompt/value")
    assert "'url'" in finding.message and "<x1.tweet.id>" in finding.message  # lists what is there
    assert (
        _nested(check, build, "x", "x_write", "Posted <x1.tweet.id> <x1.tweet.attachments.mediaKeys>") == []
    )
    (beneath,) = _nested(check, build, "x", "x_write", "<x1.tweet.id.value>")  # beneath a plain value
    assert "nothing beneath" in beneath.message


def test_a_list_takes_an_index_then_the_item_shape(check, build):
    ok = "<slack1.messages.0.text> <slack1.messages[1].user> <slack1.messages> <slack1.messages.length>"
    assert _nested(check, build, "slack", "read", ok) == []
    (no_index,) = _nested(check, build, "slack", "read", "<slack1.messages.text>")
    assert "a list there" in no_index.message
    assert len(_nested(check, build, "slack", "read", "<slack1.messages.0.body>")) == 1
    # an operation whose whole output is a list (Jira read-bulk)
    assert check(RULE, _tool_flow(build, "jira", "read-bulk", "<jira1.0.summary> <jira1.0>"), "jul25") == []
    assert len(_nested(check, build, "jira", "read-bulk", "<jira1.0.url>")) == 1


def test_an_open_output_passes_anything_beneath(check, build):
    # Discord's send returns data = Discord's message object, passed through whole ('*')
    assert _nested(check, build, "discord", "discord_send_message", "<discord1.data.author.username>") == []
    # get_messages shapes data = {messages (Discord's, open), channel_id}
    assert (
        _nested(check, build, "discord", "discord_get_messages", "<discord1.data.messages.0.content>") == []
    )
    assert len(_nested(check, build, "discord", "discord_get_messages", "<discord1.data.items>")) == 1


def test_the_per_type_field_answers_are_the_per_block_ones():
    """`field_ok` keeps its answer per type, era, operation and field (`_QUIET`) for blocks whose
    outputs are neither open nor stored: it must be what `_field_ok` computes for the very block,
    on every golden state in both eras, for each block's declared outputs and a few other fields,
    the first time and from the memo."""
    import gzip
    import json
    from pathlib import Path

    from lib.sim.registry import all_blocks
    from lib.validation.context import Context
    from lib.validation.rules import references

    golden = Path(__file__).resolve().parents[1] / "golden" / "states.json.gz"
    with gzip.open(golden, "rt", encoding="utf-8") as fh:
        states = [case["state"] for case in json.load(fh)["cases"]]
    # Every operation of every registered type, a block each (the golden states use a few).
    for block_type, spec in sorted(all_blocks().items()):
        blocks = {}
        for index, operation in enumerate([None, "nope", 3, *(spec.operations or {})]):
            subs = (
                {}
                if operation is None
                else {"operation": {"id": "operation", "type": "dropdown", "value": operation}}
            )
            blocks[f"b{index}"] = {
                "id": f"b{index}",
                "type": block_type,
                "name": f"b{index}",
                "subBlocks": subs,
            }
        states.append({"blocks": blocks, "edges": []})
    references._QUIET.clear()
    asked = 0
    for state in states:
        for era in ("jul25", "current"):
            ctx = Context(state, era)
            memo = references._Memo(ctx)
            for target in ctx.blocks:
                fields = {"0", "content", "data", "result", "x", *references._declared_outputs(ctx, target)}
                for operation in (getattr(ctx.spec(target), "operations", None) or {}).values():
                    if isinstance(operation.outputs, dict):  # each operation's keys: they differ
                        fields.update(operation.outputs)
                for field in sorted(fields):
                    for _ in range(2):
                        assert memo.field_ok(target, field) == memo._field_ok(target, field), (target, field)
                        asked += 1
    assert asked > 100_000 and references._QUIET
