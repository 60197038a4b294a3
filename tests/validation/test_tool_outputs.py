"""lib/validation/tool_outputs.json: every entry names a JUL25 block type and operation that exist,
its first keys are the ones the registry declares, and it is written in the shape language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lib.sim.registry import get_block, jul25_types

SHAPES = json.loads((Path(__file__).resolve().parents[2] / "lib/validation/tool_outputs.json").read_text())
ENTRIES = sorted((t, op) for t, ops in SHAPES.items() if t != "_about" for op in ops)


def _well_formed(shape) -> bool:
    """{} a plain value, '*' anything beneath, a dict of shapes, or [item shape]."""
    if shape == "*":
        return True
    if isinstance(shape, list):
        return len(shape) == 1 and _well_formed(shape[0])
    return isinstance(shape, dict) and all(isinstance(k, str) and _well_formed(v) for k, v in shape.items())


def test_the_file_says_where_it_comes_from():
    assert "2f57d8a884f0" in SHAPES["_about"] and "transformResponse" in SHAPES["_about"]
    assert len(ENTRIES) >= 60


@pytest.mark.parametrize(("block_type", "operation"), ENTRIES)
def test_each_entry_names_a_jul25_operation_and_its_declared_first_keys(block_type, operation):
    assert block_type in jul25_types()
    spec = get_block(block_type)
    assert spec is not None and spec.category == "tools"
    op = spec.operations.get(operation)
    assert op is not None, f"{block_type} has no operation {operation}"
    shape = SHAPES[block_type][operation]
    assert _well_formed(shape)
    if op.outputs == "list":
        assert isinstance(shape, list)
        return
    if shape == "*":  # the service's whole answer passed through: Sim's code names no keys
        assert op.outputs is None
        return
    assert isinstance(shape, dict)
    declared = set(op.outputs) if isinstance(op.outputs, list) else set(spec.outputs)
    assert set(shape) == declared
