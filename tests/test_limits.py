"""lib/limits: hostile documents are refused naming the field, before any work and in bounded memory."""

from __future__ import annotations

import tracemalloc

import pytest

from lib import limits
from lib.errors import InvalidInput, MalformedInput


def _billion_laughs(levels: int = 9) -> str:
    """The classic alias bomb: ~340 bytes of YAML that expand to 9**9 strings."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for i in range(1, levels):
        name = chr(ord("a") + i)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
        prev = name
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "literal, shown",
    [
        ("NaN", "NaN"),
        ("Infinity", "Infinity"),
        ("-Infinity", "-Infinity"),
        ("1e999", "1e999"),
        ("9" * 4000, "4000 characters"),
        ("-" + "9" * 350, "351 characters"),
    ],
)
def test_numbers_sim_cannot_hold_are_422_naming_the_field(literal, shown):
    with pytest.raises(InvalidInput) as err:
        limits.load_json('{"state": {"blocks": {"b1": {"x": [1, ' + literal + "]}}}}", field="body")
    assert err.value.field == "body.state.blocks.b1.x.1"
    assert shown in err.value.message
    assert err.value.details[0]["type"] == "number_out_of_range"


def test_ordinary_numbers_and_long_integers_javascript_wrote_are_kept():
    doc = limits.load_json('{"a": 1.5, "b": -0.0, "c": 100000000000000000000, "d": 1e308}', field="body")
    assert doc == {"a": 1.5, "b": -0.0, "c": 10**20, "d": 1e308}


@pytest.mark.parametrize(
    "text, kind",
    [('"\\ud800"', "lone_surrogate"), ('"a\\udfffb"', "lone_surrogate"), ('"a\\u0000"', "nul_character")],
)
def test_text_postgres_cannot_hold_is_422(text, kind):
    with pytest.raises(InvalidInput) as err:
        limits.load_json('{"name": ' + text + "}", field="body")
    assert err.value.field == "body.name" and err.value.details[0]["type"] == kind


def test_a_lone_surrogate_in_a_key_names_the_object_holding_it():
    with pytest.raises(InvalidInput) as err:
        limits.load_json('{"blocks": {"\\ud800": 1}}', field="body")
    assert err.value.field == "body.blocks"


def test_surrogate_pairs_are_text():
    assert limits.load_json('{"emoji": "\\ud83d\\ude00"}', field="body") == {"emoji": "\U0001f600"}


@pytest.mark.parametrize("depth", [limits.MAX_DEPTH + 1, 300, 100_000])
def test_nesting_past_the_limit_is_400_at_any_depth(depth):
    with pytest.raises(MalformedInput) as err:
        limits.load_json("[" * depth + "]" * depth, field="body")
    assert "nested too deeply" in err.value.message and err.value.field.startswith("body")


def test_nesting_at_the_limit_is_fine():
    depth = limits.MAX_DEPTH
    assert limits.load_json("[" * depth + "]" * depth, field="body") is not None


def test_the_yaml_alias_bomb_is_refused_before_expansion_in_bounded_memory():
    text = _billion_laughs()
    assert len(text) < 1000
    tracemalloc.start()
    try:
        with pytest.raises(InvalidInput) as err:
            limits.load_yaml(text, field="body")
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert err.value.details[0]["type"] == "yaml_expansion"
    assert "387,420,489" in err.value.message or "nodes" in err.value.message
    assert peak < 5_000_000, peak  # the expansion (hundreds of MB) never happens


def test_yaml_with_a_few_aliases_still_loads():
    doc = limits.load_yaml("base: &b {model: gpt-4o}\nagent1: *b\nagent2: *b\n", field="f.yaml")
    assert doc["agent1"] == doc["agent2"] == {"model": "gpt-4o"}


def test_a_recursive_yaml_alias_is_refused_not_looped_over():
    with pytest.raises(MalformedInput):
        limits.load_yaml("a: &a [*a]\n", field="f.yaml")


@pytest.mark.parametrize("text", ["x: .nan", "x: -.inf", "x: 1" + "0" * 400])
def test_yaml_numbers_sim_cannot_hold_are_422(text):
    with pytest.raises(InvalidInput) as err:
        limits.load_yaml(text, field="f.yaml")
    assert err.value.field == "f.yaml.x"


def test_yaml_integers_past_pythons_conversion_limit_are_422():
    with pytest.raises(InvalidInput):
        limits.load_yaml("x: 1" + "0" * 5000, field="f.yaml")


def test_deep_yaml_is_400():
    with pytest.raises(MalformedInput):
        limits.load_yaml("x: " + "[" * 100_000 + "]" * 100_000, field="f.yaml")


def test_yaml_syntax_errors_name_line_and_column():
    with pytest.raises(MalformedInput) as err:
        limits.load_yaml("a: [1, 2\nb: c: d\n", field="f.yaml")
    assert "line" in err.value.message and err.value.details[0]["line"]
