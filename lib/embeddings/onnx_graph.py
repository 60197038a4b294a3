"""Read an ONNX file into plain Python + numpy, with no `onnx` or `protobuf` package.

onnxruntime (75 MB) and onnx (34 MB) would not fit beside the rest of a Vercel function
(250 MB), so the model file is decoded here from protobuf's wire format: only the fields a
static inference graph needs (nodes, attributes, initializers, graph inputs and outputs).
Field numbers are those of onnx.proto (ModelProto.graph = 7, GraphProto.node = 1, …).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Any

import numpy as np

# TensorProto.DataType → numpy dtype
DTYPES: dict[int, Any] = {
    1: np.float32,
    2: np.uint8,
    3: np.int8,
    5: np.int16,
    6: np.int32,
    7: np.int64,
    9: np.bool_,
    10: np.float16,
    11: np.float64,
}


@dataclass
class Node:
    op: str
    inputs: list[str]
    outputs: list[str]
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Graph:
    nodes: list[Node]
    initializers: dict[str, np.ndarray]
    inputs: list[str]
    outputs: list[str]


def _varint(buf: memoryview, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, pos
        shift += 7


def _fields(buf: memoryview):
    """Yield (field number, wire type, value) where value is an int or a memoryview slice."""
    pos, end = 0, len(buf)
    while pos < end:
        key, pos = _varint(buf, pos)
        num, wire = key >> 3, key & 7
        value: int | memoryview
        if wire == 0:
            value, pos = _varint(buf, pos)
        elif wire == 1:
            value, pos = buf[pos : pos + 8], pos + 8
        elif wire == 2:
            length, pos = _varint(buf, pos)
            value, pos = buf[pos : pos + length], pos + length
        elif wire == 5:
            value, pos = buf[pos : pos + 4], pos + 4
        else:
            raise ValueError(f"unsupported protobuf wire type {wire}")
        yield num, wire, value


def _signed(v: int) -> int:
    return v - (1 << 64) if v >= 1 << 63 else v


def _ints(wire: int, value: Any) -> list[int]:
    """A repeated int64 field: packed (wire 2) or one element (wire 0)."""
    if wire == 0:
        return [_signed(value)]
    out, pos = [], 0
    while pos < len(value):
        v, pos = _varint(value, pos)
        out.append(_signed(v))
    return out


def _floats(wire: int, value: Any) -> list[float]:
    if wire == 5:
        return [struct.unpack("<f", value)[0]]
    return list(struct.unpack(f"<{len(value) // 4}f", value))


def _tensor(buf: memoryview) -> tuple[str, np.ndarray]:
    dims: list[int] = []
    dtype, name, raw = 1, "", None
    floats: list[float] = []
    ints: list[int] = []
    for num, wire, value in _fields(buf):
        if num == 1:
            dims.extend(_ints(wire, value))
        elif num == 2:
            dtype = value
        elif num == 4:
            floats.extend(_floats(wire, value))
        elif num in (5, 7):  # int32_data, int64_data
            ints.extend(_ints(wire, value))
        elif num == 8:
            name = bytes(value).decode()
        elif num == 9:
            raw = bytes(value)
        elif num == 14 and value == 1:
            raise ValueError(f"tensor {name!r} keeps its data outside the file")
    np_type = DTYPES[dtype]
    if raw is not None:
        arr = np.frombuffer(raw, dtype=np.dtype(np_type).newbyteorder("<")).astype(np_type)
    elif floats:
        arr = np.asarray(floats, dtype=np_type)
    else:
        arr = np.asarray(ints, dtype=np_type)
    return name, arr.reshape(dims)


def _attribute(buf: memoryview) -> tuple[str, Any]:
    name, single, many = "", None, []
    for num, wire, value in _fields(buf):
        if num == 1:
            name = bytes(value).decode()
        elif num == 2:
            single = struct.unpack("<f", value)[0]
        elif num == 3:
            single = _signed(value)
        elif num == 4:
            single = bytes(value).decode()
        elif num == 5:
            single = _tensor(value)[1]
        elif num == 7:
            many.extend(_floats(wire, value))
        elif num == 8:
            many.extend(_ints(wire, value))
    return name, single if single is not None else many


def _node(buf: memoryview) -> Node:
    node = Node(op="", inputs=[], outputs=[])
    for num, _wire, value in _fields(buf):
        if num == 1:
            node.inputs.append(bytes(value).decode())
        elif num == 2:
            node.outputs.append(bytes(value).decode())
        elif num == 4:
            node.op = bytes(value).decode()
        elif num == 5:
            key, val = _attribute(value)
            node.attrs[key] = val
    return node


def _value_name(buf: memoryview) -> str:
    for num, _wire, value in _fields(buf):
        if num == 1:
            return bytes(value).decode()
    return ""


def load(data: bytes) -> Graph:
    """Decode a ModelProto's graph."""
    view = memoryview(data)
    graph_buf = next((v for num, _w, v in _fields(view) if num == 7), None)
    if graph_buf is None:
        raise ValueError("no graph in the ONNX file")
    graph = Graph(nodes=[], initializers={}, inputs=[], outputs=[])
    for num, _wire, value in _fields(graph_buf):
        if num == 1:
            graph.nodes.append(_node(value))
        elif num == 5:
            name, arr = _tensor(value)
            graph.initializers[name] = arr
        elif num == 11:
            graph.inputs.append(_value_name(value))
        elif num == 12:
            graph.outputs.append(_value_name(value))
    return graph
