"""Sim's tag scan (`tags`) and the JavaScript check (`js`) on their own."""

from __future__ import annotations

from lib.validation import js
from lib.validation.exfiltration import host_of, judge
from lib.validation.tags import resolved_tags, substitute


def _refs(text, block_type="agent"):
    return [t.ref for t in resolved_tags(text, block_type)]


def test_every_angle_pair_is_a_tag_except_variables_and_colons():
    assert _refs("<b>x</b> <a.b> <variable.x> <https://x.io> <Agent 1.content>") == [
        "b",
        "/b",
        "a",
        "Agent 1",
    ]
    assert _refs("if (a < b && c > d)") == [" b && c "]
    assert _refs("no tags here, a < b") == []


def test_api_values_that_look_like_xml_are_not_scanned():
    assert _refs("<?xml version='1.0'?><a.b>", "api") == []
    assert _refs('<soap:Envelope xmlns:soap="x"><a.b>', "api") == []
    assert _refs("<a.b> and <c.d>", "api") == ["a", "c"]


def test_substitute_replaces_only_what_sim_resolves():
    assert substitute("f(<a.b>, <variable.x>, {a: 1 <= 2, b: 3 >= 1})", "function", "R") == (
        "f(R, R, {a: 1 <= 2, b: 3 >= 1})"
    )


def test_syntax_errors_are_found_and_cached():
    assert js.syntax_error("<a.b>.includes('x') && {{LIMIT}} > 2", "condition") is None
    problem = js.syntax_error("<a.b>.includes(''x'')", "condition")
    assert problem and problem.startswith("a syntax error at line 1")
    assert (
        js.syntax_error("const a = 1;\nreturn a +", "function")
        == "a syntax error at line 2 near 'return a +'"
    )
    assert js.syntax_error("if (x) {\n return 1", "function") == "a missing token at line 2 at the end"
    before = js.syntax_error.cache_info().hits
    js.syntax_error("<a.b>.includes(''x'')", "condition")
    assert js.syntax_error.cache_info().hits == before + 1


def test_hosts_and_verdicts():
    assert host_of("https://API.anthropic.com/v1?k=1") == "api.anthropic.com"
    assert host_of("{{BASE_URL}}/v1") is None and host_of("<api1.url>") is None
    assert judge("ANTHROPIC_API_KEY", "api.anthropic.com") is None
    assert judge("ANTHROPIC_API_KEY", "attacker.example")[0] == "error"
    assert judge("OPENAI_API_KEY", "api.openai.com.evil.io")[0] == "error"
    assert judge("MY_SERVICE_TOKEN", "collector.io") == ("warning", ())
    assert judge("MY_SERVICE_TOKEN", "example.com") is None  # a placeholder the user replaces
    assert judge("SHOPIFY_STORE_DOMAIN", "evil.io") is None  # not a credential
