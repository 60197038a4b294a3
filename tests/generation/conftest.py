"""The stand-in provider server on an ephemeral port, and settings pointing the SDKs at it."""

from __future__ import annotations

import pytest


@pytest.fixture
def standin():
    from lib.generation import circuit
    from tests.generation.standin import StandIn

    server = StandIn("127.0.0.1", 0).start()
    circuit.reset()
    yield server
    server.stop()
    circuit.reset()


@pytest.fixture
def claude_env(standin, settings_env, monkeypatch):
    """ANTHROPIC_* settings aimed at the stand-in; backoff shortened so retries do not slow the suite."""
    from lib.generation import claude

    settings_env(
        ANTHROPIC_API_KEY="stand-in-key",
        ANTHROPIC_BASE_URL=standin.url,
        ANTHROPIC_MODEL="claude-sonnet-5-5",
        OPENAI_API_KEY="stand-in-key",
        OPENAI_BASE_URL=standin.url + "/v1",
        # The stand-in's failure switches apply to its next request, which the cache's embedding
        # call would take; these tests are about Claude. tests/cache covers cache + Claude.
        CACHE_ENABLED="false",
    )
    monkeypatch.setattr(claude, "BACKOFF_BASE_S", 0.01)
    return standin
