"""`Endpoint`: a Starlette app serving one public path, with operations declared as typed functions.

A route file says what it accepts and returns; this module does the rest once for every route:
request ids, auth → tenant, body size limits, content types, JSON/YAML parsing into the declared
Pydantic model, query parsing, error mapping, caching headers, and the OpenAPI description.

    app = Endpoint("/api/workflows/{id}", tag="workflows")

    @app.get(response=WorkflowOut)
    def read(ctx: Context, id: str) -> WorkflowOut: ...

Handler parameters are bound by name and annotation: `ctx: Context`, path parameters by name,
`body: <Model>` (JSON, or YAML where the model allows it), `query: <Model>` (query string),
`raw: RawBody` (the bytes and content type, for uploads). Sync handlers run in a thread.

A write (any method but GET/HEAD) runs in one unit of work: the handler's store calls, the audit
row and the idempotency record share one transaction, committed only after the response has been
rendered — so an answered 5xx never leaves a stored row, and an acknowledged write is all there.
Every GET also answers HEAD; an unexpected exception becomes a 500 answered like any other
response (the server keeps the connection open).
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import re
import typing
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import anyio
from pydantic import BaseModel, ValidationError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from lib import errors, limits
from lib.config import settings
from lib.store import keys
from lib.web import auth, guard
from lib.web.context import Context
from lib.web.errors import EXCEPTION_HANDLERS, ErrorResponse, from_pydantic, handle_domain, handle_unexpected

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_DEFAULT_ROLE = {
    "GET": "read",
    "HEAD": "read",
    "POST": "write",
    "PUT": "write",
    "PATCH": "write",
    "DELETE": "write",
}
_SECURITY_HEADERS = {"x-content-type-options": "nosniff", "referrer-policy": "no-referrer"}
_IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,200}$")


@dataclass
class RawBody:
    """The request body as bytes, for handlers that parse it themselves (uploads, CSV)."""

    content: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Operation:
    """One method on one path: what the OpenAPI document and the dispatcher need to know."""

    method: str
    path: str
    func: Callable[..., Any]
    summary: str
    tag: str
    status: int
    response: type[BaseModel] | None
    body: type[BaseModel] | None
    query: type[BaseModel] | None
    raw: bool
    role: str | None
    public: bool
    cache: str | None
    content_types: tuple[str, ...]
    errors: tuple[int, ...]
    max_body: int | None = None
    """Body limit in bytes for this operation (the configured MAX_BODY_BYTES when None, never above it)."""

    @property
    def idempotent(self) -> bool:
        """POST creates take an Idempotency-Key header: a retry replays the first answer."""
        return self.method == "POST" and self.status == 201

    def body_limit(self) -> int:
        configured = settings().max_body_bytes
        return configured if self.max_body is None else min(self.max_body, configured)


class Endpoint(Starlette):
    """A Starlette application for one path; Vercel runs it as `app`, Lambda through Mangum."""

    def __init__(self, path: str, *, tag: str = "default") -> None:
        super().__init__(exception_handlers=EXCEPTION_HANDLERS)
        self.path = path
        self.tag = tag
        self.operations: list[Operation] = []
        self.path_params = re.findall(r"{(\w+)}", path)

    # -- declaration -------------------------------------------------------------------------
    def _declare(
        self,
        method: str,
        *,
        response: type[BaseModel] | None = None,
        status: int = 200,
        role: str | None = None,
        public: bool = False,
        cache: str | None = None,
        summary: str | None = None,
        content_types: tuple[str, ...] = ("application/json",),
        errors: tuple[int, ...] = (),
        max_body: int | None = None,
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def register(func: Callable[..., Any]) -> Callable[..., Any]:
            if method != "GET" and inspect.iscoroutinefunction(func):
                raise TypeError(
                    f"{func.__name__}: write handlers are sync (one transaction in a worker thread)"
                )
            hints = typing.get_type_hints(func)
            body = hints.get("body")
            query = hints.get("query")
            op = Operation(
                method=method,
                path=self.path,
                func=func,
                summary=summary or (inspect.getdoc(func) or func.__name__).splitlines()[0],
                tag=self.tag,
                status=status,
                response=response,
                body=body if isinstance(body, type) and issubclass(body, BaseModel) else None,
                query=query if isinstance(query, type) and issubclass(query, BaseModel) else None,
                raw="raw" in hints,
                role=None if public else (role or _DEFAULT_ROLE[method]),
                public=public,
                cache=cache,
                content_types=content_types,
                errors=errors,
                max_body=max_body,
            )
            self.operations.append(op)
            self._mount()
            return func

        return register

    def get(self, **kw: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return self._declare("GET", **kw)

    def post(self, **kw: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return self._declare("POST", **kw)

    def put(self, **kw: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return self._declare("PUT", **kw)

    def delete(self, **kw: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return self._declare("DELETE", **kw)

    @property
    def rate_class(self) -> str | None:
        """Which rate limit applies: "llm" (stricter) for generation, none for health, else "api"."""
        if self.path == "/api/health":
            return None  # must answer within a second even when the counters cannot be reached
        return "llm" if self.tag == "generation" else "api"

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if self.middleware_stack is None and not self.user_middleware:
            _add_cors(self)
        await guard.guarded(super().__call__, scope, receive, send, route=self.path, kind=self.rate_class)

    def _mount(self) -> None:
        ops = {op.method: op for op in self.operations}

        async def dispatch(request: Request) -> Response:
            op = ops.get(request.method) or ops["GET"]  # Starlette routes HEAD here only when GET exists
            # Errors are answered here: past this point Starlette re-raises to the server, which drops
            # the keep-alive connection and logs the traceback and exception text (a database error
            # quotes the row, secrets included).
            try:
                response = await _serve(op, request, self.path_params)
            except HTTPException:
                raise  # Starlette's own handler answers these without re-raising
            except Exception as exc:
                handler = handle_domain if isinstance(exc, errors.AgentForgeError) else handle_unexpected
                response = await handler(request, exc)
                response.headers.update(_SECURITY_HEADERS)
            return _without_body(response) if request.method == "HEAD" else response

        self.router.routes = [Route(self.path, dispatch, methods=list(ops))]


# -- serving ---------------------------------------------------------------------------------
async def _serve(op: Operation, request: Request, path_params: list[str]) -> Response:
    rid = request.headers.get("x-request-id", "")
    rid = rid if _REQUEST_ID.match(rid) else uuid.uuid4().hex
    request.state.request_id = rid
    headers = {k.lower(): v for k, v in request.headers.items()}
    try:  # a keyless request or a key this process resolved lately: no thread hop, no query
        principal = auth.authenticate(headers.get("authorization"), op.role, lookup=keys.cached)
    except keys.NeedsLookup:
        principal = await anyio.to_thread.run_sync(auth.authenticate, headers.get("authorization"), op.role)
    request.state.tenant = principal.tenant  # for the access log line
    ctx = Context(
        tenant=principal.tenant, role=principal.role, actor=principal.actor, request_id=rid, headers=headers
    )

    kwargs: dict[str, Any] = {}
    params = _parameters(op.func)
    if "ctx" in params:
        kwargs["ctx"] = ctx
    for name in path_params:
        if "\x00" in request.path_params[name]:
            raise errors.NotFound(f"{name} contains a NUL character, so nothing has it", field=name)
        if name in params:
            kwargs[name] = request.path_params[name]
    if op.query is not None:
        kwargs["query"] = _parse_query(op.query, request, path_params)
    content = b""
    if op.body is not None or op.raw:
        content = await _read_body(request, op.body_limit())
        ctype = headers.get("content-type", "").split(";")[0].strip().lower()
        if op.raw:
            kwargs["raw"] = RawBody(content=content, content_type=ctype, headers=headers)
        else:
            kwargs["body"] = _parse_body(op, content, ctype)

    if op.method == "GET":
        if inspect.iscoroutinefunction(op.func):
            result = await op.func(**kwargs)
        else:
            result = await anyio.to_thread.run_sync(lambda: op.func(**kwargs))
        return _render(op, result, ctx, request)
    key = _idempotency_key(op, ctx)
    fingerprint = _fingerprint(op, request, content) if key else ""
    return await anyio.to_thread.run_sync(_write, op, kwargs, ctx, request, key, fingerprint)


@functools.cache
def _parameters(func: Callable[..., Any]) -> frozenset[str]:
    """A handler's parameter names, read once (inspect.signature is not free per request)."""
    return frozenset(inspect.signature(func).parameters)


