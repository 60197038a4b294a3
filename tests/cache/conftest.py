"""The stand-in provider server (Claude and OpenAI embeddings) for the cache tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def standin():
    from lib.generation import circuit
    from lib.generation.standin import StandIn

    server = StandIn("127.0.0.1", 0).start()
    circuit.reset()
    yield server
    server.stop()
    circuit.reset()


@pytest.fixture
def claude_env(standin, settings_env):
    settings_env(
        ANTHROPIC_API_KEY="sk-ant-standin-secret-key",
        ANTHROPIC_BASE_URL=standin.url,
        ANTHROPIC_MODEL="claude-sonnet-5-5",
        OPENAI_API_KEY="sk-openai-standin-secret-key",
        OPENAI_BASE_URL=standin.url + "/v1",
    )
    return standin
