"""AWS Lambda: each route file's `handler` (Mangum) answers API Gateway v1 (REST), v2 (HTTP API)
and ALB events exactly as the local server answers the same request."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import pytest

from lib.config import ROOT
from lib.web.routes import load_module
from tests.deploy._probes import Probe, answer, probes

_ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/agent-forge/0123456789abcdef"


def _headers(p: Probe) -> dict[str, str]:
    return {
        "host": "agent-forge.example",
        "user-agent": "lambda-test",
        "x-forwarded-proto": "https",
        **p.headers,
    }


def _body(p: Probe, b64: bool) -> str:
    return base64.b64encode(p.body).decode() if b64 else p.body.decode()


def api_gateway_v2(p: Probe, b64: bool = True) -> dict[str, Any]:
    return {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": p.path,
        "rawQueryString": "",
        "headers": _headers(p),
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "afapi",
            "domainName": "afapi.execute-api.eu-west-1.amazonaws.com",
            "requestId": "req-v2",
            "routeKey": "$default",
            "stage": "$default",
            "timeEpoch": 0,
            "http": {
                "method": p.method,
                "path": p.path,
                "protocol": "HTTP/1.1",
                "sourceIp": "203.0.113.7",
                "userAgent": "lambda-test",
            },
        },
        "body": _body(p, b64),
        "isBase64Encoded": b64,
    }


def api_gateway_v1(p: Probe, b64: bool = False) -> dict[str, Any]:
    headers = _headers(p)
    return {
        "resource": "/{proxy+}",
        "path": p.path,
        "httpMethod": p.method,
        "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": {"proxy": p.path.lstrip("/")},
        "stageVariables": None,
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "afapi",
            "resourcePath": "/{proxy+}",
            "httpMethod": p.method,
            "path": "/prod" + p.path,
            "stage": "prod",
            "requestId": "req-v1",
            "identity": {"sourceIp": "203.0.113.7", "userAgent": "lambda-test"},
        },
        "body": _body(p, b64),
        "isBase64Encoded": b64,
    }


def alb(p: Probe, b64: bool = False) -> dict[str, Any]:
    return {
        "requestContext": {"elb": {"targetGroupArn": _ARN}},
        "httpMethod": p.method,
        "path": p.path,
        "queryStringParameters": {},
        "headers": _headers(p),
        "body": _body(p, b64),
        "isBase64Encoded": b64,
    }


EVENTS: dict[str, Callable[..., dict[str, Any]]] = {
    "apigw-v1": api_gateway_v1,
    "apigw-v2": api_gateway_v2,
    "alb": alb,
}


class _Context:
    """The few attributes of a Lambda context object anything might read."""

    function_name = "agent-forge"
    aws_request_id = "lambda-test"
    memory_limit_in_mb = 1024

    @staticmethod
    def get_remaining_time_in_millis() -> int:
        return 30_000


def lambda_answer(response: dict[str, Any]) -> dict[str, Any]:
    """Status, media type and JSON body out of Mangum's response dict (any event kind)."""
    headers = {k.lower(): v for k, v in (response.get("headers") or {}).items()}
    for k, values in (response.get("multiValueHeaders") or {}).items():
        headers.setdefault(k.lower(), values[-1])
    raw = response.get("body") or ""
    body = base64.b64decode(raw) if response.get("isBase64Encoded") else raw.encode()
    return answer(response["statusCode"], headers.get("content-type"), body)


@pytest.mark.parametrize("kind", sorted(EVENTS))
def test_handlers_answer_like_the_local_server(kind, local_answers):
    items = probes()
    expected = local_answers(items)
    for p in items:
        handler = load_module(ROOT / p.file).handler
        got = lambda_answer(handler(EVENTS[kind](p), _Context()))
        assert got == expected[p.label], f"{kind} {p.label}"


def test_probes_cover_the_required_shapes():
    """The comparison above is only worth something if it includes errors and a JSON POST."""
    labels = [(p.method, p.path) for p in probes()]
    assert ("GET", "/api/health") in labels and ("GET", "/api/openapi.json") in labels
    assert any(m in ("POST", "PUT") for m, _ in labels), "no POST with a JSON body among the probes"


def test_not_found_and_validation_shapes_through_lambda(local_answers):
    """A 404 from the store and a 422 from a posted body keep the one error shape on Lambda."""
    items = probes()
    expected = local_answers(items)
    errors = [p for p in items if expected[p.label]["status"] in (404, 422)]
    assert {expected[p.label]["status"] for p in errors} == {404, 422}
    for p in errors:
        got = lambda_answer(load_module(ROOT / p.file).handler(api_gateway_v2(p), _Context()))
        assert got == expected[p.label]
        assert set(got["body"]) == {"error", "request_id"} and got["body"]["error"]["code"] in {
            "not_found",
            "validation_error",
        }


def test_unknown_event_shape_is_refused():
    """An event Mangum cannot classify is an error, not a silent 200."""
    handler = load_module(ROOT / "api/health.py").handler
    with pytest.raises(RuntimeError):
        handler({"hello": "world"}, _Context())