class _Abandon(Exception):
    """Roll the unit of work back but answer `response` (a 4xx the handler returned, or a replay)."""

    def __init__(self, response: Response | None) -> None:
        self.response = response


def _write(
    op: Operation, kwargs: dict[str, Any], ctx: Context, request: Request, key: str | None, fingerprint: str
) -> Response:
    """Handler, rendering, audit row and idempotency record in one transaction, committed last."""
    from lib.store import db, idempotency

    if key is not None:
        earlier = idempotency.find(ctx.tenant, key)
        if earlier is not None:
            return _replay(earlier, fingerprint, ctx)
    try:
        with db.unit_of_work(actor=ctx.actor, request_id=ctx.request_id):
            result = op.func(**kwargs)
            response = _render(op, result, ctx, request)
            if response.status_code >= 400:
                raise _Abandon(response)
            _audit(op, ctx, request, response.status_code)
            if key is not None and not idempotency.claim(
                ctx.tenant, key, fingerprint, response.status_code, response.media_type, bytes(response.body)
            ):
                raise _Abandon(None)  # a concurrent twin committed first: answer what it answered
    except _Abandon as abandoned:
        if abandoned.response is not None:
            return abandoned.response
        earlier = idempotency.find(ctx.tenant, key or "")
        if earlier is None:  # the twin's key expired in between: let the client decide
            raise errors.Conflict(
                "a concurrent request with this Idempotency-Key failed; retry", field="header.idempotency-key"
            ) from None
        return _replay(earlier, fingerprint, ctx)
    return response


