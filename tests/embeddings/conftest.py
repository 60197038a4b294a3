"""The stand-in provider server for the OpenAI embedder's tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def standin():
    from lib.generation.standin import StandIn

    server = StandIn("127.0.0.1", 0).start()
    yield server
    server.stop()
