"""BERT's encoder written out in numpy, with the weights taken from the model's own ONNX graph.

The generic graph runner (`onnx_numpy`) spends a third of a sentence's time outside the matrix
products: ~300 operator calls, shape arithmetic, an erf in float64. This module runs the same
arithmetic directly: the query, key and value projections as one product (the scores' scale
folded into the query's weights), GELU with a float32 erf. The weights are the folded (int8 →
float32, once at load) constants of the graph, named by the bias each product feeds
(`…attention.self.query.bias` names the query weight), so nothing here depends on how the
exporter numbered its nodes. The vectors equal the graph runner's to float32 rounding (tests).

Texts go through in padded batches: (texts, width) token ids, every dense layer one product over
all their rows (each weight matrix read once per batch, BLAS on large contiguous float32
matrices), attention one batched product per group of texts with the padded keys masked out,
and the mean taken over each text's real tokens only. A text's vector therefore does not depend
on its batch beyond float32 rounding (tests: ≤ 1e-6).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

HIDDEN_PARTS = ("query", "key", "value")
# Attention scores computed at once, in floats (512 KB, in the L2 cache): a few texts at a time.
ATTENTION_FLOATS = 1 << 17


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


# erf by Abramowitz & Stegun 7.1.26 (absolute error ≤ 1.5e-7: below float32 noise after GELU and
# the layer norm that follows): erf(z) = 1 − t·(a1 + t·(a2 + …))·exp(−z²), t = 1/(1 + P·z), z ≥ 0.
ERF_P = 0.3275911
ERF_A = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)
# The up projection's weights are scaled by P/√2, so it yields v = P·u/√2 for the pre-activation u;
# GELU(u) = ½·u·(1 + erf(u/√2)) is then (v + |v| − |v|·q)/(√2·P), q = poly(t)·exp(−v²/P²), and the
# 1/(√2·P) is folded into the down projection's weights: no pass scales by 1/√2 or ½.
UP_SCALE = ERF_P / np.sqrt(2.0)
DOWN_SCALE = 1 / (np.sqrt(2.0) * ERF_P)
DENSE_ROWS = 256  # rows per dense step: BLAS runs near its peak, the step's arrays stay in cache
GELU_ROWS = 64  # rows per GELU step: its ~20 elementwise passes run in the L2 cache


def _gelu_scaled(v: np.ndarray, b: np.ndarray, t: np.ndarray, q: np.ndarray) -> None:
    """v ← v + |v| − |v|·q(|v|) in place (GELU of the unscaled pre-activation, times √2·P);
    b, t, q are scratch arrays of v's shape."""
    f = np.float32
    np.abs(v, out=b)
    np.add(b, f(1.0), out=t)
    np.divide(f(1.0), t, out=t)
    np.multiply(t, f(ERF_A[4]), out=q)
    for a in ERF_A[3::-1]:
        q += f(a)
        q *= t
    np.multiply(b, b, out=t)
    t *= f(-1 / ERF_P**2)
    np.exp(t, out=t)
    q *= t
    q *= b
    v += b
    v -= q


