"""Which `<…>` tags JUL25 Sim's resolver tries to resolve in a block's input values.

Sim's resolver (executor/resolver, commit 2f57d8a884f0) scans every string input of a block with
`/<([^>]+)>/g` — not only `<name.field>`: `<b>`, `<br>` and `< b && c >` match too. It skips a
match that starts with `<variable.` or whose first segment (before the first dot) holds a `:`,
and in an `api` block it leaves the whole value alone when it looks like XML (`<?xml`, `xmlns:`,
`</`, or any match with `:`, `=`, a space, `/` or no dot). Every other match must name a block
(by id or normalized name), `start`, or `loop`/`parallel` from inside one; else the run stops
with 'Block "…" was not found'.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from lib.sim.names import RUNTIME_PREFIXES, normalize_name

# Block names repeat across states (Agent 1, Start, ...): normalize each spelling once.
normalized_name = lru_cache(maxsize=8192)(normalize_name)
_MATCH = re.compile(r"<([^>]+)>")
_VARIABLE = re.compile(r"<variable\.[^>]+>")
_XML_HINTS = ("<?xml", "xmlns:", "</")


class Tag(NamedTuple):
    """One match Sim resolves: its text, where it is, and the block reference (first segment)."""

    text: str
    start: int
    end: int
    ref: str


def _looks_xml(inner: str) -> bool:
    return ":" in inner or "=" in inner or " " in inner or "/" in inner or "." not in inner


@lru_cache(maxsize=8192)
def resolved_tags(text: str, block_type: str) -> tuple[Tag, ...]:
    """The tags in `text` that Sim's resolver resolves for a block of `block_type` (cached)."""
    if "<" not in text or ">" not in text:
        return ()
    if block_type == "api" and any(hint in text for hint in _XML_HINTS):
        return ()
    matches = list(_MATCH.finditer(text))
    if block_type == "api" and any(_looks_xml(m.group(1)) for m in matches):
        return ()
    found = []
    for m in matches:
        inner = m[1]
        if inner.startswith("variable."):
            continue
        ref = inner.split(".", 1)[0]
        if ":" in ref:
            continue
        start, end = m.span()
        found.append(_new_tag(Tag, (m[0], start, end, ref)))  # Tag(...) without its Python __new__
    return tuple(found)


_new_tag = tuple.__new__


def substitute(text: str, block_type: str, placeholder: str) -> str:
    """`text` with every tag Sim resolves (and `<variable.…>`) replaced by `placeholder`."""
    if "<" not in text:
        return text
    if block_type != "api":  # (an api block's XML-looking text keeps its tags)
        refs = refs_in(text)
        if only_references(text, len(refs)):
            # The tags are the references: each written form is a tag wherever it stands.
            for ref in refs:
                text = text.replace(f"<{ref.block}.{ref.path}>", placeholder)
            return text
    tags = resolved_tags(text, block_type)
    if not tags and "<variable." not in text:
        return text
    out, last = [], 0
    for tag in tags:
        out.append(text[last : tag.start])
        out.append(placeholder)
        last = tag.end
    out.append(text[last:])
    joined = "".join(out)
    return _VARIABLE.sub(placeholder, joined) if "<variable." in joined else joined


class Ref(NamedTuple):
    """One `<block.path>` in a text: as written, its normalized name and top-level field."""

    block: str
    path: str
    name: str
    field: str


# REFERENCE_RE with the path split where `Ref.field` ends (its first segment, before any `[i]`
# or `.`): the same matches, read with `findall` instead of per-match calls.
_REFERENCE_PARTS = re.compile(r"<([\w\-]+)\.([\w\-]+)((?:\[\d+\])*(?:\.[\w\-]+(?:\[\d+\])*)*)>")


@lru_cache(maxsize=16384)
def refs_in(text: str) -> tuple[Ref, ...]:
    """The non-runtime `<name.path>` references of one string, in order (cached by text)."""
    found = []
    for block, field, rest in _REFERENCE_PARTS.findall(text):
        name = normalized_name(block)
        if name not in RUNTIME_PREFIXES:
            found.append(_new_tag(Ref, (block, field + rest, name, field)))
    return tuple(found)


def only_references(text: str, count: int) -> bool:
    """Whether the tags Sim resolves in `text` are exactly its `count` references (`refs_in`),
    in order, each with its block name as `Tag.ref`: true when every '<' before the text's last
    '>' opens one of them. Each such tag then ends at its reference's '>', and a '<' after the
    last '>' starts no tag; a runtime reference (`<loop.index>`) is not counted, so a text that
    holds one is left to `resolved_tags`. Callers judge the references' names without the scan."""
    return text.count("<", 0, text.rfind(">")) == count
