"""OpenAI embeddings through the official SDK, at a fixed dimension so stored vectors never change shape."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np

from lib.embeddings import OPENAI_DIM


class OpenAIEmbedder:
    dim = OPENAI_DIM

    def __init__(self, *, api_key: str, model: str, base_url: str | None = None, timeout_s: float = 30.0):
        self.model = model
        self.name = f"openai:{model}"
        self._api_key, self._base_url, self._timeout_s = api_key, base_url, timeout_s
        self._client: Any = None
        self._lock = threading.Lock()

    def _sdk(self) -> Any:
        with self._lock:
            if self._client is None:
                import openai

                self._client = openai.OpenAI(
                    api_key=self._api_key, base_url=self._base_url, timeout=self._timeout_s, max_retries=2
                )
            return self._client

    def embed_counted(self, texts: list[str]) -> tuple[np.ndarray, int]:
        """Vectors in input order, and the prompt tokens OpenAI billed."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32), 0
        response = self._sdk().embeddings.create(
            model=self.model, input=list(texts), dimensions=self.dim, encoding_format="float"
        )
        rows = sorted(response.data, key=lambda d: d.index)
        out = np.asarray([row.embedding for row in rows], dtype=np.float32)
        if out.shape != (len(texts), self.dim):
            raise RuntimeError(f"embedding answer of shape {out.shape}, expected {(len(texts), self.dim)}")
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        unit = out / np.where(norms > 0, norms, 1.0)
        tokens = int(getattr(response.usage, "prompt_tokens", 0) or 0)
        return unit.astype(np.float32), tokens

    def embed(self, texts: list[str]) -> np.ndarray:
        return self.embed_counted(texts)[0]
