"""Which requests the deploy tests compare (derived from the api/ tree as it is now, so new
routes are covered without editing a list) and how two answers are compared."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

# Fields that differ between two otherwise identical answers.
VOLATILE_KEYS = {"request_id", "latency_ms"}
# A state small enough for any validate-like route to answer without a provider.
_TINY_STATE = {"blocks": {}, "edges": [], "loops": {}, "parallels": {}}


@dataclass(frozen=True)
class Probe:
    """One request, plus the api/ file that must answer it."""

    file: str  # api/... relative to the repo root
    method: str
    path: str
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"


def _sample_path(route_path: str) -> str:
    """A concrete public path: each {param} becomes an id that exists nowhere."""
    import re

    return re.sub(r"{(\w+)}", lambda m: f"no-such-{m.group(1)}", route_path)


def probes() -> list[Probe]:
    """Requests that touch every function without writing anything or calling out.

    GET on every route that has one (dynamic segments get unknown ids: the 404 shape); a POST/PUT
    of `{}` only where the body model itself rejects `{}` (the 422 shape, raised before the
    handler runs); a tiny state to validate routes (documented as storing nothing); PATCH (the
    405 shape) on a route with none of these.
    """
    from lib.config import ROOT
    from lib.web import routes

    out: list[Probe] = []
    json_headers = {"content-type": "application/json"}
    for route in routes.discover():
        file = route.file.relative_to(ROOT).as_posix()
        path = _sample_path(route.path)
        ops = {op.method: op for op in route.load().app.operations}
        if "GET" in ops:
            out.append(Probe(file, "GET", path))
        for method in ("POST", "PUT"):
            op = ops.get(method)
            if op is not None and op.body is not None and _rejects_empty(op.body):
                out.append(Probe(file, method, path, b"{}", json_headers))
            if op is not None and route.path.rsplit("/", 1)[-1] == "validate":
                out.append(Probe(file, method, path, json.dumps(_TINY_STATE).encode(), json_headers))
        if not any(p.file == file for p in out):
            out.append(Probe(file, "PATCH", path))
    return out


def _rejects_empty(model: Any) -> bool:
    from pydantic import ValidationError

    try:
        model.model_validate({})
    except ValidationError:
        return True
    return False


def normalize(value: Any) -> Any:
    """The JSON answer without request ids and timings."""
    if isinstance(value, dict):
        return {k: ("<volatile>" if k in VOLATILE_KEYS else normalize(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [normalize(v) for v in value]
    return value


def answer(status: int, content_type: str | None, body: bytes) -> dict[str, Any]:
    """What two servers must agree on: status, media type and the JSON body (modulo volatile)."""
    media = (content_type or "").split(";")[0].strip().lower()
    parsed: Any = None
    if body:
        parsed = (
            normalize(json.loads(body)) if media == "application/json" else body.decode("utf-8", "replace")
        )
    return {"status": status, "content_type": media or None, "body": parsed}
