"""scrub: references in place of secrets, readable stable names, the input untouched, idempotent."""

import copy
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from keys import KEYS

from lib.secrets import mask_known, referenced_env, scrub


def _state(**subs):
    return {
        "blocks": {
            "b": {
                "id": "b",
                "type": "function" if "code" in subs else "api",
                "name": "Fetch 2",
                "position": {"x": 0, "y": 0},
                "subBlocks": {k: {"id": k, "type": "short-input", "value": v} for k, v in subs.items()},
            }
        },
        "edges": [],
    }


def _value(state, sid):
    return state["blocks"]["b"]["subBlocks"][sid]["value"]


def test_input_untouched_and_scrub_is_idempotent():
    state = _state(url=f"https://x.io/?key={KEYS['google_api_key']}", token="plain-token-1")
    before = copy.deepcopy(state)
    out, found = scrub(state)
    assert state == before
    assert _value(out, "url") == "https://x.io/?key={{GOOGLE_API_KEY}}"
    assert _value(out, "token") == "{{FETCH_2_TOKEN}}"
    assert [f.name for f in found] == ["GOOGLE_API_KEY", "FETCH_2_TOKEN"]
    assert found[0].path == "/blocks/b/subBlocks/url/value"
    assert scrub(out) == (out, [])


def test_same_value_same_name_other_value_suffix_and_names_in_use_avoided():
    other = KEYS["openai_api_key"][:-4] + "ZZZZ"
    state = _state(
        apiKey=KEYS["openai_api_key"],
        body=f'{{"k": "{KEYS["openai_api_key"]}", "j": "{other}"}}',
        note="{{OPENAI_API_KEY}} is the team's own variable",
    )
    out, found = scrub(state)
    assert _value(out, "apiKey") == "{{OPENAI_API_KEY_2}}"  # OPENAI_API_KEY is already referenced
    assert _value(out, "body") == '{"k": "{{OPENAI_API_KEY_2}}", "j": "{{OPENAI_API_KEY_3}}"}'
    assert referenced_env(out) == ["OPENAI_API_KEY", "OPENAI_API_KEY_2", "OPENAI_API_KEY_3"]


def test_function_code_keeps_references_outside_string_literals():
    code = (
        f"const a = '{KEYS['github_token']}';\n"
        f'const h = "Bearer {KEYS["slack_bot_token"]}";\n'
        f"const t = `k=${{x}}&t={KEYS['stripe_secret_key']}`;"
    )
    out, _ = scrub(_state(code=code))
    assert _value(out, "code") == (
        "const a = {{GITHUB_TOKEN}};\n"
        'const h = "Bearer " + {{SLACK_BOT_TOKEN}} + "";\n'
        "const t = `k=${x}&t=${{{STRIPE_SECRET_KEY}}}`;"
    )


def test_oauth_credential_ids_and_references_are_left_alone():
    state = _state(headers="Bearer {{CLEARBIT_API_KEY}}")
    state["blocks"]["b"]["subBlocks"]["credential"] = {
        "id": "credential",
        "type": "oauth-input",
        "value": "VASXEoZWRpOraVP2Exmm9X62lT3ofDmZ",
    }
    assert scrub(state) == (state, [])


def test_mask_known_leaves_short_values_alone():
    _out, found = scrub({"password": "test", "apiKey": "longer-secret-99"})
    masked = mask_known({"m": "test run with longer-secret-99"}, found)
    assert masked == {"m": "test run with {{API_KEY}}"}


def test_a_secret_nested_too_deep_to_walk_is_refused_not_kept():
    import pytest

    from lib.errors import InvalidInput

    deep = inner = {}
    for _ in range(80):
        inner["x"] = {}
        inner = inner["x"]
    inner["note"] = "nothing to hide"
    assert scrub(deep)[1] == []
    inner["apiKey"] = "plain-deep-secret"
    with pytest.raises(InvalidInput):
        scrub(deep)
