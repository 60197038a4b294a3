"""scrub's shortcuts change nothing: a container judged clean on its JSON text, quiet subBlocks
copied without a walk, `referenced_env` read off the text. Each is checked against the full walk
(or the former walk) on the golden states, Sim's export shapes and the same states with secrets
planted everywhere the walker looks, and `json_may_hold_secret` on strings built to trip it."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "imports"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "validation"))

import rowfixtures
import test_scan
from test_scan import _places

from lib.secrets import detect, referenced_env, scrub
from lib.sim.names import ENV_REF

scrub_module = sys.modules["lib.secrets.scrub"]
PLANTS = [
    *test_scan.PLANTS,
    "apiKey: 'abc123xyz'",
    "x-api-key: s3cr3tv4lue",
    "{{ OPENAI_API_KEY }}",
    "{{\nSTRIPE_KEY}}",
    "tab\tseparated\npass\nword: hunter22",
    "caf\u00e9 t\u043eken",
]
NAMES = [
    "apiKey",
    "api key",
    "API.KEY",
    "api\nkey",
    "client_secret",
    "value",
    "note",
    "tokens",
    "Key",
    "name",
]


def _states() -> list[Any]:
    """The golden states and the benchmark state (test_scan's), and Sim's export shape built from rows."""
    from lib.sim.rows import build_state

    states = test_scan._states()
    for n in range(3):
        wid = f"wf-{n}"
        rows, edges, subflows = (
            json.loads(json.dumps(rows_of))
            for rows_of in (
                rowfixtures._distinct(rowfixtures.triage_blocks(wid), n),
                rowfixtures.triage_edges(wid),
                rowfixtures.triage_subflows(wid),
            )
        )
        states.append(build_state(rows, edges, subflows, None, workflow_id=wid).state)
    return states


def _with(node: Any, path: tuple[Any, ...], secret: str, name: str, append: bool) -> Any:
    """`node` with `secret` planted at `path` (copied along it): under a new key `name` in an
    object, else in place of the string (or after it)."""
    if path:
        head, rest = path[0], path[1:]
        if isinstance(node, dict):
            return {**node, head: _with(node[head], rest, secret, name, append)}
        return [_with(v, rest, secret, name, append) if i == head else v for i, v in enumerate(node)]
    if isinstance(node, dict):
        return {**node, name: secret}
    return f"{node} {secret}" if append else secret


def _plant(state: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    path = rng.choice(_places(state))  # every string and object, blocks and edges and loops alike
    return _with(state, path, rng.choice(PLANTS), rng.choice(NAMES), rng.random() < 0.5)


def _slow(doc: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, list[Any]]:
    with monkeypatch.context() as m:
        m.setattr(scrub_module, "_json_clean", lambda value: False)
        out, found = scrub(doc)
    return orjson.dumps(out), found


def _walked_env(doc: Any) -> list[str]:
    """referenced_env as it was: a walk of every value (not keys), 64 levels deep."""
    names: set[str] = set()
    stack: list[tuple[Any, int]] = [(doc, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            names.update(m.group("name") for m in ENV_REF.finditer(value))
        elif depth < 64 and isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif depth < 64 and isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return sorted(names)


def test_shortcuts_give_the_walks_copy_and_findings(monkeypatch):
    rng = random.Random(11)
    states = _states()
    dicts = [s for s in states if isinstance(s, dict)]
    docs = [*states, *(_plant(rng.choice(dicts), rng) for _ in range(1500))]
    for doc in docs:
        before = orjson.dumps(doc)
        out, found = scrub(doc)
        assert orjson.dumps(doc) == before  # the input is untouched
        slow_out, slow_found = _slow(doc, monkeypatch)
        assert orjson.dumps(out) == slow_out  # same values, same key order
        assert found == slow_found
        assert referenced_env(doc) == _walked_env(doc)


def test_referenced_env_on_what_the_text_could_misread():
    docs = [
        {"a": "{{X}}", "b": ["{{ Y }}", {"c": "Bearer {{Z}} and {{W}}"}]},
        {"{{KEY_ONLY}}": "v", "k": "{{VALUE}}"},  # a key is not a reference
        {"k": "{{\nNEWLINE}}", "j": "{{\tTAB }}"},  # escapes inside the braces
        {"k": 'quote " then {{AFTER}}', "q": "back\\slash {{B2}}"},
        {"k": "no braces at all"},
        {"k": "{{not a name}} {{1BAD}} {{_OK}}"},
    ]
    for doc in docs:
        assert referenced_env(doc) == _walked_env(doc), doc
    # Past 64 levels and inside tuples the old walk did not look; the text sees them (JSON input
    # never nests so deep: `lib.limits` refuses it, and holds no tuples).
    deep = {"deep": json.loads("[" * 70 + '"{{DEEP}}"' + "]" * 70), "k": "{{TOP}}"}
    assert referenced_env(deep) == ["DEEP", "TOP"]
    assert referenced_env({"k": ("{{TUPLE}}",)}) == ["TUPLE"]


PIECES = [
    "a", "Z", "0", "_", "-", ".", " ", "\n", "\t", "\\", '"', "/", "=", "+", ":", "{{", "}}", "'",
    "key", "Key", "api", "API", "token", "tokens", "Token", "secret", "pass", "word", "Bearer ", "://",
    "sk-", "Qx7Lm2Rt9Vb4", "Nc8Kd1Fg5Hj3", "password", "is ", "apiKey", "x", "é", "\u0000", "ya29.",
    "?", "@", "&", "sig=", "pwd=", "bob:", "hunter22", "https://x.io/a",
]  # fmt: skip


def test_json_text_clean_means_every_string_clean():
    rng = random.Random(3)
    for _ in range(20_000):
        strings = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12))) for _ in range(3)]
        doc = {strings[0]: strings[1], "v": [strings[2]]}
        if not detect.json_may_hold_secret(orjson.dumps(doc)):
            for s in (*strings, "v"):
                assert not detect.is_secret_name(s), s
                assert detect.find_in_text(s) == [], s


@pytest.mark.parametrize(
    "url",
    ["https://x.io/hook?sig=abc123", "https://x.io/a?pwd=hunter2", "https://bob:hunter22@x.io/a"],
)
def test_credentials_in_a_url_are_scrubbed_like_find_reports_them(url):
    """Short query names (`sig`, `pwd`) and a password before `@` hold no secret name and no long
    token: the JSON-text shortcut must still send such a URL to the walk."""
    state = {
        "blocks": {
            "b1": {
                "id": "b1",
                "type": "api",
                "name": "API 1",
                "position": {"x": 0, "y": 0},
                "subBlocks": {"url": {"id": "url", "type": "short-input", "value": url}},
                "outputs": {},
                "enabled": True,
            }
        },
        "edges": [],
        "loops": {},
        "parallels": {},
    }
    out, found = scrub(state)
    value = out["blocks"]["b1"]["subBlocks"]["url"]["value"]
    assert len(found) == 1 and found[0].value not in value and "{{" in value


def test_name_parts_cover_every_secret_suffix():
    for suffix in detect._SECRET_SUFFIXES:
        assert any(part.decode() in suffix for part in detect._NAME_PARTS), suffix


def test_shared_quiet_parts_give_the_same_values_and_findings():
    """`share=True` (the import's own states): the same values and findings as the copy, and
    what it shares is only what had nothing to replace."""
    import copy

    rng = random.Random(17)
    dicts = [s for s in _states() if isinstance(s, dict)]
    docs = [*dicts, *(_plant(rng.choice(dicts), rng) for _ in range(1500))]
    for doc in docs:
        out, found = scrub(doc)
        own = copy.deepcopy(doc)
        shared, shared_found = scrub(own, share=True)
        assert shared == out and shared_found == found
        blocks = shared.get("blocks")
        for bid, block in blocks.items() if isinstance(blocks, dict) else ():
            if block is own["blocks"].get(bid):  # kept as it was: nothing in it was replaced
                assert block == doc["blocks"][bid]
        assert own == doc  # nothing is written into the input: replacements go to new containers


UUIDS = [
    "1758e31e-3514-46f1-a561-500e4eebb8fd",
    "ABCDEF01-2345-6789-ABCD-EF0123456789",
    "00000000-0000-0000-0000-000000000000",
]
UUID_PIECES = [
    *PIECES,
    *UUIDS,
    "fc-",
    "ACCA",
    "-",
    "sk-proj-",
    "Bearer ",
    ":AA",
    "12345678",
    "-us1",
    '"',
    "\\",
]


def _strings(node: Any) -> list[str]:
    """Every string of a document, keys and values."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in (k, *_strings(v))]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def test_uuids_are_no_secret_and_judged_without_them():
    """A string that is exactly a UUID holds no secret (`may_hold_secret` says so without the
    search), and the JSON-text shortcut judges a document without such strings — only whole
    ones: a UUID inside a longer string, or beside a quote, still counts as the run it is."""
    from lib.secrets.detect import find_in_text, is_secret_name, may_hold_secret

    rng = random.Random(29)
    for u in (
        UUIDS
        + [u.lower() for u in UUIDS]
        + ["-".join(f"{rng.getrandbits(4 * n):0{n}x}" for n in (8, 4, 4, 4, 12)) for _ in range(2000)]
    ):
        assert find_in_text(u) == [] and not may_hold_secret(u) and not is_secret_name(u), u
    checked = 0
    for _ in range(30_000):
        strings = ["".join(rng.choice(UUID_PIECES) for _ in range(rng.randint(1, 5))) for _ in range(4)]
        doc = {
            strings[0]: strings[1],
            rng.choice(UUIDS): [strings[2], rng.choice(UUIDS)],
            "k": {strings[3]: rng.choice(UUIDS)},
        }
        if not detect.json_may_hold_secret(orjson.dumps(doc)):
            checked += 1
            for s in _strings(doc):
                assert not is_secret_name(s), s
                assert find_in_text(s) == [], s
    assert checked > 1000
    for text in ("x" + UUIDS[0], UUIDS[0] + "0", "sk-proj-" + UUIDS[0], 'a"' + UUIDS[0]):
        assert detect.json_may_hold_secret(orjson.dumps({"v": text})), text
