"""Which embedder the settings choose, and the hashed fallback's contract."""

from __future__ import annotations

import sys

import numpy as np

from lib import embeddings


def test_local_without_a_key(settings_env):
    assert embeddings.resolve() == "local"
    assert embeddings.describe() == {"kind": "local", "name": "local:all-MiniLM-L6-v2", "dim": 384}
    assert embeddings.get_embedder().name == "local:all-MiniLM-L6-v2"


def test_openai_with_a_key(settings_env):
    settings_env(OPENAI_API_KEY="sk-test", EMBEDDING_MODEL="text-embedding-3-small")
    assert embeddings.describe() == {"kind": "openai", "name": "openai:text-embedding-3-small", "dim": 1536}
    emb = embeddings.get_embedder()
    assert (emb.name, emb.dim) == ("openai:text-embedding-3-small", 1536)
    assert "sk-test" not in repr(embeddings.describe())


def test_hashed_when_the_model_is_missing(monkeypatch):
    monkeypatch.setattr(embeddings, "local_model_installed", lambda: False)
    assert embeddings.resolve() == "hashed"


def test_hashed_is_deterministic_and_normalised():
    emb = embeddings.get_embedder("hashed")
    a = emb.embed(["Post BTC to #crypto", "post btc to #crypto", ""])
    assert a.shape == (3, 384) and a.dtype == np.float32
    assert np.array_equal(a[0], a[1])  # case-insensitive
    np.testing.assert_allclose(np.linalg.norm(a[:2], axis=1), 1.0, atol=1e-6)
    assert not a[2].any()


def test_importing_loads_nothing_heavy():
    import subprocess

    code = "import sys, lib.embeddings as e; e.describe(); print(sorted(m for m in ('numpy','openai','tokenizers') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
