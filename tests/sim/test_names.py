"""Names and references: one definition shared by validation, import (edge inference) and templates."""

from lib.sim.names import (
    ENV_REF,
    Reference,
    escape_pointer,
    find_references,
    is_env_ref,
    normalize_name,
    pointer,
    replace_references,
)


def test_normalize_name_lowercases_and_drops_whitespace_and_dots():
    assert normalize_name("Agent 1") == "agent1"
    assert normalize_name("  My\tAPI\nCall ") == "myapicall"
    assert normalize_name("v1.2 Parser") == "v12parser"
    assert normalize_name(None) == ""
    assert normalize_name(42) == ""


def test_pointer_escapes_tilde_and_slash():
    assert escape_pointer("a/b~c") == "a~1b~0c"
    assert pointer("blocks", "x/y", "subBlocks", 0) == "/blocks/x~1y/subBlocks/0"
    assert pointer() == ""


def test_find_references_in_nested_values_with_pointers():
    value = {"messages": [{"role": "user", "content": "Hi <start.input> and <Agent1.content.text>"}], "n": 3}
    refs = find_references(value)
    assert refs == [
        Reference("start", "input", "/messages/0/content"),
        Reference("Agent1", "content.text", "/messages/0/content"),
    ]
    assert refs[1].name == "agent1" and refs[1].field == "content"
    block, path, where = refs[0]  # unpacks as (block_name, path, pointer suffix)
    assert (block, path, where) == ("start", "input", "/messages/0/content")


def test_runtime_references_are_skipped_unless_asked():
    text = "<loop.index> <parallel.currentItem> <variable.apiUrl> <fn.result>"
    assert [r.block for r in find_references(text)] == ["fn"]
    assert [r.block for r in find_references(text, include_runtime=True)] == [
        "loop",
        "parallel",
        "variable",
        "fn",
    ]


def test_html_tags_and_comparisons_are_not_references():
    text = 'if (a < b.c && d > e) { x = "<br>"; y = "<div class=\'a.b\'>" } <p>hi</p> <start>'
    assert find_references(text) == []


def test_indexed_paths_and_field():
    (ref,) = find_references("<gmailtrigger.email.attachments[0].url>")
    assert ref.path == "email.attachments[0].url"
    assert ref.field == "email"
    (ref,) = find_references("<fileparser.files[0]>")
    assert ref.field == "files"


def test_env_refs():
    assert is_env_ref("{{OPENAI_API_KEY}}")
    assert is_env_ref(" {{ KEY }} ")
    assert not is_env_ref("Bearer {{TOKEN}}")
    assert not is_env_ref(None)
    assert ENV_REF.search("Bearer {{TOKEN}}").group("name") == "TOKEN"


def test_replace_references_follows_a_rename_without_touching_input():
    value = {"a": "<agent1.content> and <other.x>", "b": ["<agent1.model>"]}
    out = replace_references(value, lambda r: f"<writer.{r.path}>" if r.name == "agent1" else None)
    assert out == {"a": "<writer.content> and <other.x>", "b": ["<writer.model>"]}
    assert value["a"].startswith("<agent1")


def test_find_references_survives_odd_values():
    deep = current = []
    for _ in range(200):
        current.append([])
        current = current[0]
    assert find_references(deep) == []
    assert find_references(None) == []
    assert find_references({1: "<a.b>"}) == [Reference("a", "b", "/1")]
