"""Input limits, checked before any work: nesting depth, numbers Sim can hold, text Postgres can hold.

Every document a caller sends (request bodies, uploaded JSON and YAML files, CSV JSON cells) is
read through `load_json`/`load_yaml`, or checked with `check`, so a hostile value is a 4xx naming
the field instead of a crash in the store or a state that can be stored but never read back:

- nesting deeper than `MAX_DEPTH` → 400 (Pydantic and the recursive validators fail far deeper);
- `NaN`, `Infinity`, `1e999` and integers beyond a double's range → 422 (Sim is JavaScript, and
  PostgreSQL's jsonb refuses the first three);
- lone surrogates (`\\ud800`) and NUL characters → 422 (not valid text for PostgreSQL);
- YAML aliases: the document is composed first and its *expanded* size measured on the node
  graph (memoised, so it costs what the text costs), before anything is constructed.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from lib.errors import InvalidInput, MalformedInput

__all__ = ["MAX_DEPTH", "MAX_YAML_NODES", "check", "has_long_digit_run", "load_json", "load_yaml"]

MAX_DEPTH = 64
"""Levels of objects/arrays in one document (Sim states need about 12)."""
MAX_YAML_NODES = 200_000
"""Nodes of a YAML document once its aliases are expanded."""
MAX_YAML_EXPANDED_CHARS = 8_000_000
"""Characters of scalars of a YAML document once its aliases are expanded."""
_MAX_INT_BITS = 1024  # a double's range: past it JavaScript reads Infinity
_MAX_NUMBER_CHARS = 400
_NOT_A_NUMBER = "is not a number Sim can hold (finite, in a double's range)"
_BAD_TEXT = re.compile("[\x00\ud800-\udfff]")


# Digit runs are looked for in one C pass: each ASCII digit byte becomes "0", every other byte a space
# (a JSON number's digits are ASCII; other digits only ever sit inside strings).
_DIGITS_AS_ZERO = bytes(0x30 if 0x30 <= i <= 0x39 else 0x20 for i in range(256))
_LONG_RUN = b"0" * 16


def has_long_digit_run(raw: bytes) -> bool:
    """Whether JSON text holds 16 or more digits in a row: where orjson, which reads integers past
    64 bits as floats, would not give the standard library's exact value."""
    return _LONG_RUN in raw.translate(_DIGITS_AS_ZERO)


