"""Turn a template into a workflow state: checked customizations applied, fresh ids, still valid.

Each customizable field names a JSON pointer into the template state and a type. A value is
checked against the type (and the field's allowed values, pattern, bounds) before it is written;
a bad one is an InvalidInput naming `body.customizations.<key>`, so the API answers 422.
A value keeps the JSON type the state already holds at its path (Sim stores most numbers in
short-inputs as strings). Setting a block name rewrites the `<name.field>` references to it.
"""

from __future__ import annotations

import math
import re
import time
from functools import lru_cache
from typing import Any
from urllib.parse import urlparse

from lib.errors import InvalidInput
from lib.sim.names import normalize_name, replace_references
from lib.templates.models import CustomizableField, Template
from lib.templates.reid import regenerate_ids

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_CHANNEL = re.compile(r"^(#[a-z0-9][a-z0-9._-]{0,79}|[CGD][A-Z0-9]{8,})$")
_CRON_FIELD = re.compile(r"^(\*|\d+(-\d+)?)(/\d+)?$")
_CRON_RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))
_CRON_NAMES = {
    3: {
        m: i + 1
        for i, m in enumerate(
            ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
        )
    },
    4: {d: i for i, d in enumerate(["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"])},
}
_MAX_STRING = 2000
_MAX_TEXT = 20000


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    import zoneinfo

    return frozenset(zoneinfo.available_timezones())


def _cron_ok(expr: str) -> bool:
    parts = expr.split()
    if len(parts) != 5:
        return False
    for index, part in enumerate(parts):
        lo, hi = _CRON_RANGES[index]
        names = _CRON_NAMES.get(index, {})
        for item in part.upper().split(","):
            for name, number in names.items():
                item = item.replace(name, str(number))
            if not _CRON_FIELD.match(item):
                return False
            bounds = [int(n) for n in re.findall(r"\d+", item.split("/")[0])]
            if any(n < lo or n > hi for n in bounds):
                return False
    return True


def _fail(field: CustomizableField, reason: str, value: Any) -> InvalidInput:
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
    return InvalidInput(
        f"customizations.{field.key} {reason} (got {shown})",
        field=f"body.customizations.{field.key}",
        details=[{"field": f"body.customizations.{field.key}", "reason": reason, "type": field.type}],
    )