def _idempotency_key(op: Operation, ctx: Context) -> str | None:
    key = ctx.header("idempotency-key")
    if key is None or not op.idempotent:
        return None
    if not _IDEMPOTENCY_KEY.match(key):
        raise errors.InvalidInput(
            "Idempotency-Key must be 1 to 200 visible ASCII characters (a UUID is ideal)",
            field="header.idempotency-key",
        )
    return key


def _fingerprint(op: Operation, request: Request, content: bytes) -> str:
    digest = hashlib.sha256(f"{op.method} {request.url.path}?{request.url.query}\n".encode())
    digest.update(content)
    return digest.hexdigest()


def _replay(earlier: Any, fingerprint: str, ctx: Context) -> Response:
    """The first answer to this Idempotency-Key again, or 422 if the key came with another request."""
    if earlier.fingerprint != fingerprint:
        raise errors.InvalidInput(
            "this Idempotency-Key was used for a different request; use a new key for a new request",
            field="header.idempotency-key",
        )
    headers = {"x-request-id": ctx.request_id, **_SECURITY_HEADERS, "idempotent-replayed": "true"}
    headers["cache-control"] = "no-store"
    return Response(earlier.body, status_code=earlier.status, media_type=earlier.media_type, headers=headers)


def _without_body(response: Response) -> Response:
    """HEAD: the GET answer's status and headers (its content-length included), no body."""
    head = Response(status_code=response.status_code)
    head.raw_headers = list(response.raw_headers)
    return head


def _audit(op: Operation, ctx: Context, request: Request, status: int) -> None:
    """Every successful write is recorded with who did it and the request id."""
    from lib.store import audit

    target = next(iter(request.path_params.values()), None)
    audit.record(
        ctx.tenant,
        actor=ctx.actor,
        action=f"{op.method} {op.path}",
        target_type=op.tag,
        target_id=target,
        request_id=ctx.request_id,
        details={"status": status},
    )


