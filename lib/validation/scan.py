"""Whether `lib.secrets.find` could report anything in a state's blocks, decided string by string.

The secrets rule needs `find`'s exact findings (their variable names depend on every `{{ENV}}` the
document already references), but on almost every state there are none. `Context` walks the
blocks once and asks `clean` of each string under the name `find` would judge it by; only when
some string is not certainly clean does the rule run `find` itself. The walk here mirrors
`lib.secrets.scrub._Walk` (which keys it descends, which names a value is judged under, an
object holding `blocks` walked as a state) and answers False for what it does not follow
(nesting past 32 levels, where scrub stops at 64): the exact walk then decides.

Clean texts are remembered (a bounded set, texts with no secret only), so the prompts, models
and `{{ENV}}` references that recur across states are judged once per process.
"""

from __future__ import annotations

import re
from typing import Any

import orjson

from lib.secrets import detect
from lib.sim.names import ENV_REF, REFERENCE_RE

_SCALARS = (bool, int, float, type(None))
_MAX_DEPTH = 32  # well inside scrub's 64: deeper values are left to the exact walk
_MAX_CACHED = 20_000
_MAX_TEXT = 512  # at most ≈ 10 MB of remembered text
# Texts in which `detect.find_in_text(text)` finds nothing, and texts for which
# `detect.secret_part` is None (what a value under a secret name is judged by).
CLEAN: set[str] = set()
_NO_PART: set[str] = set()
NAMES: dict[str, bool] = {}


def _remember(cache: set[str], text: str) -> None:
    if len(text) <= _MAX_TEXT:
        if len(cache) >= _MAX_CACHED:
            cache.clear()
        cache.add(text)


def _ids_field(field: Any) -> bool:
    """`scrub._ids_field`: fields that hold ids are not searched for random tokens."""
    key = str(field or "").replace("_", "").replace("-", "").lower()
    return key.endswith(("id", "ids")) or "credential" in key


def secret_name(name: Any) -> bool:
    """`detect.is_secret_name`, remembered for the few field and key names states use."""
    found = NAMES.get(name) if type(name) is str else None
    if found is None:
        found = detect.is_secret_name(name)
        if type(name) is str and len(NAMES) < _MAX_CACHED:
            NAMES[name] = found
    return found


def clean(text: str, field: Any, named: bool) -> bool:
    """True when `find` reports nothing for `text` kept under `field` (`named`: a secret name)."""
    if named and text not in _NO_PART:
        if detect.secret_part(text) is not None:
            return False
        _remember(_NO_PART, text)
    if len(text) < 8 or text in CLEAN:
        return True
    if detect.may_hold_secret(text):
        random_tokens = len(text) < 20 or not _ids_field(field)
        if detect.find_in_text(text, random_tokens=random_tokens):
            return False
        if not random_tokens:
            return True  # clean only for an ids field: not remembered
    _remember(CLEAN, text)
    return True


def all_clean(texts: list[tuple[str, Any]]) -> bool:
    """`clean(text, field, False)` for every (text, field), judged together: one JSON text of
    them all, in which `detect.json_may_hold_secret` finding nothing means `may_hold_secret` is
    False for each (so `find` reports nothing in any); otherwise each text goes to `clean`."""
    try:
        blob = orjson.dumps([text for text, _field in texts])
    except orjson.JSONEncodeError:  # a lone surrogate: judged text by text
        blob = b"://?"
    if detect.json_may_hold_secret(blob):
        return all(clean(text, field, False) for text, field in texts)
    if len(CLEAN) + len(texts) > _MAX_CACHED:
        CLEAN.clear()
    CLEAN.update([text for text, _field in texts if len(text) <= _MAX_TEXT])
    return True


def clean_value(value: Any, field: Any, named: bool, depth: int) -> bool:
    """`scrub._Walk.value` without the copy: True when no string inside holds a secret."""
    if isinstance(value, str):
        return clean(value, field, named)
    if type(value) in _SCALARS:
        return True
    if depth >= _MAX_DEPTH:
        return False
    if isinstance(value, list):
        for item in value:
            if type(item) not in _SCALARS and not clean_value(item, field, False, depth + 1):
                return False
        return True
    if isinstance(value, dict):
        return _clean_mapping(value, depth)
    return True


