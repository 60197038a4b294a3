"""What every API answer gets, 404 and 405 included: a request id, security headers, the rate
limit, and one structured access log line.

It wraps each route's app at the ASGI level (so it also sees the router's own 404/405 and
anything an operation answers), before auth and before the body is read: a client over its
limit costs at most one counter statement and nothing else (most requests are counted from the
process's lease, on the event loop, with no statement and no worker thread: see lib.quota).
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any

import anyio
from starlette.types import Message

from lib import quota
from lib.config import settings
from lib.web import logs
from lib.web.errors import SECURITY_HEADERS, respond

access = logging.getLogger("agent_forge.access")

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_configured = False


def request_id(scope: dict[str, Any]) -> str:
    """The client's x-request-id when it is sane, else a fresh one; written back into the scope."""
    headers = [(k, v) for k, v in scope.get("headers", []) if k != b"x-request-id"]
    sent = dict(scope.get("headers", [])).get(b"x-request-id", b"").decode("latin-1")
    rid = sent if _REQUEST_ID.match(sent) else uuid.uuid4().hex
    scope["headers"] = [*headers, (b"x-request-id", rid.encode())]
    scope.setdefault("state", {})["request_id"] = rid
    return rid


def client_ip(scope: dict[str, Any]) -> str | None:
    """The caller's address. Behind Vercel the socket is Vercel's proxy, so its x-real-ip /
    x-forwarded-for (which Vercel overwrites, clients cannot forge them) name the client."""
    if settings().vercel_env:
        headers = dict(scope.get("headers", []))
        forwarded = (headers.get(b"x-real-ip") or headers.get(b"x-forwarded-for") or b"").decode("latin-1")
        if forwarded.strip():
            return forwarded.split(",")[0].strip()[:64]
    client = scope.get("client")
    return client[0] if client else None


def bearer(scope: dict[str, Any]) -> str | None:
    value = dict(scope.get("headers", [])).get(b"authorization", b"").decode("latin-1")
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


async def guarded(app: Any, scope: Any, receive: Any, send: Any, *, route: str, kind: str | None) -> None:
    """Serve `app` for one request. `kind`: the rate limit class ("api", "llm"), None = not limited."""
    if scope["type"] != "http":
        await app(scope, receive, send)
        return
    global _configured
    if not _configured:
        logs.configure(settings().log_level)
        _configured = True
    t0 = time.perf_counter()
    rid = request_id(scope)
    extra: dict[str, str] = {"x-request-id": rid, **SECURITY_HEADERS}
    status = 0

    async def send_with_headers(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
            present = {k.lower() for k, _ in message.get("headers", [])}
            message["headers"] = list(message.get("headers", [])) + [
                (k.encode(), v.encode()) for k, v in extra.items() if k.encode() not in present
            ]
        await send(message)

    try:
        verdict = quota.Verdict()
        if kind is not None:  # from this process's lease when it can answer, else one statement
            token, ip, rate_class = bearer(scope), client_ip(scope), kind
            leased = quota.check_leased(rate_class, token=token, ip=ip)
            verdict = (
                leased
                if leased is not None
                else await anyio.to_thread.run_sync(lambda: quota.check_rate(rate_class, token=token, ip=ip))
            )
        extra.update(verdict.headers)
        if verdict.exceeded is not None:
            exc = verdict.exceeded
            await respond(429, exc.code, exc.message, rid, headers=exc.headers)(
                scope, receive, send_with_headers
            )
        else:
            await app(scope, receive, send_with_headers)
    finally:
        state = scope.get("state", {})
        access.info(
            "request",
            extra={
                "fields": {
                    "request_id": rid,
                    "method": scope.get("method"),
                    "route": route,
                    "status": status or 500,
                    "latency_ms": round((time.perf_counter() - t0) * 1000, 1),
                    "tenant": state.get("tenant"),
                }
            },
        )
