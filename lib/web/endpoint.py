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
"""

from __future__ import annotations

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

from lib import errors
from lib.config import settings
from lib.web import auth
from lib.web.context import Context
from lib.web.errors import EXCEPTION_HANDLERS, ErrorResponse, from_pydantic, handle_unexpected

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
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def register(func: Callable[..., Any]) -> Callable[..., Any]:
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

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if self.middleware_stack is None and not self.user_middleware:
            _add_cors(self)
        await super().__call__(scope, receive, send)

    def _mount(self) -> None:
        ops = {op.method: op for op in self.operations}

        async def dispatch(request: Request) -> Response:
            try:
                return await _serve(ops[request.method], request, self.path_params)
            except (errors.AgentForgeError, HTTPException):
                raise
            except Exception as exc:
                # Answered here: past this point Starlette re-raises to the server, which logs the
                # traceback and exception text (a database error quotes the row, secrets included).
                return await handle_unexpected(request, exc)

        self.router.routes = [Route(self.path, dispatch, methods=list(ops))]


# -- serving ---------------------------------------------------------------------------------
async def _serve(op: Operation, request: Request, path_params: list[str]) -> Response:
    rid = request.headers.get("x-request-id", "")
    rid = rid if _REQUEST_ID.match(rid) else uuid.uuid4().hex
    request.state.request_id = rid
    headers = {k.lower(): v for k, v in request.headers.items()}
    principal = await anyio.to_thread.run_sync(auth.authenticate, headers.get("authorization"), op.role)
    ctx = Context(
        tenant=principal.tenant, role=principal.role, actor=principal.actor, request_id=rid, headers=headers
    )

    kwargs: dict[str, Any] = {}
    params = inspect.signature(op.func).parameters
    if "ctx" in params:
        kwargs["ctx"] = ctx
    for name in path_params:
        if "\x00" in request.path_params[name]:
            raise errors.NotFound(f"{name} contains a NUL character, so nothing has it", field=name)
        if name in params:
            kwargs[name] = request.path_params[name]
    if op.query is not None:
        kwargs["query"] = _parse_query(op.query, request, path_params)
    if op.body is not None or op.raw:
        content = await _read_body(request)
        ctype = headers.get("content-type", "").split(";")[0].strip().lower()
        if op.raw:
            kwargs["raw"] = RawBody(content=content, content_type=ctype, headers=headers)
        else:
            kwargs["body"] = _parse_body(op, content, ctype)

    if inspect.iscoroutinefunction(op.func):
        result = await op.func(**kwargs)
    else:
        result = await anyio.to_thread.run_sync(lambda: op.func(**kwargs))
    response = _render(op, result, ctx, request)
    if op.method != "GET" and response.status_code < 400:
        await anyio.to_thread.run_sync(_audit, op, ctx, request, response.status_code)
    return response


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
    _reject_nul(data, "query")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise from_pydantic(exc, "query") from None


def _reject_nul(data: Any, where: str) -> None:
    """PostgreSQL text and jsonb cannot hold U+0000: a 422 naming the field, not a crash in the store."""
    stack = [(where, data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str) and "\x00" in value:
            raise errors.InvalidInput(f"{path} contains a NUL (\\u0000) character", field=path)
        if isinstance(value, dict):
            stack.extend((path, k) for k in value)
            stack.extend((f"{path}.{k}", v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((f"{path}.{i}", v) for i, v in enumerate(value))


async def _read_body(request: Request) -> bytes:
    limit = settings().max_body_bytes
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
    assert op.body is not None
    if not content.strip():
        raise errors.InvalidInput("request body is empty; send a JSON object", field="body")
    if ctype not in op.content_types and not (ctype == "" and "application/json" in op.content_types):
        raise errors.UnsupportedMedia(
            f"content type {ctype or '(none)'} is not accepted; use {', '.join(op.content_types)}",
            field="content-type",
        )
    if ctype in _YAML_TYPES:
        import yaml

        try:
            data = yaml.safe_load(content)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            raise errors.MalformedInput(f"body is not valid YAML{where}", field="body") from None
        except RecursionError:
            raise errors.MalformedInput("body is nested too deeply", field="body") from None
    else:
        try:
            data = json.loads(content)
        except UnicodeDecodeError:
            raise errors.MalformedInput("body is not UTF-8 text", field="body") from None
        except json.JSONDecodeError as exc:
            raise errors.MalformedInput(
                f"body is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}", field="body"
            ) from None
        except RecursionError:
            raise errors.MalformedInput("body is nested too deeply", field="body") from None
    if not isinstance(data, dict):
        raise errors.InvalidInput(f"body must be a JSON object, not {type(data).__name__}", field="body")
    _reject_nul(data, "body")
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
    payload = result.model_dump(mode="json") if isinstance(result, BaseModel) else result
    body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False, default=str).encode()
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
    if op.body is not None or op.raw:
        codes |= {400, 413, 415, 422}
    if op.query is not None:
        codes.add(422)
    if not op.public:
        codes |= {401, 403}
    return dict.fromkeys(sorted(codes), ErrorResponse)


JSON = JSONResponse
