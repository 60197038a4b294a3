"""Browser fixtures for tests/web: one chromium (fresh profile) per test module, and a watched
page per test that records every error so the test can insist there were none."""

from __future__ import annotations

import pytest

from tests.web.browser import Watched, launched


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    with launched(tmp_path_factory.mktemp("chromium-profile")) as context:
        yield context


@pytest.fixture
def watched(browser_context):
    w = Watched(browser_context)
    yield w
    w.page.close()
