"""The stand-in provider server (Claude and OpenAI embeddings) for the cache tests, with the cache on."""

from __future__ import annotations

import pytest

from tests.generation.conftest import standin  # noqa: F401  (the same server fixture)


@pytest.fixture
def claude_env(standin, settings_env):  # noqa: F811
    settings_env(
        ANTHROPIC_API_KEY="sk-ant-standin-secret-key",
        ANTHROPIC_BASE_URL=standin.url,
        ANTHROPIC_MODEL="claude-sonnet-5-5",
        OPENAI_API_KEY="sk-openai-standin-secret-key",
        OPENAI_BASE_URL=standin.url + "/v1",
    )
    return standin
