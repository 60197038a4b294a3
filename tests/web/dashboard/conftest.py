"""One `python -m lib serve` per test module (chromium: tests/web/conftest.py); each module's server answers
for a tenant of its own, so what the tests create never meets other tests' rows."""

from __future__ import annotations

import uuid

import httpx
import pytest

from tests.web.browser import served


@pytest.fixture(scope="module")
def tenant_name() -> str:
    return f"dash-{uuid.uuid4().hex[:10]}"


@pytest.fixture(scope="module")
def base_url(store, tenant_name):
    with served(DEFAULT_TENANT=tenant_name) as base:
        yield base


@pytest.fixture(scope="module")
def http(base_url):
    with httpx.Client(base_url=base_url, timeout=60) as client:
        yield client
