"""Run a decoded ONNX graph with numpy: the operators a BERT encoder exported by PyTorch uses.

Semantics follow the ONNX operator specification (opset 17). Nodes whose inputs are all
constants (the int8 → float dequantisation of the weights, shape arithmetic on constants) are
folded once when the runner is built, so a call only does the encoder's real work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from lib.embeddings.onnx_graph import DTYPES, Graph, Node

Op = Callable[[Node, list[Any]], list[Any]]


def _erf(x: np.ndarray) -> np.ndarray:
    """erf to ~1e-7 absolute error (Abramowitz & Stegun 7.1.26 is 1.5e-7): float32-exact enough."""
    # W. J. Cody's rational approximations would be tighter; this one is well below float32 noise
    # after the GELU's 0.5 * x * (1 + erf) and the following layer norm.
    sign = np.sign(x)
    a = np.abs(x).astype(np.float64)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return (sign * (1.0 - poly * np.exp(-a * a))).astype(x.dtype)


def _softmax(x: np.ndarray, axis: int) -> np.ndarray:
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def _layer_norm(node: Node, args: list[Any]) -> list[Any]:
    x, scale = args[0], args[1]
    bias = args[2] if len(args) > 2 and args[2] is not None else 0
    axis = node.attrs.get("axis", -1)
    eps = node.attrs.get("epsilon", 1e-5)
    axes = tuple(range(axis % x.ndim, x.ndim))
    mean = x.mean(axis=axes, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=axes, keepdims=True)
    return [((x - mean) / np.sqrt(var + eps)) * scale + bias]


def _reshape(node: Node, args: list[Any]) -> list[Any]:
    x, shape = args[0], [int(s) for s in args[1]]
    if not node.attrs.get("allowzero", 0):
        shape = [x.shape[i] if s == 0 else s for i, s in enumerate(shape)]
    return [x.reshape(shape)]


def _slice(node: Node, args: list[Any]) -> list[Any]:
    x, starts, ends = args[0], args[1], args[2]
    axes = args[3] if len(args) > 3 and args[3] is not None else range(len(starts))
    steps = args[4] if len(args) > 4 and args[4] is not None else [1] * len(starts)
    index = [slice(None)] * x.ndim
    for start, end, axis, step in zip(starts, ends, axes, steps, strict=True):
        dim = x.shape[int(axis)]
        start, end, step = int(start), int(end), int(step)
        start = max(min(start + dim if start < 0 else start, dim), 0)
        end = max(min(end + dim if end < 0 else end, dim), -1 if step < 0 else 0)
        index[int(axis)] = slice(start, end if end >= 0 else None, step)
    return [x[tuple(index)]]


def _shape(node: Node, args: list[Any]) -> list[Any]:
    shape = np.asarray(args[0].shape, dtype=np.int64)
    start, end = node.attrs.get("start", 0), node.attrs.get("end")
    return [shape[start:end]]


def _squeeze(node: Node, args: list[Any]) -> list[Any]:
    axes = args[1] if len(args) > 1 and args[1] is not None else node.attrs.get("axes")
    if axes is None:
        return [np.squeeze(args[0])]
    return [np.squeeze(args[0], axis=tuple(int(a) for a in axes))]


def _unsqueeze(node: Node, args: list[Any]) -> list[Any]:
    axes = args[1] if len(args) > 1 else node.attrs["axes"]
    x = args[0]
    rank = x.ndim + len(axes)
    for axis in sorted(int(a) % rank for a in axes):
        x = np.expand_dims(x, axis)
    return [x]


def _gather_nd(node: Node, args: list[Any]) -> list[Any]:
    data, indices = args
    if node.attrs.get("batch_dims", 0):
        raise NotImplementedError("GatherND with batch_dims")
    k = indices.shape[-1]
    flat = indices.reshape(-1, k)
    picked = np.stack([data[tuple(idx)] for idx in flat]) if len(flat) else np.empty((0,) + data.shape[k:])
    return [picked.reshape(indices.shape[:-1] + data.shape[k:])]


def _binary(fn: Callable[[Any, Any], Any]) -> Op:
    return lambda node, args: [fn(args[0], args[1])]


def _unary(fn: Callable[[Any], Any]) -> Op:
    return lambda node, args: [fn(args[0])]


def _div(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    if np.issubdtype(np.asarray(a).dtype, np.integer):
        return np.floor_divide(a, b)  # ONNX integer Div truncates; only non-negative shapes occur
    return a / b


OPS: dict[str, Op] = {
    "Add": _binary(np.add),
    "Sub": _binary(np.subtract),
    "Mul": _binary(np.multiply),
    "Div": _binary(_div),
    "Pow": _binary(lambda a, b: np.power(a, b).astype(a.dtype)),
    "MatMul": _binary(np.matmul),
    "Max": lambda node, args: [np.maximum.reduce(args)] if len(args) > 2 else [np.maximum(*args)],
    "And": _binary(np.logical_and),
    "Equal": _binary(np.equal),
    "GreaterOrEqual": _binary(np.greater_equal),
    "Sqrt": _unary(np.sqrt),
    "Erf": _unary(_erf),
    "IsNaN": _unary(np.isnan),
    "Not": _unary(np.logical_not),
    "Cast": lambda node, args: [np.asarray(args[0]).astype(DTYPES[node.attrs["to"]])],
    "Where": lambda node, args: [np.where(args[0], args[1], args[2])],
    "Softmax": lambda node, args: [_softmax(args[0], node.attrs.get("axis", -1))],
    "LayerNormalization": _layer_norm,
    "Reshape": _reshape,
    "Transpose": lambda node, args: [np.transpose(args[0], node.attrs.get("perm"))],
    "Slice": _slice,
    "Concat": lambda node, args: [np.concatenate(args, axis=node.attrs["axis"])],
    "Shape": _shape,
    "Squeeze": _squeeze,
    "Unsqueeze": _unsqueeze,
    "Gather": lambda node, args: [np.take(args[0], args[1], axis=node.attrs.get("axis", 0))],
    "GatherND": _gather_nd,
    "Range": lambda node, args: [np.arange(args[0], args[1], args[2]).astype(np.asarray(args[0]).dtype)],
    "Expand": lambda node, args: [args[0] * np.ones([int(s) for s in args[1]], dtype=args[0].dtype)],
    "Constant": lambda node, args: [node.attrs["value"]],
    "Identity": lambda node, args: [args[0]],
}


class Runner:
    """A graph with its constant part folded; `run(feeds)` returns the graph's outputs."""

    def __init__(self, graph: Graph):
        missing = sorted({n.op for n in graph.nodes} - OPS.keys())
        if missing:
            raise NotImplementedError(f"ONNX operators not supported: {', '.join(missing)}")
        self.inputs = [name for name in graph.inputs if name not in graph.initializers]
        self.outputs = graph.outputs
        values: dict[str, Any] = dict(graph.initializers)
        live: list[Node] = []
        for node in graph.nodes:
            if all(not name or name in values for name in node.inputs):
                for name, out in zip(node.outputs, self._call(node, values), strict=False):
                    values[name] = out
            else:
                live.append(node)
        needed = {name for node in live for name in node.inputs} | set(self.outputs)
        self.constants = {k: v for k, v in values.items() if k in needed}
        self.nodes = live

    @staticmethod
    def _call(node: Node, values: dict[str, Any]) -> list[Any]:
        args = [values[name] if name else None for name in node.inputs]
        return OPS[node.op](node, args)

    def run(self, feeds: dict[str, np.ndarray]) -> list[np.ndarray]:
        values: dict[str, Any] = {**self.constants, **feeds}
        for node in self.nodes:
            for name, out in zip(node.outputs, self._call(node, values), strict=False):
                values[name] = out
        return [values[name] for name in self.outputs]