class _Refused:
    """A number the JSON parser met that no JavaScript or jsonb reader can hold."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _parse_float(text: str) -> Any:
    value = float(text)
    return value if math.isfinite(value) else _Refused(text)


def _parse_int(text: str) -> Any:
    if len(text) > _MAX_NUMBER_CHARS:
        return _Refused(text)
    value = int(text)
    return value if value.bit_length() <= _MAX_INT_BITS else _Refused(text)


def load_json(raw: bytes | str, *, field: str) -> Any:
    """Parse JSON (a UTF-8 BOM tolerated) and `check` it; syntax errors name line and column."""
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, (bytes, bytearray)) else raw
    except UnicodeDecodeError:
        raise MalformedInput(f"{field} is not UTF-8 text", field=field) from None
    try:
        value = json.loads(text, parse_float=_parse_float, parse_int=_parse_int, parse_constant=_Refused)
    except json.JSONDecodeError as exc:
        raise MalformedInput(
            f"{field} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
            field=field,
            details=[{"line": exc.lineno, "column": exc.colno}],
        ) from None
    except RecursionError:
        raise _too_deep(field) from None
    check(value, field)
    return value


def _too_deep(field: str) -> MalformedInput:
    parts = field.split(".")
    field = field if len(parts) <= 8 else ".".join(parts[:8]) + ".…"
    return MalformedInput(
        f"{field} is nested too deeply (more than {MAX_DEPTH} levels)",
        field=field,
        details=[{"field": field, "reason": f"nesting deeper than {MAX_DEPTH}", "type": "too_deep"}],
    )


def _refuse(where: str, reason: str, kind: str) -> InvalidInput:
    return InvalidInput(
        f"{where}: {reason}", field=where, details=[{"field": where, "reason": reason, "type": kind}]
    )


def _check_text(text: str, where: str) -> None:
    bad = _BAD_TEXT.search(text)
    if bad is None:
        return
    if bad.group() == "\x00":
        raise _refuse(where, "contains a NUL (\\u0000) character", "nul_character")
    raise _refuse(
        where, f"contains a lone surrogate (\\u{ord(bad.group()):04x}), which is not text", "lone_surrogate"
    )


def check(value: Any, field: str) -> None:
    """Walk a parsed document iteratively; raise for the first value that breaks a limit."""
    stack: list[tuple[str, Any, int]] = [(field, value, 0)]
    while stack:
        where, item, depth = stack.pop()
        if isinstance(item, dict):
            if depth >= MAX_DEPTH:
                raise _too_deep(where)
            for key, child in item.items():
                key_where = f"{where}.{key}" if isinstance(key, str) else f"{where}.{key!r}"
                if isinstance(key, str):
                    _check_text(key, where)
                stack.append((key_where, child, depth + 1))
        elif isinstance(item, (list, tuple)):
            if depth >= MAX_DEPTH:
                raise _too_deep(where)
            stack.extend((f"{where}.{i}", child, depth + 1) for i, child in enumerate(item))
        elif isinstance(item, str):
            _check_text(item, where)
        elif isinstance(item, _Refused):
            shown = item.text if len(item.text) <= 20 else f"{item.text[:12]}… ({len(item.text)} characters)"
            raise _refuse(
                where,
                f"{shown} {_NOT_A_NUMBER}",
                "number_out_of_range",
            )
        elif isinstance(item, float) and not math.isfinite(item):
            raise _refuse(
                where,
                f"{item} {_NOT_A_NUMBER}",
                "number_out_of_range",
            )
        elif isinstance(item, int) and not isinstance(item, bool) and item.bit_length() > _MAX_INT_BITS:
            raise _refuse(where, "the integer is beyond the range Sim can hold", "number_out_of_range")


def _expanded_size(root: Any) -> tuple[int, int]:
    """(nodes, scalar characters) of a composed YAML graph with every alias expanded, memoised."""
    import yaml

    memo: dict[int, tuple[int, int]] = {}
    visiting: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if id(node) in memo or (not ready and id(node) in visiting):
            continue
        if isinstance(node, yaml.ScalarNode):
            memo[id(node)] = (1, len(node.value))
            continue
        children = (
            [n for pair in node.value for n in pair]
            if isinstance(node, yaml.MappingNode)
            else list(node.value)
        )
        if not ready:
            visiting.add(id(node))
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in memo)
            continue
        nodes, chars = 1, 0
        for c in children:
            n, k = memo.get(id(c), (1, 0))  # a node still on the stack is a cycle: count it once
            nodes, chars = nodes + n, chars + k
        memo[id(node)] = (min(nodes, 1 << 62), min(chars, 1 << 62))
    return memo[id(root)]


def load_yaml(raw: bytes | str, *, field: str) -> Any:
    """Parse YAML safely: aliases bounded before expansion, then `check`. Syntax errors name line/column."""
    import yaml

    try:
        loader = yaml.SafeLoader(raw)
        try:
            node = loader.get_single_node()
            if node is not None:
                nodes, chars = _expanded_size(node)
                if nodes > MAX_YAML_NODES or chars > MAX_YAML_EXPANDED_CHARS:
                    raise _refuse(
                        field,
                        f"the YAML expands to {nodes:,} nodes and {chars:,} characters through its aliases;"
                        f" the limits are {MAX_YAML_NODES:,} and {MAX_YAML_EXPANDED_CHARS:,}",
                        "yaml_expansion",
                    )
            value = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "syntax error"
        raise MalformedInput(
            f"{field} is not valid YAML{where}: {problem}",
            field=field,
            details=[
                {"file": field, "line": mark.line + 1 if mark else None, "reason": f"invalid YAML: {problem}"}
            ],
        ) from None
    except RecursionError:
        raise _too_deep(field) from None
    except ValueError as exc:  # e.g. an integer over Python's 4,300-digit conversion limit
        raise _refuse(field, f"a value cannot be read: {type(exc).__name__}", "unreadable_value") from None
    check(value, field)
    return value
