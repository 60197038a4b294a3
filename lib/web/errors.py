"""The one JSON error shape, and the one table from exception class to HTTP status."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse

from lib import errors

log = logging.getLogger("agent_forge.web")

SECURITY_HEADERS = {"x-content-type-options": "nosniff", "referrer-policy": "no-referrer"}

STATUS: dict[type[errors.AgentForgeError], int] = {
    errors.InvalidInput: 422,
    errors.MalformedInput: 400,
    errors.NotFound: 404,
    errors.Conflict: 409,
    errors.PayloadTooLarge: 413,
    errors.UnsupportedMedia: 415,
    errors.Unauthorized: 401,
    errors.Forbidden: 403,
    errors.ProviderError: 502,
    errors.Unavailable: 503,
    errors.RateLimited: 429,
}

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
}


class ErrorBody(BaseModel):
    model_config = ConfigDict(defer_build=True)

    code: str = Field(description="Stable machine-readable code, e.g. validation_error")
    message: str
    field: str | None = Field(default=None, description="Where the problem is, e.g. body.description")
    details: list[Any] = Field(default_factory=list)


class ErrorResponse(BaseModel):
    """Every 4xx/5xx answer has this shape."""

    model_config = ConfigDict(defer_build=True)

    error: ErrorBody
    request_id: str


def status_of(exc: errors.AgentForgeError) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500


def respond(
    status: int,
    code: str,
    message: str,
    request_id: str,
    *,
    field: str | None = None,
    details: list[Any] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorResponse(
        error=ErrorBody(code=code, message=message, field=field, details=details or []), request_id=request_id
    )
    out = {"x-request-id": request_id, "cache-control": "no-store", **SECURITY_HEADERS, **(headers or {})}
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=out)


def from_pydantic(exc: ValidationError, prefix: str) -> errors.InvalidInput:
    """Pydantic's errors as one InvalidInput naming the first field (all of them in details)."""
    details = []
    for e in exc.errors(include_url=False, include_input=False):
        where = ".".join(str(p) for p in (prefix, *e["loc"]) if p != "")
        details.append({"field": where, "reason": e["msg"], "type": e["type"]})
    first = details[0] if details else {"field": prefix, "reason": "invalid"}
    return errors.InvalidInput(f"{first['field']}: {first['reason']}", field=first["field"], details=details)


def request_id_of(request: Request) -> str:
    return getattr(request.state, "request_id", None) or request.headers.get("x-request-id") or "-"


def headers_for(status: int, exc: Exception | None = None) -> dict[str, str]:
    """What a client needs to act on an error: how to authenticate (401), when to retry (429/503)."""
    headers = dict(getattr(exc, "headers", None) or {})
    if status == 401:
        headers.setdefault("www-authenticate", 'Bearer realm="agent-forge"')
    if status == 503:
        headers.setdefault(
            "retry-after", str(getattr(exc, "retry_after", None) or errors.Unavailable.retry_after)
        )
    return headers


async def handle_domain(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, errors.AgentForgeError):
        raise TypeError("handle_domain is registered for AgentForgeError only")
    status = status_of(exc)
    rid = request_id_of(request)
    if status >= 500:
        log.warning("request %s failed: %s (%s)", rid, exc.code, type(exc).__name__)
    return respond(
        status,
        exc.code,
        exc.message,
        rid,
        field=exc.field,
        details=exc.details,
        headers=headers_for(status, exc),
    )


async def handle_http(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, HTTPException):
        raise TypeError("handle_http is registered for HTTPException only")
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    message = {
        404: f"no route for {request.url.path}",
        405: f"method {request.method} is not allowed on {request.url.path}",
    }.get(exc.status_code, str(exc.detail))
    return respond(exc.status_code, code, message, request_id_of(request), headers=dict(exc.headers or {}))


async def handle_unexpected(request: Request, exc: Exception) -> JSONResponse:
    rid = request_id_of(request)
    from lib.store import db

    if db.is_outage(exc):  # the connection died under the request: the client should retry, not report
        log.warning("request %s failed: unavailable (%s)", rid, type(exc).__name__)
        message = "the database connection was lost; retry shortly"
        return respond(503, "unavailable", message, rid, headers=headers_for(503))
    # Type only: an exception's text or traceback may carry secrets or user data.
    log.error("request %s crashed: %s", rid, type(exc).__name__)
    return respond(500, "internal_error", "internal error; quote the request id when reporting it", rid)


EXCEPTION_HANDLERS = {
    errors.AgentForgeError: handle_domain,
    HTTPException: handle_http,
    Exception: handle_unexpected,
}
