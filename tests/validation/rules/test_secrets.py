"""secrets: plain-text credentials are warnings (§9.10); {{ENV}} refs, oauth ids and nulls are fine."""

from lib.validation.rules.secrets import RULE, secret_key


def _codes(findings):
    return [(f.code, f.severity, f.path) for f in findings]


def test_passing_states(check, minimal_state, rich_state):
    assert check(RULE, minimal_state) == []  # apiKey is {{OPENAI_API_KEY}}
    assert check(RULE, rich_state) == []  # Authorization: Bearer {{HOOK_TOKEN}}


def test_real_exports_have_no_plaintext_secrets(check, sim_export):
    assert check(RULE, sim_export["state"]) == []


def test_plaintext_api_key_warns(check, minimal_state):
    minimal_state["blocks"]["b-agent"]["subBlocks"]["apiKey"]["value"] = "sk-live-123"
    (finding,) = check(RULE, minimal_state)
    assert (finding.code, finding.severity, finding.path) == (
        "plaintext_secret",
        "warning",
        "/blocks/b-agent/subBlocks/apiKey/value",
    )
    assert "{{API_KEY}}" in finding.message
    assert "sk-live-123" not in finding.message


def test_empty_masked_and_referenced_values_are_fine(check, minimal_state):
    for value in (None, "", "••••••", "<start.key>", "{{KEY}}"):
        minimal_state["blocks"]["b-agent"]["subBlocks"]["apiKey"]["value"] = value
        assert check(RULE, minimal_state) == [], value


def test_tool_params_and_header_tables(check, minimal_state):
    subs = minimal_state["blocks"]["b-agent"]["subBlocks"]
    subs["tools"]["value"] = [
        {"type": "exa", "title": "Exa", "params": {"apiKey": "exa-123", "numResults": 3, "maxTokens": "100"}},
        {"type": "slack", "params": {"credential": "cred_abc123", "botToken": "{{SLACK_BOT_TOKEN}}"}},
    ]
    minimal_state["blocks"]["b-api"]["subBlocks"]["headers"]["value"] = [
        {"id": "r1", "cells": {"Key": "Authorization", "Value": "Bearer abc"}},
        {"id": "r2", "cells": {"Key": "X-Api-Key", "Value": "k-1"}},
        {"id": "r3", "cells": {"Key": "Accept", "Value": "application/json"}},
    ]
    assert _codes(check(RULE, minimal_state)) == [
        ("plaintext_tool_secret", "warning", "/blocks/b-agent/subBlocks/tools/value/0/params/apiKey"),
        ("plaintext_header_secret", "warning", "/blocks/b-api/subBlocks/headers/value/0/cells/Value"),
        ("plaintext_header_secret", "warning", "/blocks/b-api/subBlocks/headers/value/1/cells/Value"),
    ]


def test_legacy_string_tools_are_read(check, minimal_state):
    minimal_state["blocks"]["b-agent"]["subBlocks"]["tools"]["value"] = '[{"params": {"api_key": "x"}}]'
    assert [f.code for f in check(RULE, minimal_state)] == ["plaintext_tool_secret"]


def test_oauth_credentials_are_not_secrets(check, minimal_state):
    minimal_state["blocks"]["b-agent"]["subBlocks"]["credential"] = {
        "id": "credential",
        "type": "oauth-input",
        "value": "cred_1",
    }
    assert check(RULE, minimal_state) == []


def test_secret_key_names():
    assert all(
        secret_key(k) for k in ("apiKey", "api_key", "botToken", "clientSecret", "password", "Authorization")
    )
    assert not any(
        secret_key(k) for k in ("maxTokens", "pageToken", "credential", "oauthCredential", "model", None)
    )