def _clean_state(state: dict[Any, Any], depth: int) -> bool:
    """`scrub._Walk.state`: an object with a `blocks` object inside a value (Slack's output schema
    has one) is walked as a state: subBlock values under their ids, other keys under their names."""
    from lib.sim.rows import spec_of

    for block in state["blocks"].values():
        if not isinstance(block, dict):
            continue
        spec = spec_of(block.get("type"))
        try:
            secret_ids = frozenset(getattr(spec, "secret_ids", None) or ())
        except Exception:
            secret_ids = frozenset()
        for key, item in block.items():
            if key == "subBlocks" and isinstance(item, dict):
                for sid, sub in item.items():
                    if not isinstance(sub, dict) or sub.get("type") == "oauth-input" or "value" not in sub:
                        continue
                    if not clean_value(sub["value"], sid, sid in secret_ids or secret_name(sid), depth + 4):
                        return False
            elif key == "id" or key == "type" or type(item) in _SCALARS:
                continue
            elif not clean_value(item, key, secret_name(key), depth + 2):
                return False
    for key, item in state.items():
        if key != "blocks" and not clean_value(item, key, secret_name(key), depth + 1):
            return False
    return True


def _clean_mapping(obj: dict[Any, Any], depth: int) -> bool:
    if isinstance(obj.get("blocks"), dict):
        return _clean_state(obj, depth)
    cells = obj.get("cells")
    if isinstance(cells, dict) and "Value" in cells:  # a Key/Value table row: only Value is judged
        for key, item in obj.items():
            if key != "cells" and not clean_value(item, key, False, depth + 1):
                return False
        header = cells.get("Key")
        field = header if isinstance(header, str) and header else "value"
        return clean_value(cells["Value"], field, secret_name(header), depth + 2)
    pair_name = obj.get("name") if isinstance(obj.get("name"), str) and "value" in obj else None
    for key, item in obj.items():
        if type(item) in _SCALARS:
            continue
        field = pair_name if key == "value" and pair_name else key
        named = type(item) is str and secret_name(field)
        if not clean_value(item, field, named, depth + 1):
            return False
    return True


_MASK = re.compile(r"^[•*]+$")
_MASK_CHARS = "•*"
_PLAIN: dict[str, bool] = {}


def plaintext(value: Any) -> bool:
    """What the secrets rule's by-name checks call a plain-text value: a non-empty literal, not an
    {{ENV}} / <block.field> reference, not an editor mask. Remembered per text (bounded): the
    `{{OPENAI_API_KEY}}` and `Bearer {{TOKEN}}` that fill secret fields recur across states."""
    if type(value) is not str:
        return isinstance(value, str) and _plaintext(value)
    found = _PLAIN.get(value)
    if found is None:
        found = _plaintext(value)
        if len(value) <= _MAX_TEXT:
            if len(_PLAIN) >= _MAX_CACHED:
                _PLAIN.clear()
            _PLAIN[value] = found
    return found


def _plaintext(value: str) -> bool:
    text = value.strip()
    if not text or (text[0] in _MASK_CHARS and _MASK.match(text)):
        return False
    # Each pattern only where its first character is (a cheap `in` before the search).
    return not (("{{" in text and ENV_REF.search(text)) or ("<" in text and REFERENCE_RE.search(text)))


def key_value_rows(value: list[Any]) -> list[tuple[str, str, str]] | None:
    """The (id, Key, Value) texts of a table as Sim stores it — a list of rows that are exactly
    {"id": text, "cells": {"Key": text, "Value": text}} — else None (the value is read as any
    other). Such a table's texts are its only strings; its keys hold no '<' and no '{{'."""
    rows = []
    for row in value:
        if type(row) is not dict or len(row) != 2:
            return None
        row_id, cells = row.get("id"), row.get("cells")
        if type(row_id) is not str or type(cells) is not dict or len(cells) != 2:
            return None
        key, text = cells.get("Key"), cells.get("Value")
        if type(key) is not str or type(text) is not str:
            return None
        rows.append((row_id, key, text))
    return rows
