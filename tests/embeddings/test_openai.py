"""The OpenAI embedder through the real `openai` SDK against the stand-in server."""

from __future__ import annotations

import numpy as np
import pytest

from lib.embeddings import get_embedder


@pytest.fixture
def openai_env(standin, settings_env):
    settings_env(OPENAI_API_KEY="sk-standin-secret", OPENAI_BASE_URL=standin.url + "/v1")
    return standin


def test_embeds_through_the_sdk(openai_env):
    emb = get_embedder()
    vectors, tokens = emb.embed_counted(["post BTC to #crypto", "email me the report"])
    assert (emb.name, emb.dim) == ("openai:text-embedding-3-small", 1536)
    assert vectors.shape == (2, 1536) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert tokens > 0
    sent = openai_env.requests[-1]
    assert sent["path"].endswith("/v1/embeddings")
    assert sent["body"]["model"] == "text-embedding-3-small" and sent["body"]["dimensions"] == 1536
    assert np.array_equal(vectors, emb.embed(["post BTC to #crypto", "email me the report"]))


def test_provider_error_surfaces(openai_env):
    import openai

    openai_env.control(mode="500", times=5)
    with pytest.raises(openai.APIError):
        get_embedder().embed(["x"])
