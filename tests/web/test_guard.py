"""What every answer carries (404 and 405 included): a real request id, security headers, rate
limit headers; 401 says how to authenticate; 429 says when to retry; one JSON access line each."""

from __future__ import annotations

import json
import logging
import re
import sys
import uuid

import pytest
from starlette.testclient import TestClient

from lib.web.server import create_app

HEX_ID = re.compile(r"^[0-9a-f]{32}$")


@pytest.fixture
def from_address(store):
    """`from_address()` → a client of the whole local server from an address of its own."""
    made = []

    def make() -> TestClient:
        c = TestClient(
            create_app(), raise_server_exceptions=False, client=(f"203.0.113.{uuid.uuid4().hex}", 5)
        )
        made.append(c)
        return c

    yield make
    for c in made:
        c.close()


def _assert_defaults(r) -> None:
    rid = r.headers["x-request-id"]
    assert HEX_ID.match(rid), rid
    assert r.json()["request_id"] == rid
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert r.headers["cache-control"] == "no-store"


def test_unknown_route_and_wrong_method_have_a_real_request_id(server):
    for r in (
        server.get("/api/no-such-thing"),
        server.delete("/api/templates"),
        server.get("/api/workflows/x/y/z"),
    ):
        assert r.status_code in (404, 405)
        _assert_defaults(r)
    assert server.get("/api/nothing", headers={"x-request-id": "mine-1"}).headers["x-request-id"] == "mine-1"
    assert HEX_ID.match(
        server.get("/api/nothing", headers={"x-request-id": "bad id!"}).headers["x-request-id"]
    )


def test_401_says_bearer(server, settings_env):
    settings_env(AUTH_REQUIRED="true")
    for headers in ({}, {"authorization": "Bearer af_unknown"}, {"authorization": "Basic eDp5"}):
        r = server.get("/api/workflows", headers=headers)
        assert r.status_code == 401
        assert r.headers["www-authenticate"].startswith("Bearer")
        _assert_defaults(r)


def test_429_with_retry_after_and_ratelimit_headers(from_address, settings_env, one_rate_window):
    settings_env(RATE_LIMITS="true", RATE_LIMIT_PER_MINUTE="2")
    c = from_address()
    one_rate_window()
    ok = [c.get("/api/templates") for _ in range(2)]
    assert [r.status_code for r in ok] == [200, 200]
    assert [r.headers["ratelimit-remaining"] for r in ok] == ["1", "0"]
    r = c.get("/api/templates")
    assert r.status_code == 429
    _assert_defaults(r)
    assert r.json()["error"]["code"] == "rate_limited"
    assert int(r.headers["retry-after"]) == int(r.headers["ratelimit-reset"]) >= 1
    assert r.headers["ratelimit-limit"] == "2" and r.headers["ratelimit-remaining"] == "0"
    assert r.headers["ratelimit-policy"] == "2;w=60"
    # the limit is checked before anything else: a bad key or an unknown route is refused the same way
    assert c.get("/api/workflows", headers={"authorization": "Bearer af_nope"}).status_code == 429
    # health is never limited (it must answer within a second, counters or not)
    assert c.get("/api/health").status_code == 200


def test_generation_is_limited_more_strictly(from_address, settings_env, one_rate_window):
    settings_env(RATE_LIMITS="true", RATE_LIMIT_PER_MINUTE="50", RATE_LIMIT_LLM_PER_MINUTE="1")
    c = from_address()
    body = {"description": "Every morning email me a summary of new GitHub issues"}
    one_rate_window()
    assert c.post("/api/generate", json=body).status_code == 201
    refused = c.post("/api/generate", json=body)
    assert refused.status_code == 429 and refused.headers["ratelimit-limit"] == "1"
    assert c.get("/api/templates").status_code == 200


def test_one_json_access_line_per_request_without_bodies(server, caplog, tenant, api_key):
    caplog.set_level(logging.INFO, logger="agent_forge.access")
    key = api_key(tenant)
    secret_text = "a body that must not be logged 93f1"
    r = server.post(
        "/api/validate",
        json={"state": {"blocks": {}, "edges": [], "note": secret_text}},
        headers={"authorization": f"Bearer {key}", "x-request-id": "log-check-1"},
    )
    server.get("/api/no-route", headers={"x-request-id": "log-check-2"})
    from lib.web.logs import JsonLines

    lines = [
        json.loads(JsonLines().format(rec)) for rec in caplog.records if rec.name == "agent_forge.access"
    ]
    first = next(line for line in lines if line["request_id"] == "log-check-1")
    assert first["route"] == "/api/validate" and first["method"] == "POST"
    assert first["status"] == r.status_code and first["tenant"] == tenant
    assert isinstance(first["latency_ms"], float) and first["level"] == "info"
    missing = next(line for line in lines if line["request_id"] == "log-check-2")
    assert missing["status"] == 404 and missing["route"] == "(unknown)"
    assert secret_text not in caplog.text and key not in caplog.text


def test_a_logged_exception_keeps_only_its_type():
    from lib.web.logs import JsonLines

    try:
        raise ValueError("sk_live_do_not_log_me")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "crashed", None, sys.exc_info())
    line = json.loads(JsonLines().format(record))
    assert line["exception"] == "ValueError" and "sk_live" not in json.dumps(line)
