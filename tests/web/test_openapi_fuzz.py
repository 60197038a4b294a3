"""Every operation in /api/openapi.json, fuzzed in-process with schemathesis.

Why: hand-written tests send the inputs we thought of; generated ones (valid and deliberately
invalid, plus schemathesis' boundary "coverage" cases) show that whatever a client sends gets a
documented answer, and that bad input is a clear 4xx JSON error in the one error shape, never a
5xx or a text error page. Derandomized and bounded per operation, on the real embedded database.

Not fuzzed: GET /api/openapi.json itself (schemathesis skips the operation that serves the
schema; loading the schema from it is the test of it).
"""

from __future__ import annotations

import json
import re
import zlib

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

# Object storage is not configured in tests, so these answer a documented 503 in the error shape:
# the only 5xx allowed, and only here.
_NEEDS_STORAGE = {("POST", "/api/imports"), ("POST", "/api/imports/{id}/run")}
_CONFORMANCE = [status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def api_schema(store):
    from lib.web.server import create_app

    schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app())
    schema.config.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], with_security_parameters=False
    )
    return schema


@pytest.fixture
def caller(store, tenant, api_key) -> dict:
    """A fresh tenant (generated writes meet no other test's data) holding one real workflow."""
    from starlette.testclient import TestClient

    from lib.web.server import create_app

    headers = {"Authorization": f"Bearer {api_key(tenant, 'admin')}"}
    template = "support-ticket-triage"
    with TestClient(create_app()) as c:
        created = c.post(f"/api/workflows/templates/{template}", json={}, headers=headers)
    assert created.status_code == 201, created.text
    return {"headers": headers, "real": {"id": created.json()["id"], "name": template}}


def _aim_at_real_resources(case, real: dict) -> None:
    """About half the cases name the real workflow/template, so fuzzed bodies and queries get past the 404."""
    if case.operation.method.upper() == "DELETE" or case.operation.path.startswith("/api/imports/"):
        return
    for param, value in (case.path_parameters or {}).items():
        if param in real and zlib.crc32(repr(value).encode()) % 2 == 0:
            case.path_parameters[param] = real[param]


lazy_schema = schemathesis.pytest.from_fixture("api_schema")


@lazy_schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
def test_every_operation_answers_bad_input_with_a_json_4xx(case, caller):
    key = (case.operation.method.upper(), case.operation.path)
    _aim_at_real_resources(case, caller["real"])
    checks = _CONFORMANCE if key in _NEEDS_STORAGE else [*_CONFORMANCE, not_a_server_error]
    response = case.call_and_validate(headers=dict(caller["headers"]), checks=checks)
    assert response.status_code < 500 or (key in _NEEDS_STORAGE and response.status_code == 503), (
        response.text
    )
    if response.status_code >= 400:
        assert response.headers["content-type"][0].startswith("application/json"), response.text
        _assert_error_shape(response.json())


def _assert_error_shape(body: dict) -> None:
    assert set(body) == {"error", "request_id"} and body["request_id"], body
    assert set(body["error"]) == {"code", "message", "field", "details"}, body
    assert body["error"]["code"] and body["error"]["message"], body


_DEEP = "[" * 5000 + "]" * 5000
_MULTIPART = "multipart/form-data; boundary=b"


# Inputs the fuzzer once turned into a 500 (it samples; these stay covered on every run).
@pytest.mark.parametrize(
    "method, path, kw, status",
    [
        ("POST", "/api/generate", {"json": {"description": "send a daily email", "category": "\u0000"}}, 422),
        ("GET", "/api/workflows", {"params": {"category": "a\x00"}}, 422),
        (
            "POST",
            "/api/workflows",
            {"json": {"name": "x", "state": {"blocks": {"a\u0000": {}}, "edges": []}}},
            422,
        ),
        ("GET", "/api/workflows/a%00b", {}, 404),
        ("DELETE", "/api/workflows/a%00b", {}, 404),
        ("POST", "/api/workflows", {"content": '{"name": "x", "state": ' + _DEEP + "}"}, 400),
        (
            "POST",
            "/api/workflows",
            {"content": "state: " + _DEEP, "headers": {"content-type": "application/yaml"}},
            400,
        ),
        ("POST", "/api/validate", {"content": '{"blocks": ' + _DEEP + "}"}, 400),
        (
            "POST",
            "/api/workflows/import",
            {"content": "blocks: " + _DEEP, "headers": {"content-type": "text/yaml"}},
            400,
        ),
        (
            "POST",
            "/api/workflows/import",
            {
                "content": '--b\r\nContent-Disposition: form-data; name="\u0100"\r\n\r\n'
                "null\r\n--b--\r\n".encode(),
                "headers": {"content-type": _MULTIPART},
            },
            422,
        ),
    ],
)
def test_inputs_the_fuzzer_found_get_a_json_4xx(server, method, path, kw, status):
    kw = {"headers": {"content-type": "application/json"} if "content" in kw else {}, **kw}
    response = server.request(method, path, **kw)
    assert response.status_code == status, response.text
    _assert_error_shape(response.json())


# -- hostile values, on every operation that takes a body -------------------------------------------
def _nested(depth: int) -> list:
    value: list = []
    for _ in range(depth - 1):
        value = [value]
    return value


_HOSTILE = {
    "nan": float("nan"),
    "infinity": float("inf"),
    "-infinity": float("-inf"),
    "overflow-float": "@1e999@",  # no Python float prints as 1e999: spliced into the text below
    "huge-int": 10**3999,
    "lone-surrogate": "\ud800",
    "nested-65": _nested(65),
    "nested-600": _nested(600),
}


def _bodies(operation, value) -> list:
    """The hostile value as every top-level property of the body, and deep inside a state."""
    content = (operation.definition.raw.get("requestBody") or {}).get("content", {})
    schema = (content.get("application/json") or {}).get("schema") or {}
    if "$ref" in schema:
        schema = operation.schema.raw_schema["components"]["schemas"][schema["$ref"].split("/")[-1]]
    bodies = [{"state": {"blocks": {"b1": {"id": "b1", "data": {"x": [value]}}}, "edges": []}}]
    bodies += [{prop: value} for prop in (schema.get("properties") or {})]
    return bodies


@pytest.mark.parametrize("kind", list(_HOSTILE))
def test_hostile_values_in_every_json_body_get_a_json_4xx(api_schema, caller, kind):
    """NaN, Infinity, out-of-range numbers, lone surrogates and deep nesting: never a 5xx."""
    real = {**caller["real"], "n": "1"}
    seen = 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        content = (operation.definition.raw.get("requestBody") or {}).get("content", {})
        if "application/json" not in content:
            continue
        key = (operation.method.upper(), operation.path)
        params = {p: real.get(p, "x") for p in re.findall(r"{(\w+)}", operation.path)}
        for body in _bodies(operation, _HOSTILE[kind]):
            # Raw JSON text: NaN and Infinity have no JSON spelling, so clients' encoders refuse them.
            raw = json.dumps(body).replace('"@1e999@"', "1e999").encode()
            case = operation.Case(body=raw, media_type="application/json", path_parameters=params)
            response = case.call(headers=dict(caller["headers"]))
            seen += 1
            if key in _NEEDS_STORAGE and response.status_code == 503:
                continue
            assert 400 <= response.status_code < 500, (
                key,
                body if kind.startswith("nested") is False else kind,
                response.text[:300],
            )
            _assert_error_shape(response.json())
    assert seen >= 8
