"""Detection by value (each known format, in every kind of text) and by name, and what must stay out."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from keys import KEYS

from lib.secrets.detect import env_name, find_in_text, is_literal, is_secret_name, looks_random

EXPECTED_ENV = {
    "openai_api_key": "OPENAI_API_KEY",
    "anthropic_api_key": "ANTHROPIC_API_KEY",
    "stripe_secret_key": "STRIPE_SECRET_KEY",
    "stripe_restricted": "STRIPE_SECRET_KEY",
    "google_api_key": "GOOGLE_API_KEY",
    "slack_bot_token": "SLACK_BOT_TOKEN",
    "slack_user_token": "SLACK_USER_TOKEN",
    "github_token": "GITHUB_TOKEN",
    "github_pat": "GITHUB_TOKEN",
    "aws_access_key_id": "AWS_ACCESS_KEY_ID",
    "jwt": None,
}


_TEMPLATES = [
    "{k}",
    "Use the key {k} when you call the API.",
    "const key = '{k}';\nreturn fetch(url)",
    '{{"api": "{k}"}}',
    "https://api.example.com/v1?x=1&key={k}",
]


@pytest.mark.parametrize("kind", sorted(KEYS))
@pytest.mark.parametrize("template", _TEMPLATES)
def test_each_format_is_found_in_any_text(kind, template):
    key = KEYS[kind]
    text = template.format(k=key)
    hits = find_in_text(text)
    assert [h.value for h in hits] == [key], hits
    assert text[hits[0].start : hits[0].end] == key
    if "?" not in template:
        assert hits[0].env == EXPECTED_ENV[kind]


def test_bearer_basic_and_url_credentials():
    assert [h.value for h in find_in_text("Authorization: Bearer Zx81Qm2Rt9Vb4Nc8Kd1F")] == [
        "Zx81Qm2Rt9Vb4Nc8Kd1F"
    ]
    assert [h.value for h in find_in_text("Basic dXNlcjpwYXNzd29yZDEyMw==")] == ["dXNlcjpwYXNzd29yZDEyMw=="]
    assert [h.value for h in find_in_text("postgres://app:s3cr3t-pw@db.internal:5432/x")] == ["s3cr3t-pw"]


def test_a_password_stated_in_prose():
    assert [h.value for h in find_in_text("Post the report to #ops; the password is hunter2hunter2")] == [
        "hunter2hunter2"
    ]
    assert find_in_text("Reset the password when it expires, then email the user") == []


def test_url_query_by_name_and_by_randomness():
    hits = find_in_text("https://x.io/a?token=plainvalue&limit=10&sig=Qx7Lm2Rt9Vb4Nc8Kd1Fg5Hj3&q=cats")
    assert [(h.value, h.label) for h in hits] == [
        ("plainvalue", "token"),
        ("Qx7Lm2Rt9Vb4Nc8Kd1Fg5Hj3", "sig"),
    ]


def test_assignments_in_json_bodies_and_code():
    body = '{"password": "hunter2", "api_key": "k3y-value", "user": "ann", "maxTokens": "100"}'
    assert [(h.value, h.label) for h in find_in_text(body)] == [
        ("hunter2", "password"),
        ("k3y-value", "api_key"),
    ]
    code = 'client_secret = "abc123def"\nconst name = "Ann Example";'
    assert [h.value for h in find_in_text(code)] == ["abc123def"]


def test_references_are_never_secrets():
    for text in (
        "Bearer {{CLEARBIT_API_KEY}}",
        "Basic {{AUTH}}",
        '{"api_key": "{{OPENAI_API_KEY}}", "token": "<start.token>"}',
        "https://x.io/a?key={{GOOGLE_API_KEY}}&token=<agent1.content>",
        "password = '<start.password>'",
    ):
        assert find_in_text(text) == [], text
    assert not is_literal("{{X}}") and not is_literal("Bearer {{X}}") and not is_literal("<a.b>")
    assert not is_literal("••••••") and not is_literal("your-api-key") and is_literal("hunter2")


@pytest.mark.parametrize(
    "text",
    [
        "3f2504e0-4f89-11d3-9a0c-0305e82c3301",  # UUID (Sim block ids)
        "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678",  # a git sha
        "agent1",
        "Summarize the following customer email and draft a polite reply in the same language.",
        "If the order total exceeds 500 USD, route it to manual review; otherwise approve it.",
        "Compare <agent1.content> with <api1.data.items[0].title> and {{THRESHOLD}}.",
        "https://docs.google.com/document/d/1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms/edit",
        "getUserAccountBalanceForTransactionHistory2024",
        "The sk-learn style models and the xox pattern are fine to mention.",
        "Generate a webhook secret: `openssl rand -hex 32`",
        "Token: see the settings page",
        "return data.items.map(item => item.title).filter(Boolean).slice(0, 10)",
    ],
)
def test_false_positives_stay_out(text):
    assert find_in_text(text) == [], find_in_text(text)


def test_names():
    for name in (
        "apiKey",
        "api_key",
        "botToken",
        "password",
        "client_secret",
        "Authorization",
        "X-API-Key",
        "token",
    ):
        assert is_secret_name(name), name
    for name in (
        "maxTokens",
        "tokens",
        "credential",
        "pageToken",
        "secretHeaderName",
        "requireAuth",
        "name",
        "id",
    ):
        assert not is_secret_name(name), name


def test_randomness_and_env_names():
    assert looks_random("Qx7Lm2Rt9Vb4Nc8Kd1Fg5Hj3")
    assert not looks_random("ThisIsAnOrdinaryIdentifier1234")
    assert not looks_random("3f2504e04f8911d39a0c0305e82c3301")
    assert env_name("Slack 1", "botToken") == "SLACK_1_BOT_TOKEN"
    assert env_name("API", "X-Api-Key") == "API_X_API_KEY"
    assert env_name(None, "") == "SECRET" and env_name("1st block", "key") == "SECRET_1ST_BLOCK_KEY"


def test_sim_exports_and_templates_hold_nothing_to_move():
    """False positives on real documents: Sim's own 11 exports (OAuth credential ids, UUIDs, prompts,
    code) and our 13 templates (with their customizable field lists) give no finding."""
    import json

    from lib.secrets import scrub

    root = Path(__file__).resolve().parents[2]
    files = sorted((root.parent / "shared" / "sim-examples").rglob("*.json"))
    files += sorted((root / "lib" / "templates" / "catalogue").glob("*.json"))
    assert len(files) >= 24
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        out, found = scrub(doc)
        assert found == [] and out == doc, (path.name, [f.public() for f in found])


def test_needles_found_in_one_scan_are_exactly_the_needles_in_the_text():
    import random

    from lib.secrets import detect

    needles = sorted({n for f in detect.formats() for n in f.needles})
    pieces = needles + [n[:-1] for n in needles] + list("abcxyzSK-_:.@ ")
    rng = random.Random(1)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        assert detect._present_needles(text) == {n for n in needles if n in text}, text


def test_the_cheap_test_passes_every_text_with_a_hit():
    """`may_hold_secret` may only say no where `find_in_text` finds nothing (validation skips the
    search on its no): every format in every template, the examples above, and random mixes."""
    import random

    from lib.secrets import detect

    texts = [template.format(k=key) for key in KEYS.values() for template in _TEMPLATES]
    texts += [
        "Authorization: Bearer Zx81Qm2Rt9Vb4Nc8Kd1F",
        "Basic dXNlcjpwYXNzd29yZDEyMw==",
        "postgres://app:s3cr3t-pw@db.internal:5432/x",
        "the password is hunter2hunter2",
        '{"password": "hunter2", "api_key": "k3y-value"}',
        'client_secret = "abc123def"',
        "X-Api-Key: plainvalue1",
        "xoxb-1234-abcdefghij",
        "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----",
    ]
    needles = sorted({n for f in detect.formats() for n in f.needles})
    pieces = needles + list(KEYS.values()) + [k[:14] for k in KEYS.values()]
    pieces += [
        "password is ",
        "api_key = '",
        "Token ",
        "://",
        "@",
        "?sig=",
        ": ",
        "=",
        "'",
        " ",
        "\n",
        "é",
        "ſ",
    ]
    pieces += ["Qx7Lm2Rt9Vb4", "hunter2", "abc.def.ghi.jkl.mno.pqr", "12345678", "AA", "eyJabcdefgh."]
    rng = random.Random(7)
    for _ in range(20000):
        texts.append("".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))))
    for text in texts:
        assert not find_in_text(text) or detect.may_hold_secret(text), text
    for text in ("Summarize <agent1.content> in two sentences.", '{"v": "<agent0.content>", "n": 1}'):
        assert not detect.may_hold_secret(text)


def test_a_whole_value_is_named_by_the_format_find_in_text_reports_for_it():
    """`whole_format` (what names a secret kept under a secret name) searches formats only: it
    must give the hit `find_in_text` chooses when that hit spans the whole value and names a
    variable, and None otherwise — on every key, in and around the other formats' shapes."""
    import random

    from lib.secrets import detect

    needles = sorted({n for f in detect.formats() for n in f.needles})
    pieces = list(KEYS.values()) + [k[:14] for k in KEYS.values()] + needles
    pieces += [
        "Bearer ",
        "Token ",
        "Basic ",
        "dXNlcjpwYXNz",
        "eyJhbGciOiJIUzI1NiJ9.",
        "https://u:pw@x.io/",
        "?sig=",
    ]
    pieces += [
        "password is ",
        "Qx7Lm2Rt9Vb4Nc8Kd1Fg5Hj3",
        "12345678:AA",
        "0123456789abcdef" * 2,
        "-us12",
        " ",
        ".",
    ]
    rng = random.Random(23)
    values = list(KEYS.values()) + ["short", "Bearer " + KEYS["jwt"], KEYS["jwt"] + "x"]
    values += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 4))) for _ in range(20000)]
    for value in values:
        chosen = [h for h in find_in_text(value) if h.env and h.value == value]
        assert detect.whole_format(value) == (chosen[0] if chosen else None), value
