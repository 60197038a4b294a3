"""Fixtures for the deploy tests: the local server's answers to the probes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.deploy._probes import Probe, answer


@pytest.fixture
def local_answers(server, settings_env, store):
    """`local_answers(probes)` → {label: answer} from the whole local server.

    DATABASE_URL is set to the embedded server's own URI so that health reports the same
    database kind ("external") as a function that is handed that URI."""
    settings_env(DATABASE_URL=store.url())

    def run(items: list[Probe]) -> dict[str, dict[str, Any]]:
        results = {}
        for p in items:
            r = server.request(p.method, p.path, content=p.body or None, headers=p.headers)
            results[p.label] = answer(r.status_code, r.headers.get("content-type"), r.content)
        return results

    return run