def _add_cors(app: Starlette) -> None:
    """CORS only when CORS_ORIGINS lists origins (read on first request, not at import)."""
    origins = [o.strip() for o in settings().cors_origins.split(",") if o.strip()]
    if origins:
        from starlette.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["*"],
            allow_headers=["authorization", "content-type", "if-match", "if-none-match", "x-request-id"],
            expose_headers=["etag", "x-request-id"],
            max_age=600,
        )


def _parse_query(model: type[BaseModel], request: Request, path_params: list[str]) -> BaseModel:
    # Vercel appends dynamic segments to the query (?id=...): those are path params, not filters.
    data: dict[str, Any] = {}
    for key in request.query_params:
        if key in path_params:
            continue
        values = request.query_params.getlist(key)
        data[key] = values if len(values) > 1 else values[0]
    limits.check(data, "query")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise from_pydantic(exc, "query") from None


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise errors.PayloadTooLarge(f"request body is {declared} bytes; the limit is {limit}", field="body")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise errors.PayloadTooLarge(f"request body exceeds the limit of {limit} bytes", field="body")
        chunks.append(chunk)
    return b"".join(chunks)


_YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")


def _parse_body(op: Operation, content: bytes, ctype: str) -> BaseModel:
    if op.body is None:
        raise TypeError(f"{op.method} {op.path} declares no body model")
    if not content.strip():
        raise errors.InvalidInput("request body is empty; send a JSON object", field="body")
    if ctype not in op.content_types and not (ctype == "" and "application/json" in op.content_types):
        raise errors.UnsupportedMedia(
            f"content type {ctype or '(none)'} is not accepted; use {', '.join(op.content_types)}",
            field="content-type",
        )
    if ctype in _YAML_TYPES:
        data = limits.load_yaml(content, field="body")
    else:
        data = limits.load_json(content, field="body")
    if not isinstance(data, dict):
        raise errors.InvalidInput(f"body must be a JSON object, not {type(data).__name__}", field="body")
    try:
        return op.body.model_validate(data)
    except ValidationError as exc:
        raise from_pydantic(exc, "body") from None


def _render(op: Operation, result: Any, ctx: Context, request: Request) -> Response:
    headers = {"x-request-id": ctx.request_id, **_SECURITY_HEADERS, **ctx.response_headers}
    if isinstance(result, Response):
        for k, v in headers.items():
            result.headers.setdefault(k, v)
        return result
    if result is None:
        return Response(status_code=op.status if op.status != 200 else 204, headers=headers)
    if isinstance(result, BaseModel):  # rendered once, by the model's own serializer, straight to bytes
        body = result.__pydantic_serializer__.to_json(result)
    else:
        body = json.dumps(result, separators=(",", ":"), ensure_ascii=False, default=str).encode()
    headers.setdefault("cache-control", _cache_control(op.cache, ctx))
    if op.cache and op.method == "GET":
        etag = headers.setdefault("etag", '"' + hashlib.sha256(body).hexdigest()[:32] + '"')
        match = request.headers.get("if-none-match", "")
        if etag in [t.strip() for t in match.split(",")] or match.strip() == "*":
            return Response(status_code=304, headers=headers)
    # A handler may answer another success code than the declared one (ctx.extra["status"]):
    # a resumable import answers 202 while work remains and 200 once done.
    status = ctx.extra.get("status", op.status)
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def _cache_control(policy: str | None, ctx: Context) -> str:
    """`public`: shared caches may keep it (templates). `private`: the caller's browser, briefly."""
    if policy == "public":
        return "public, max-age=300, s-maxage=3600, stale-while-revalidate=86400"
    if policy == "private":
        return "private, max-age=0, must-revalidate"
    return "no-store"


def error_responses(op: Operation) -> dict[int, type[BaseModel]]:
    """Statuses this operation can answer with the error shape (for the OpenAPI document)."""
    codes = {500, *op.errors}
    if op.path != "/api/health":  # see Endpoint.rate_class
        codes.add(429)
    if op.body is not None or op.raw:
        codes |= {400, 413, 415, 422}
    if op.query is not None:
        codes.add(422)
    if not op.public:
        codes |= {401, 403}
    return dict.fromkeys(sorted(codes), ErrorResponse)


JSON = JSONResponse