def test_host_gate_and_walk_keep_their_depths():
    """A `{{KEY}}` deeper than 33 levels (or under a tuple) is not enough to open the host check,
    but once it is open every string down to 65 levels is judged, as before the one-walk rewrite."""
    from lib.validation import exfiltration

    def nest(value, levels):
        for _ in range(levels):
            value = [value]
        return value

    deep = {"url": "https://example.com", "body": nest("{{ANTHROPIC_API_KEY}}", 40)}
    assert list(exfiltration.leaks(deep)) == []
    assert list(exfiltration.leaks({**deep, "body": ("{{ANTHROPIC_API_KEY}}",)})) == []
    shallow = {**deep, "headers": [{"cells": {"Value": "{{ANTHROPIC_API_KEY}}"}}]}
    found = list(exfiltration.leaks(shallow))
    assert [(f.field, f.suffix) for f in found] == [("headers", "/0/cells/Value"), ("body", "/0" * 40)]
    assert list(exfiltration.leaks({**shallow, "body": nest("{{ANTHROPIC_API_KEY}}", 70)}))[1:] == []


def test_may_leak_is_false_only_where_no_host_makes_a_variable_suspect():
    """`leaks` skips its walk and the URL parse when no {{VAR}} `may_leak`: every name that
    `judge` flags for some host must say True."""
    from lib.validation import exfiltration

    hosts = ["api.anthropic.com", "evil.io", "example.com", "collector.io", "api.openai.com", "myservice.io"]
    words = ["ANTHROPIC", "OPENAI", "MY", "SERVICE", "API", "KEY", "TOKEN", "SECRET", "DOMAIN", "STRIPE"]
    names = {"_".join(w) for w in zip(words, words[1:])} | {
        "_".join(w) for w in zip(words, words[2:], words[4:])
    }
    names |= {"TOKEN", "API_KEY", "KEY", "MY_SERVICE_TOKEN", "SHOPIFY_STORE_DOMAIN", "ANTHROPIC_API_KEY"}
    for name in sorted(names):
        flagged = [host for host in hosts if exfiltration.judge(name, host) is not None]
        assert not flagged or exfiltration.may_leak(name), (name, flagged)
    assert not exfiltration.may_leak("TOKEN") and not exfiltration.may_leak("SHOPIFY_STORE_DOMAIN")
    assert exfiltration.may_leak("ANTHROPIC_API_KEY") and exfiltration.may_leak("MY_SERVICE_TOKEN")
    # An api block whose only secret is {{TOKEN}} is never reported, wherever it sends it.
    values = {"url": "https://collector.io/x", "headers": [{"cells": {"Value": "Bearer {{TOKEN}}"}}]}
    assert list(exfiltration.leaks(values)) == []


def test_exfiltration_gate_on_json_text_agrees_with_the_walk():
    """`exfiltration._suspect` (a container's JSON text) says what `_suspect_in` (the walk) says."""
    from lib.validation import exfiltration

    values = [
        None, "https://api.example.com", "{{ANTHROPIC_API_KEY}}", [{"cells": {"Key": "A", "Value": "{{TOKEN}}"}}],
        [{"cells": {"Key": "A", "Value": "Bearer {{ANTHROPIC_API_KEY}}"}}], {"a": ["{{ STRIPE_SECRET_KEY }}"]},
        {"a": "{{\nSTRIPE_SECRET_KEY\n}}"}, {"{{STRIPE_SECRET_KEY}}": "x"}, [1, 2.5, True, None], {1: "{{X_KEY}}"},
        ("{{OPENAI_API_KEY}}",), {"deep": [[[["{{SHOPIFY_STORE_DOMAIN}}"]]]]},
    ]  # fmt: skip
    deep: object = "{{GITHUB_TOKEN}}"
    for _ in range(70):
        deep = [deep]
    values.append(deep)
    for value in values:
        walked = exfiltration._suspect_in(value, 0)
        # The gate may only open more often than the walk (a key's {{VAR}}): never less.
        assert exfiltration._suspect(value) >= walked, value
        if not isinstance(value, dict) or not any("{{" in str(k) for k in value):
            assert exfiltration._suspect(value) == walked, value
