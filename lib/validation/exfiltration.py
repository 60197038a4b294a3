"""Secrets sent to hosts that are not their provider's (an `api` block carrying {{ENV_VAR}}s).

A `{{NAME}}` in the URL, a header/param row or the body of an `api` block travels to the URL's
host. When NAME contains a provider word with known hosts (`ANTHROPIC_API_KEY` → api.anthropic.com,
see `secret_hosts.json`), any other host is an error: the key would leak. A secret-looking NAME
whose provider words are unknown and do not appear in the host is a warning: check it is meant
for that service. Provider hosts are data, not code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import orjson

from lib.sim.names import ENV_REF, escape_pointer
from lib.validation.scan import key_value_rows

FIELDS = ("url", "headers", "params", "body")  # what an api block sends
_SECRET_WORDS = re.compile(r"(KEY|TOKEN|SECRET|PASSWORD|PASSPHRASE|AUTH|BEARER|CREDENTIALS?|SID)$")


class Leak(NamedTuple):
    """A secret variable on its way to a host: which field, which variable, where to, how bad."""

    field: str
    suffix: str
    variable: str
    host: str
    severity: str
    allowed: tuple[str, ...]


@cache
def _data() -> dict[str, Any]:
    return json.loads((Path(__file__).resolve().parent / "secret_hosts.json").read_text())


def _words(variable: str) -> list[str]:
    return [w for w in variable.upper().split("_") if w]


def _host_allowed(host: str, allowed: list[str] | tuple[str, ...]) -> bool:
    return any(host == h or host.endswith("." + h) for h in allowed)


def host_of(url: Any) -> str | None:
    """The literal host of a URL value; None when absent or built from references/variables."""
    if not isinstance(url, str) or not url.strip():
        return None
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if not host or "{" in host or "<" in host or "__" in host:
        return None
    return host.lower()


@lru_cache(maxsize=4096)
def judge(variable: str, host: str) -> tuple[str, tuple[str, ...]] | None:
    """(severity, the provider's hosts) when sending `variable` to `host` is suspect, else None."""
    words = _words(variable)
    if not words or not _SECRET_WORDS.search(words[-1]):
        return None  # not a credential (e.g. SHOPIFY_STORE_DOMAIN)
    providers = _data()["providers"]
    known = [providers[w] for w in words if w in providers]
    if known:
        allowed = tuple(h for hosts in known for h in hosts)
        return None if _host_allowed(host, allowed) else ("error", allowed)
    skip = set(_data()["not_provider_words"])
    own = [w.lower() for w in words if w not in skip and not _SECRET_WORDS.fullmatch(w)]
    if not own or any(w in host for w in own) or _host_allowed(host, _data()["placeholder_hosts"]):
        return None
    return ("warning", ())


@lru_cache(maxsize=4096)
def may_leak(variable: str) -> bool:
    """False when `judge(variable, host)` is None whatever the host: not a credential's name, or
    a name with no provider word and no word of its own (`{{TOKEN}}`)."""
    words = _words(variable)
    if not words or not _SECRET_WORDS.search(words[-1]):
        return False
    providers = _data()["providers"]
    if any(w in providers for w in words):
        return True
    skip = set(_data()["not_provider_words"])
    return any(w not in skip and not _SECRET_WORDS.fullmatch(w) for w in words)


def _suspect_in(value: Any, depth: int) -> bool:
    """Whether some string inside `value` (as deep as `_collect_env` looks) holds a {{VAR}} that
    `may_leak`; True too when the value nests deeper than that (the full walk then decides)."""
    if isinstance(value, str):
        if "{{" in value:
            for match in ENV_REF.finditer(value):
                if may_leak(match.group("name")):
                    return True
        return False
    if depth > 64:
        return True
    if isinstance(value, dict):
        value = value.values()
    elif not isinstance(value, (list, tuple)):
        return False
    for item in value:
        if not isinstance(item, (bool, int, float)) and item is not None and _suspect_in(item, depth + 1):
            return True
    return False


def _suspect(value: Any) -> bool:
    """`_suspect_in(value, 0)`, asked of a container's JSON text (orjson, in C: a header table
    is serialized faster than Python walks it). Its `{{VAR}}`s are all in the text as written
    unless a string holds an escape (then the value is walked); a key's `{{VAR}}` can only add
    a name, which sends the value on to the full walk in `leaks`. A value too deep for the walk
    holds no `{{VAR}}` the walk would find either way."""
    if value is None or type(value) is str:
        return value is not None and _suspect_in(value, 0)
    rows = key_value_rows(value) if type(value) is list else None
    if rows is not None:  # a header or param table as Sim stores it: its texts are its strings
        for row in rows:
            for text in row:
                if "{{" in text and _suspect_in(text, 0):
                    return True
        return False
    try:
        text = orjson.dumps(value).decode()
    except (orjson.JSONEncodeError, TypeError):
        return _suspect_in(value, 0)
    if "{{" not in text:
        return False
    if "\\" in text:
        return _suspect_in(value, 0)
    return any(may_leak(match.group("name")) for match in ENV_REF.finditer(text))


def _env_strings(value: Any) -> tuple[list[tuple[str, str]], bool]:
    """The strings holding '{{' in a value, in document order, as (JSON pointer suffix, text), and
    whether any of them counts for the gate in `leaks`: reached through objects and arrays no
    deeper than 33 levels (tuples and deeper strings are walked for the findings, as
    `walk_strings` walks them, but do not open the gate)."""
    found: list[tuple[str, str]] = []
    gate = _collect_env(value, (), 0, True, found)
    return found, gate


def _collect_env(
    value: Any, path: tuple[Any, ...], depth: int, visible: bool, found: list[tuple[str, str]]
) -> bool:
    if depth > 64:  # as walk_strings: pathological nesting is not followed
        return False
    if isinstance(value, str):
        if "{{" in value:
            found.append(("".join("/" + escape_pointer(p) for p in path), value))
            return visible
        return False
    gate = False
    if isinstance(value, dict):
        inner = visible and depth <= 32
        for key, item in value.items():
            if not isinstance(item, (bool, int, float)) and item is not None:
                gate = _collect_env(item, (*path, key), depth + 1, inner, found) or gate
    elif isinstance(value, (list, tuple)):
        inner = visible and depth <= 32 and isinstance(value, list)
        for index, item in enumerate(value):
            if not isinstance(item, (bool, int, float)) and item is not None:
                gate = _collect_env(item, (*path, index), depth + 1, inner, found) or gate
    return gate


def may_send_secret(subs: dict[str, dict[str, Any]]) -> bool:
    """Whether `leaks` of an api block's subBlocks looks past its first test: some field holds a
    {{VAR}} that some host could make suspect (`_suspect`). The context asks it in its walk, so
    the secrets rule visits only the blocks where it holds."""
    for field in FIELDS:
        sub = subs.get(field)
        if sub is None:
            continue
        value = sub.get("value")
        if type(value) is str:  # the usual url or body: no '{{', nothing to look at
            if "{{" in value and _suspect_in(value, 0):
                return True
        elif value is not None and _suspect(value):
            return True
    return False


def leaks(values: dict[str, Any]) -> Iterator[Leak]:
    """Suspect secrets among an api block's values ({sub_id: value}), in field order."""
    if not any(_suspect(values.get(field)) for field in FIELDS):
        return  # no {{VAR}} that any host could make suspect: no paths or host to work out
    sent: list[tuple[str, list[tuple[str, str]]]] = []
    gate = False
    for field in FIELDS:
        value = values.get(field)
        if value is None or (isinstance(value, str) and "{{" not in value):
            continue  # nothing to send
        strings, visible = _env_strings(value)
        if strings:
            sent.append((field, strings))
            gate = gate or visible
    if not gate:
        return
    host = host_of(values.get("url"))
    if host is None:
        return
    for field, strings in sent:
        for suffix, text in strings:
            for match in ENV_REF.finditer(text):
                verdict = judge(match.group("name"), host)
                if verdict is not None:
                    yield Leak(field, suffix, match.group("name"), host, verdict[0], verdict[1])
