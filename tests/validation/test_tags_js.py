"""Sim's tag scan (`tags`) and the JavaScript check (`js`) on their own."""

from __future__ import annotations

import re

from lib.validation import js
from lib.validation.exfiltration import host_of, judge
from lib.validation.tags import only_references, refs_in, resolved_tags, substitute


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


def test_texts_whose_tags_are_their_references():
    """Where `only_references` holds, the references are the tags Sim resolves (same names, in
    order) and `substitute` replaces exactly them; checked on random texts of references, runtime
    references, stray '<' and '>', spaces, XML-ish and HTML-ish pieces, for every block kind."""
    import random

    rng = random.Random(21)
    pieces = [
        "<a.b>", "<Agent1.content>", "<b-2.x[0].y>", "<loop.index>", "<Loop.currentItem>", "<variable.v>",
        "<parallel.x>", "<start.input>", "<a.b", "a.b>", "<", ">", " < ", " > ", "<b>", "</b>", "<a:b.c>",
        "x", " ", ".", "<?xml", "xmlns:", "<a b.c>", "<<a.b>>", "<a..b>", "<a.>", "{{K}}", "\n", "é",
    ]  # fmt: skip
    decided = 0
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 7)))
        refs = refs_in(text)
        for kind in ("function", "condition", "agent", "api"):
            tags = resolved_tags(text, kind)
            if only_references(text, len(refs)) and kind != "api":
                decided += 1
                assert [t.ref for t in tags] == [r.block for r in refs], text
                assert [t.text for t in tags] == [f"<{r.block}.{r.path}>" for r in refs], text
            expected, last = [], 0  # `substitute` as the tag scan alone would write it
            for tag in tags:
                expected += [text[last : tag.start], "R"]
                last = tag.end
            joined = "".join([*expected, text[last:]])
            joined = re.sub(r"<variable\.[^>]+>", "R", joined) if "<variable." in joined else joined
            assert substitute(text, kind, "R") == joined, (text, kind)
    assert decided > 10_000


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


def _parses_cleanly(text, kind):
    head, tail = js._WRAPPERS[kind]
    return not js._parser().parse((head + text + tail).encode("utf-8")).root_node.has_error


def test_the_simple_subset_is_one_tree_sitter_accepts():
    """`js.simple` skips the parse: every text it accepts must parse cleanly. Generated from the
    subset's own pieces plus near misses (keywords, unary minus, `**`, comments, newlines)."""
    import random

    operands = ["a", "__ref", "x.y", "'v1'", '"q"', "1", "2.5", "!a", "a.b('x')", "true", "null", "a(1, 2)"]
    misses = ["if", "await", "é", "01", "1.", "`t`", "'a\\'b'", "a()()", "--a", "(a)", "{", "[]", "<b>"]
    operators = ["===", "!==", "==", "!=", "<=", ">=", "&&", "||", "<", ">", "+", "-", "*", "%", "/"]
    near = ["**", "??", "<<", "=", "--", "++", "<!--", "-->", "?", ","]
    endings = ["", " // c (v1)", "//x", ";", "; // z", "\n", " /* c */", "\r// x", "\n+ b"]
    rng = random.Random(14)
    accepted = 0
    for _ in range(4000):
        kind = rng.choice(["condition", "function"])
        text = rng.choice(operands + misses)
        for _ in range(rng.randint(0, 3)):
            op = rng.choice(near) if rng.random() < 0.15 else rng.choice(operators)
            text += (
                rng.choice(["", " ", "\t", "\n "])
                + op
                + rng.choice(["", " "])
                + rng.choice(operands + misses)
            )
        text = (rng.choice(["return ", "return\n", ""]) if kind == "function" else "") + text
        text += rng.choice(endings)
        if js.simple(text, kind):
            accepted += 1
            assert _parses_cleanly(text, kind), (kind, text)
    assert accepted > 150  # the subset is exercised, not only its misses
    assert js.simple("return __ref // a < b stays a comparison (v1)", "function")
    assert js.simple("__ref.includes('churned') && __env > 2", "condition")
    assert not js.simple("return await x", "function") and not js.simple("a --b", "condition")
    assert js.simple("f(a, 'b')", "condition") and js.simple("f()", "condition")
    assert not js.simple("f(a,)", "condition") and not js.simple("f(a b)", "condition")
    assert not js.simple("return a", "condition") and not js.simple("a", "function")
    assert js.simple("a // in a loop", "condition") and not js.simple("a.in", "condition")
