"""BERT's encoder written out in numpy, with the weights taken from the model's own ONNX graph.

The generic graph runner (`onnx_numpy`) spends a third of a sentence's time outside the matrix
products: ~300 operator calls, shape arithmetic, an erf in float64, masks for padding that a
lone text never has. This module runs the same arithmetic directly: the query, key and value
projections as one product, attention per text over its real tokens only, GELU with a float32
erf. The weights are the folded (int8 → float32, once at load) constants of the graph, named by
the bias each product feeds (`…attention.self.query.bias` names the query weight), so nothing
here depends on how the exporter numbered its nodes. The vectors equal the graph runner's to
float32 rounding (tests).

Several texts can go through at once: their tokens are stacked into one matrix for the dense
layers (each weight matrix is read from memory once per batch instead of once per text), while
attention stays within each text — no padding, so a text's vector does not depend on its batch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

HIDDEN_PARTS = ("query", "key", "value")


@dataclass
class _Layer:
    qkv_w: np.ndarray  # (hidden, 3·hidden): query | key | value
    qkv_b: np.ndarray
    out_w: np.ndarray
    out_b: np.ndarray
    ln1: tuple[np.ndarray, np.ndarray]
    up_w: np.ndarray
    up_b: np.ndarray
    down_w: np.ndarray
    down_b: np.ndarray
    ln2: tuple[np.ndarray, np.ndarray]


def _erf(x: np.ndarray) -> np.ndarray:
    """erf in float32 (Abramowitz & Stegun 7.1.26, absolute error ≤ 1.5e-7: below float32 noise
    after GELU and the layer norm that follows)."""
    a = np.abs(x)
    t = 1.0 / (1.0 + np.float32(0.3275911) * a)
    poly = t * (
        np.float32(0.254829592)
        + t
        * (
            np.float32(-0.284496736)
            + t * (np.float32(1.421413741) + t * (np.float32(-1.453152027) + t * np.float32(1.061405429)))
        )
    )
    np.multiply(a, a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    np.multiply(poly, a, out=a)
    np.subtract(np.float32(1.0), a, out=a)
    return np.copysign(a, x, out=a)


def _gelu(x: np.ndarray) -> np.ndarray:
    """0.5·x·(1 + erf(x/√2)), in place."""
    e = _erf(x * np.float32(1 / np.sqrt(2.0)))
    e += np.float32(1.0)
    e *= np.float32(0.5)
    x *= e
    return x


def _layer_norm(x: np.ndarray, norm: tuple[np.ndarray, np.ndarray], eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    x -= mean
    var = np.mean(x * x, axis=-1, keepdims=True)
    x /= np.sqrt(var + np.float32(eps))
    x *= norm[0]
    x += norm[1]
    return x


class Encoder:
    """all-MiniLM-L6-v2's (or any post-norm BERT's) encoder: token ids → last hidden state."""

    def __init__(self, constants: dict[str, Any], nodes: list[Any], heads: int):
        prefix = _prefix(constants)
        weight_of = _weights_by_bias(constants, nodes)

        def p(name: str) -> np.ndarray:
            return np.ascontiguousarray(constants[prefix + name], dtype=np.float32)

        def w(name: str) -> np.ndarray:
            return np.ascontiguousarray(weight_of[prefix + name + ".bias"], dtype=np.float32)

        self.eps = _epsilon(nodes)
        self.heads = heads
        self.words = p("embeddings.word_embeddings.weight")
        self.positions = p("embeddings.position_embeddings.weight")
        self.token_type = p("embeddings.token_type_embeddings.weight")[0]
        self.ln = (p("embeddings.LayerNorm.weight"), p("embeddings.LayerNorm.bias"))
        self.layers: list[_Layer] = []
        i = 0
        while f"{prefix}encoder.layer.{i}.attention.self.query.bias" in constants:
            at = f"encoder.layer.{i}."
            self.layers.append(
                _Layer(
                    qkv_w=np.ascontiguousarray(
                        np.concatenate([w(at + f"attention.self.{part}") for part in HIDDEN_PARTS], axis=1)
                    ),
                    qkv_b=np.concatenate([p(at + f"attention.self.{part}.bias") for part in HIDDEN_PARTS]),
                    out_w=w(at + "attention.output.dense"),
                    out_b=p(at + "attention.output.dense.bias"),
                    ln1=(
                        p(at + "attention.output.LayerNorm.weight"),
                        p(at + "attention.output.LayerNorm.bias"),
                    ),
                    up_w=w(at + "intermediate.dense"),
                    up_b=p(at + "intermediate.dense.bias"),
                    down_w=w(at + "output.dense"),
                    down_b=p(at + "output.dense.bias"),
                    ln2=(p(at + "output.LayerNorm.weight"), p(at + "output.LayerNorm.bias")),
                )
            )
            i += 1
        if not self.layers:
            raise ValueError("no BERT encoder layers found in the model graph")
        self.hidden = self.words.shape[1]
        if self.hidden % heads:
            raise ValueError(f"hidden size {self.hidden} is not a multiple of {heads} heads")

    def encode(self, texts: list[list[int]]) -> list[np.ndarray]:
        """The last hidden state of each text (tokens × hidden), texts stacked for the dense layers."""
        lengths = [len(ids) for ids in texts]
        ids = np.fromiter((t for ids in texts for t in ids), dtype=np.int64, count=sum(lengths))
        positions = np.concatenate([np.arange(n) for n in lengths]) if texts else np.empty(0, np.int64)
        x = self.words[ids] + self.token_type
        x += self.positions[positions]
        x = _layer_norm(x, self.ln, self.eps)
        bounds = np.cumsum([0, *lengths])
        spans = [(int(bounds[k]), int(bounds[k + 1])) for k in range(len(lengths))]
        for layer in self.layers:
            x = self._layer(x, layer, spans)
        return [x[a:b] for a, b in spans]

    def _layer(self, x: np.ndarray, layer: _Layer, spans: list[tuple[int, int]]) -> np.ndarray:
        h, heads = self.hidden, self.heads
        size = h // heads
        qkv = x @ layer.qkv_w
        qkv += layer.qkv_b
        context = np.empty_like(x)
        scale = np.float32(1 / np.sqrt(size))
        for a, b in spans:  # attention within each text, over its real tokens
            n = b - a
            q = qkv[a:b, :h].reshape(n, heads, size).transpose(1, 0, 2)
            k = qkv[a:b, h : 2 * h].reshape(n, heads, size).transpose(1, 2, 0)
            v = qkv[a:b, 2 * h :].reshape(n, heads, size).transpose(1, 0, 2)
            scores = q @ k
            scores *= scale
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context[a:b] = (scores @ v).transpose(1, 0, 2).reshape(n, h)
        attended = context @ layer.out_w
        attended += layer.out_b
        attended += x
        x = _layer_norm(attended, layer.ln1, self.eps)
        inner = x @ layer.up_w
        inner += layer.up_b
        out = _gelu(inner) @ layer.down_w
        out += layer.down_b
        out += x
        return _layer_norm(out, layer.ln2, self.eps)


def _prefix(constants: dict[str, Any]) -> str:
    """What the exporter put before BERT's parameter names (`inner.` here)."""
    for name in constants:
        if name.endswith("embeddings.word_embeddings.weight"):
            return name[: -len("embeddings.word_embeddings.weight")]
    raise ValueError("no word embeddings in the model graph")


def _weights_by_bias(constants: dict[str, Any], nodes: list[Any]) -> dict[str, np.ndarray]:
    """bias name → the weight of the MatMul whose output that bias is added to."""
    matmul_weight = {
        node.outputs[0]: constants[node.inputs[1]]
        for node in nodes
        if node.op == "MatMul" and node.inputs[1] in constants
    }
    found: dict[str, np.ndarray] = {}
    for node in nodes:
        if node.op != "Add":
            continue
        product, bias = node.inputs
        if product in matmul_weight and bias in constants:
            found[bias] = matmul_weight[product]
    return found


def _epsilon(nodes: list[Any]) -> float:
    eps = {float(n.attrs.get("epsilon", 1e-5)) for n in nodes if n.op == "LayerNormalization"}
    if len(eps) != 1:
        raise ValueError(f"expected one layer-norm epsilon in the graph, found {sorted(eps)}")
    return eps.pop()
