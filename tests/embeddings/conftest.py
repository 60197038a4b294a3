"""The stand-in provider server for the OpenAI embedder's tests."""

from __future__ import annotations

from tests.generation.conftest import standin  # noqa: F401  (the same server fixture)
