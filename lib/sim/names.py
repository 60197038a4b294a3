"""Block names, `<block.path>` references, `{{ENV}}` references and JSON pointers.

Sim resolves references by *normalized* block name, so every room that renames, infers edges from,
or checks references (validation, import, templates, generation) must share one definition of
both the normalization and the reference syntax. It lives here.

`<start.field>` is an ordinary reference by name (the starter is named "Start"); callers that
resolve names also map `start` to the starter/start_trigger block when no block has that name,
as Sim does. Any field of a start block is valid (its input format is user-defined).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

__all__ = [
    "ENV_REF",
    "REFERENCE_RE",
    "RESERVED_NAMES",
    "RUNTIME_PREFIXES",
    "Reference",
    "escape_pointer",
    "find_references",
    "is_env_ref",
    "normalize_name",
    "pointer",
    "replace_references",
    "walk_strings",
]

# `<loop.index>`, `<parallel.currentItem>`, `<variable.x>` are resolved by the executor, not by name.
RUNTIME_PREFIXES = frozenset({"loop", "parallel", "variable"})
# Sim (HEAD) refuses these as block names because they would shadow the runtime prefixes.
RESERVED_NAMES = RUNTIME_PREFIXES

_SEGMENT = r"[\w\-]+(?:\[\d+\])*"
# `<name.path>`: no whitespace anywhere, at least one dot, so `<br>`, `<div class="a.b">` and
# `a < b.c` are never references.
REFERENCE_RE = re.compile(rf"<(?P<block>[\w\-]+)\.(?P<path>{_SEGMENT}(?:\.{_SEGMENT})*)>")
ENV_REF = re.compile(r"\{\{\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
# A value left for the user to fill, sent as written if nobody does: YOUR_SHOP in a URL, an Airtable
# PHONE_FIELD_ID in a path. Inside {{…}} the same letters name an environment variable instead.
PLACEHOLDER_RE = re.compile(r"(?<![{\w])(?:YOUR_[A-Z0-9_]*[A-Z0-9]|[A-Z][A-Z0-9_]*_FIELD_ID)\b(?!\s*\}\})")

_WHITESPACE = re.compile(r"\s+")


def normalize_name(name: Any) -> str:
    """Name as references spell it: lowercase, whitespace and dots removed ('' for non-strings)."""
    if not isinstance(name, str):
        return ""
    return _WHITESPACE.sub("", name).replace(".", "").lower()


def is_env_ref(value: Any) -> bool:
    """True when the whole value is one `{{NAME}}` reference (the accepted way to hold a secret)."""
    return isinstance(value, str) and ENV_REF.fullmatch(value.strip()) is not None


def escape_pointer(token: Any) -> str:
    """One RFC 6901 reference token: `~` → `~0`, `/` → `~1`."""
    text = token if isinstance(token, str) else str(token)
    if "~" not in text and "/" not in text:
        return text
    return text.replace("~", "~0").replace("/", "~1")


def pointer(*parts: Any) -> str:
    """JSON pointer from raw tokens, e.g. pointer('blocks', 'a/b', 'type') == '/blocks/a~1b/type'."""
    return "".join("/" + escape_pointer(p) for p in parts)


class Reference(NamedTuple):
    """One `<block.path>` found in a value.

    `block` is the name as written (compare with `normalize_name(ref.block)`), `path` the dotted
    field path, `pointer` the JSON pointer suffix of the string inside the walked value ('' when
    the value itself is the string).
    """

    block: str
    path: str
    pointer: str

    @property
    def name(self) -> str:
        return normalize_name(self.block)

    @property
    def field(self) -> str:
        """Top-level output key, e.g. 'result' for `<fn.result.items[0]>`."""
        head = self.path.split(".", 1)[0]
        return head.split("[", 1)[0]

    @property
    def runtime(self) -> bool:
        return self.name in RUNTIME_PREFIXES


def _walk_strings(value: Any, path: str, depth: int = 0) -> Iterator[tuple[str, str]]:
    if depth > 64:  # pathological nesting: stop rather than recurse forever
        return
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk_strings(item, f"{path}/{escape_pointer(key)}", depth + 1)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _walk_strings(item, f"{path}/{index}", depth + 1)


def walk_strings(value: Any) -> Iterator[tuple[str, str]]:
    """(JSON pointer suffix, text) of every string in a nested value, in document order."""
    return _walk_strings(value, "")


def find_references(value: Any, *, include_runtime: bool = False) -> list[Reference]:
    """All `<block.path>` references in a string or nested dict/list, in document order.

    Runtime references (`<loop.*>`, `<parallel.*>`, `<variable.*>`) are skipped unless asked for.
    """
    found: list[Reference] = []
    for where, text in _walk_strings(value, ""):
        if "<" not in text:
            continue
        for match in REFERENCE_RE.finditer(text):
            ref = Reference(match.group("block"), match.group("path"), where)
            if include_runtime or not ref.runtime:
                found.append(ref)
    return found


def replace_references(value: Any, rewrite: Callable[[Reference], str | None]) -> Any:
    """Copy of `value` with each reference replaced by `rewrite(ref)` (None keeps it as it is).

    Used to follow a block rename: `lambda r: f"<{new}.{r.path}>" if r.name == old else None`.
    """

    def _sub(text: str, where: str) -> str:
        if "<" not in text:
            return text

        def _one(match: re.Match[str]) -> str:
            new = rewrite(Reference(match.group("block"), match.group("path"), where))
            return match.group(0) if new is None else new

        return REFERENCE_RE.sub(_one, text)

    def _copy(item: Any, where: str, depth: int) -> Any:
        if depth > 64:
            return item
        if isinstance(item, str):
            return _sub(item, where)
        if isinstance(item, dict):
            return {k: _copy(v, f"{where}/{escape_pointer(k)}", depth + 1) for k, v in item.items()}
        if isinstance(item, list):
            return [_copy(v, f"{where}/{i}", depth + 1) for i, v in enumerate(item)]
        return item

    return _copy(value, "", 0)