class _Scratch:
    """Work arrays of one forward pass, reused by every layer and step."""

    def __init__(self, rows: int, hidden: int, inner: int):
        self.mid = np.empty((rows, hidden), dtype=np.float32)
        self.inner = np.empty((rows, inner), dtype=np.float32)
        gelu = min(rows, GELU_ROWS)
        self.gelu = [np.empty((gelu, inner), dtype=np.float32) for _ in range(3)]


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
        self.hidden = self.words.shape[1]
        if self.hidden % heads:
            raise ValueError(f"hidden size {self.hidden} is not a multiple of {heads} heads")
        # The scores' 1/√(head size), folded into the query's weights and bias once.
        scale = np.ones(3 * self.hidden, dtype=np.float32)
        scale[: self.hidden] = np.float32(1 / np.sqrt(self.hidden // heads))
        self.layers: list[_Layer] = []
        i = 0
        while f"{prefix}encoder.layer.{i}.attention.self.query.bias" in constants:
            at = f"encoder.layer.{i}."
            self.layers.append(
                _Layer(
                    qkv_w=np.ascontiguousarray(
                        np.concatenate([w(at + f"attention.self.{part}") for part in HIDDEN_PARTS], axis=1)
                        * scale
                    ),
                    qkv_b=np.concatenate([p(at + f"attention.self.{part}.bias") for part in HIDDEN_PARTS])
                    * scale,
                    out_w=w(at + "attention.output.dense"),
                    out_b=p(at + "attention.output.dense.bias"),
                    ln1=(
                        p(at + "attention.output.LayerNorm.weight"),
                        p(at + "attention.output.LayerNorm.bias"),
                    ),
                    up_w=w(at + "intermediate.dense") * np.float32(UP_SCALE),
                    up_b=p(at + "intermediate.dense.bias") * np.float32(UP_SCALE),
                    down_w=w(at + "output.dense") * np.float32(DOWN_SCALE),
                    down_b=p(at + "output.dense.bias"),
                    ln2=(p(at + "output.LayerNorm.weight"), p(at + "output.LayerNorm.bias")),
                )
            )
            i += 1
        if not self.layers:
            raise ValueError("no BERT encoder layers found in the model graph")

    def pooled(self, ids: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """The mean of the last hidden state over each text's real tokens, for a padded batch.

        `ids` is (texts, width) int64: each row a text's token ids, padded (with any valid id)
        to the batch's width; `lengths` the real token counts. Padding gets no attention weight
        and no share of the mean, so a text's vector does not depend on its batch beyond float32
        rounding. Returns (texts, hidden) float32, not normalised.
        """
        count, width = ids.shape
        real = np.arange(width)[None, :] < lengths[:, None]
        x = self.words[ids.reshape(-1)]
        x += self.token_type
        x.reshape(count, width, self.hidden)[:] += self.positions[:width]
        x = _layer_norm(x, self.ln, self.eps)
        # -inf on padded keys: exp gives them exactly 0 (every row has real keys, so no NaN).
        mask = None if bool(real.all()) else np.where(real, np.float32(0), np.float32(-np.inf))
        scratch = _Scratch(min(len(x), DENSE_ROWS), self.hidden, self.layers[0].up_w.shape[1])
        for layer in self.layers:
            self._layer(x, layer, count, width, mask, scratch)
        weights = real / lengths[:, None].astype(np.float32)
        return np.matmul(weights.astype(np.float32)[:, None, :], x.reshape(count, width, self.hidden))[:, 0]

    def _layer(
        self, x: np.ndarray, layer: _Layer, count: int, width: int, mask: np.ndarray | None, s: _Scratch
    ) -> None:
        """One encoder layer over x's (texts · width, hidden) rows, in place; attention within
        each text, the dense parts DENSE_ROWS rows at a time."""
        h, heads = self.hidden, self.heads
        size = h // heads
        rows = len(x)
        qkv = np.empty((rows, 3 * h), dtype=np.float32)
        for a in range(0, rows, DENSE_ROWS):
            part = qkv[a : a + DENSE_ROWS]  # the scores' 1/√size is in the query's weights and bias
            np.matmul(x[a : a + DENSE_ROWS], layer.qkv_w, out=part)
            part += layer.qkv_b
        parts = qkv.reshape(count, width, 3, heads, size)
        context = np.empty((count, width, heads, size), dtype=np.float32)
        # Texts per attention product, so the (texts, heads, width, width) scores stay in cache.
        step = max(1, ATTENTION_FLOATS // (heads * width * width))
        for a in range(0, count, step):
            b = min(count, a + step)
            q = parts[a:b, :, 0].transpose(0, 2, 1, 3)  # (texts, heads, width, size)
            k = parts[a:b, :, 1].transpose(0, 2, 3, 1)  # (texts, heads, size, width)
            v = parts[a:b, :, 2].transpose(0, 2, 1, 3)
            scores = q @ k
            if mask is not None:
                scores += mask[a:b, None, None, :]
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            total = scores.sum(axis=-1, keepdims=True)
            context[a:b] = (scores @ v).transpose(0, 2, 1, 3) / total.transpose(0, 2, 1, 3)
        flat = context.reshape(rows, h)
        for a in range(0, rows, DENSE_ROWS):
            n = min(rows, a + DENSE_ROWS) - a
            y = np.matmul(flat[a : a + n], layer.out_w, out=s.mid[:n])
            y += layer.out_b
            y += x[a : a + n]
            _layer_norm(y, layer.ln1, self.eps)
            inner = np.matmul(y, layer.up_w, out=s.inner[:n])
            inner += layer.up_b
            for g in range(0, n, GELU_ROWS):
                m = min(n, g + GELU_ROWS) - g
                _gelu_scaled(inner[g : g + m], *(buf[:m] for buf in s.gelu))
            out = np.matmul(inner, layer.down_w, out=x[a : a + n])  # these rows of x are spent
            out += layer.down_b
            out += y
            _layer_norm(out, layer.ln2, self.eps)


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
