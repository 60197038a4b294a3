"""One OpenAPI 3.1 document for every api/ function, generated from the handlers' Pydantic models."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from lib.web import routes
from lib.web.endpoint import Endpoint, Operation, error_responses

TITLE = "Agent Forge API"
VERSION = "1.0.0"


def _operations() -> list[Operation]:
    ops: list[Operation] = []
    for route in routes.discover():
        app = getattr(route.load(), "app", None)
        if isinstance(app, Endpoint):
            ops.extend(app.operations)
    return ops


@lru_cache(maxsize=1)
def document() -> dict[str, Any]:
    ops = _operations()
    models: set[type[BaseModel]] = set()
    for op in ops:
        for m in (op.response, op.body, *error_responses(op).values()):
            if m is not None:
                models.add(m)
    ordered = sorted(models, key=lambda m: m.__name__)
    refs, defs = models_json_schema(
        [(m, "validation") for m in ordered], ref_template="#/components/schemas/{model}"
    )
    schemas = defs.get("$defs", {})

    def ref(model: type[BaseModel]) -> dict[str, Any]:
        return refs[(model, "validation")]

    paths: dict[str, dict[str, Any]] = {}
    for op in ops:
        item = paths.setdefault(op.path, {})
        params = [
            {"name": p, "in": "path", "required": True, "schema": {"type": "string"}}
            for p in _path_params(op.path)
        ]
        if op.query is not None:
            qs = op.query.model_json_schema()
            for name, prop in qs.get("properties", {}).items():
                params.append(
                    {
                        "name": name,
                        "in": "query",
                        "required": name in qs.get("required", []),
                        "schema": {k: v for k, v in prop.items() if k != "title"},
                        **({"description": prop["description"]} if "description" in prop else {}),
                    }
                )
        responses: dict[str, Any] = {}
        ok: dict[str, Any] = {"description": "OK" if op.status < 300 else "Created"}
        if op.status == 204 or (op.response is None and op.status != 200):
            ok["description"] = "No content"
        elif op.response is not None:
            ok["content"] = {"application/json": {"schema": ref(op.response)}}
        responses[str(op.status)] = ok
        if op.cache and op.method == "GET":
            responses["304"] = {"description": "Not modified (If-None-Match matched the ETag)"}
        for code, model in error_responses(op).items():
            responses[str(code)] = {
                "description": "Error",
                "content": {"application/json": {"schema": ref(model)}},
            }
        entry: dict[str, Any] = {
            "operationId": f"{op.method.lower()}_{op.func.__name__}",
            "summary": op.summary,
            "tags": [op.tag],
            "parameters": params,
            "responses": responses,
        }
        if op.body is not None:
            entry["requestBody"] = {
                "required": True,
                "content": {ct: {"schema": ref(op.body)} for ct in op.content_types},
            }
        elif op.raw:
            entry["requestBody"] = {
                "required": True,
                "content": {ct: {"schema": {}} for ct in op.content_types},
            }
        if op.body is not None or op.raw:
            entry["x-max-body-bytes"] = op.body_limit()
        if op.idempotent:
            params.append(
                {
                    "name": "Idempotency-Key",
                    "in": "header",
                    "required": False,
                    "description": "Retry-safe create: the same key and request within 24 h replays the"
                    " first answer instead of creating again; the key with another request → 422",
                    "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[!-~]+$"},
                }
            )
        entry["security"] = [] if op.public else [{"bearer": []}]
        item[op.method.lower()] = entry
    return {
        "openapi": "3.1.0",
        "info": {
            "title": TITLE,
            "version": VERSION,
            "description": "Sim workflow states from templates, descriptions and Sim's table rows.",
        },
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "af_…"}},
        },
    }


def _path_params(path: str) -> list[str]:
    import re

    return re.findall(r"{(\w+)}", path)