def _check_text(field: CustomizableField, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(field, "must be a non-empty string", value)
    limit = _MAX_TEXT if field.type == "text" else _MAX_STRING
    if len(value) > limit:
        raise _fail(field, f"must be at most {limit} characters", value)
    return value


def _check_number(field: CustomizableField, value: Any) -> int | float:
    if field.type == "integer" and (isinstance(value, bool) or not isinstance(value, int)):
        raise _fail(field, "must be an integer", value)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _fail(field, "must be a number", value)
    if field.minimum is not None and value < field.minimum:
        raise _fail(field, f"must be at least {field.minimum:g}", value)
    if field.maximum is not None and value > field.maximum:
        raise _fail(field, f"must be at most {field.maximum:g}", value)
    return value


# Per type: a predicate on the (already non-empty string) value and the reason shown when it fails.
_STRING_CHECKS = {
    "time": (lambda v: bool(_TIME.match(v)), "must be a 24-hour time HH:MM"),
    "email": (lambda v: bool(_EMAIL.match(v)), "must be an email address"),
    "url": (
        lambda v: urlparse(v).scheme in ("http", "https") and bool(urlparse(v).netloc),
        "must be an http(s) URL",
    ),
    "channel": (lambda v: bool(_CHANNEL.match(v)), "must be a Slack channel (#name) or channel id (C…)"),
    "cron": (_cron_ok, "must be a 5-field cron expression (minute hour day month weekday)"),
    "timezone": (lambda v: v in _zones(), "must be an IANA timezone such as Europe/Berlin"),
}


def check_value(field: CustomizableField, value: Any) -> Any:
    """The value if it fits the field; InvalidInput naming `body.customizations.<key>` if not."""
    if field.type == "boolean":
        if not isinstance(value, bool):
            raise _fail(field, "must be true or false", value)
    elif field.type in ("integer", "number"):
        value = _check_number(field, value)
    elif field.type == "enum":
        if value not in (field.allowed or []):
            raise _fail(field, f"must be one of {', '.join(map(str, field.allowed or []))}", value)
    else:
        value = _check_text(field, value)
        check = _STRING_CHECKS.get(field.type)
        if check is not None and not check[0](value.strip()):
            raise _fail(field, check[1], value)
        if field.pattern is not None and not re.fullmatch(field.pattern, value):
            raise _fail(field, f"must match {field.pattern}", value)
    if field.allowed is not None and field.type != "enum" and value not in field.allowed:
        raise _fail(field, f"must be one of {', '.join(map(str, field.allowed))}", value)
    return value


def _tokens(path: str) -> list[str]:
    return [t.replace("~1", "/").replace("~0", "~") for t in path.split("/")[1:]]


def resolve(state: Any, path: str) -> tuple[Any, str | int]:
    """(container, key) of the JSON pointer `path`; KeyError when it does not exist."""
    node = state
    tokens = _tokens(path)
    for token in tokens[:-1]:
        node = node[int(token)] if isinstance(node, list) else node[token]
    last: str | int = int(tokens[-1]) if isinstance(node, list) else tokens[-1]
    if isinstance(node, list) and not 0 <= int(last) < len(node):
        raise KeyError(path)
    if isinstance(node, dict) and last not in node:
        raise KeyError(path)
    return node, last


def _stored(value: Any, current: Any) -> Any:
    # Keep the JSON type the state holds there: short-inputs store "15", not 15.
    if isinstance(current, str) and not isinstance(value, str):
        return ("true" if value else "false") if isinstance(value, bool) else str(value)
    return value


def _follow_renames(state: dict, before: dict[str, str]) -> None:
    blocks = state["blocks"]
    renamed = {
        normalize_name(old): normalize_name(blocks[bid]["name"])
        for bid, old in before.items()
        if normalize_name(old) != normalize_name(blocks[bid]["name"])
    }
    if not renamed:
        return
    names = [normalize_name(b["name"]) for b in blocks.values()]
    if len(names) != len(set(names)):
        raise InvalidInput(
            "a customized block name clashes with another block's name", field="body.customizations"
        )
    for block in blocks.values():
        block["subBlocks"] = replace_references(
            block.get("subBlocks", {}),
            lambda r: f"<{renamed[r.name]}.{r.path}>" if r.name in renamed else None,
        )


def apply(template: Template, customizations: dict[str, Any]) -> dict[str, Any]:
    """The template's state with the given values written at their fields' paths (a copy)."""
    fields = {f.key: f for f in template.customizable_fields}
    unknown = sorted(set(customizations) - set(fields))
    if unknown:
        raise InvalidInput(
            f"customizations.{unknown[0]} is not a field of template {template.name!r}; "
            f"it accepts {', '.join(fields) or 'none'}",
            field=f"body.customizations.{unknown[0]}",
        )
    state = template.model_copy(deep=True).state
    names = {bid: b["name"] for bid, b in state["blocks"].items()}
    for key, raw in customizations.items():
        field = fields[key]
        value = check_value(field, raw)
        container, slot = resolve(state, field.path)
        container[slot] = _stored(value, container[slot])
    _follow_renames(state, names)
    return state


def instantiate(template: Template, customizations: dict[str, Any] | None = None) -> dict[str, Any]:
    """A new workflow state from the template: customized, with fresh ids and a new save time."""
    state = apply(template, customizations or {})
    state, _ids = regenerate_ids(state)
    state["lastSaved"] = int(time.time() * 1000)
    return state
