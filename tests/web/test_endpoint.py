"""Every error path of the web plumbing answers with the one JSON error shape."""

import pytest
from pydantic import BaseModel, ConfigDict, Field
from starlette.testclient import TestClient

from lib.errors import Conflict
from lib.web import Context, Endpoint


class EchoIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str = Field(min_length=3)
    count: int = 1


class EchoQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")
    limit: int = Field(default=10, ge=1, le=100)


class EchoOut(BaseModel):
    description: str
    count: int
    tenant: str
    limit: int = 0


app = Endpoint("/api/echo/{id}", tag="test")


@app.post(response=EchoOut, status=201, content_types=("application/json", "application/yaml"))
def echo(ctx: Context, id: str, body: EchoIn) -> EchoOut:
    return EchoOut(description=body.description, count=body.count, tenant=ctx.tenant)


@app.get(response=EchoOut, cache="public")
def read(ctx: Context, id: str, query: EchoQuery) -> EchoOut:
    if id == "conflict":
        raise Conflict("stale", field="version")
    if id == "crash":
        raise RuntimeError("secret sk-live-123 must not leak")
    return EchoOut(description=id, count=0, tenant=ctx.tenant, limit=query.limit)


@pytest.fixture
def web(store):
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def _error(r, status, code, field=None):
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error", "request_id"}
    assert body["error"]["code"] == code
    assert body["request_id"] == r.headers["x-request-id"]
    if field:
        assert body["error"]["field"] == field
    return body["error"]


def test_happy_path_json_and_yaml(web):
    r = web.post("/api/echo/x", json={"description": "hello", "count": 2})
    assert r.status_code == 201 and r.json() == {
        "description": "hello",
        "count": 2,
        "tenant": "default",
        "limit": 0,
    }
    r = web.post(
        "/api/echo/x", content=b"description: hi there\n", headers={"content-type": "application/yaml"}
    )
    assert r.status_code == 201 and r.json()["description"] == "hi there"


def test_malformed_json_is_400_naming_line_and_column(web):
    err = _error(
        web.post("/api/echo/x", content=b'{"description": ', headers={"content-type": "application/json"}),
        400,
        "malformed_input",
        "body",
    )
    assert "line 1" in err["message"]


def test_malformed_yaml_is_400(web):
    _error(
        web.post("/api/echo/x", content=b"a: [1, 2\n", headers={"content-type": "application/yaml"}),
        400,
        "malformed_input",
        "body",
    )


def test_wrong_type_and_unknown_field_are_422_naming_the_field(web):
    err = _error(
        web.post("/api/echo/x", json={"description": "hello", "count": "many"}),
        422,
        "validation_error",
        "body.count",
    )
    assert "integer" in err["message"]
    _error(
        web.post("/api/echo/x", json={"description": "hello", "colour": "red"}),
        422,
        "validation_error",
        "body.colour",
    )
    _error(web.post("/api/echo/x", json=["not", "an", "object"]), 422, "validation_error", "body")
    _error(
        web.post("/api/echo/x", content=b"", headers={"content-type": "application/json"}),
        422,
        "validation_error",
        "body",
    )


def test_wrong_content_type_is_415(web):
    _error(
        web.post("/api/echo/x", content=b"description=hello", headers={"content-type": "text/plain"}),
        415,
        "unsupported_media_type",
        "content-type",
    )


def test_oversized_body_is_413(web, settings_env):
    settings_env(MAX_BODY_BYTES="100")
    _error(web.post("/api/echo/x", json={"description": "x" * 200}), 413, "payload_too_large", "body")


def test_bad_query_is_422(web):
    _error(web.get("/api/echo/x?limit=0"), 422, "validation_error", "query.limit")
    _error(web.get("/api/echo/x?unknown=1"), 422, "validation_error", "query.unknown")
    assert web.get("/api/echo/x?id=x&limit=5").json()["limit"] == 5  # Vercel appends ?id=: ignored


def test_unknown_route_and_method(web):
    _error(web.get("/api/nope"), 404, "not_found")
    _error(web.delete("/api/echo/x"), 405, "method_not_allowed")


def test_domain_error_and_crash(web, caplog):
    _error(web.get("/api/echo/conflict"), 409, "conflict", "version")
    err = _error(web.get("/api/echo/crash"), 500, "internal_error")
    assert "sk-live" not in err["message"]
    assert "sk-live" not in caplog.text and "Traceback" not in caplog.text


def test_request_id_is_echoed_when_sane(web):
    assert web.get("/api/echo/x", headers={"x-request-id": "abc-123"}).headers["x-request-id"] == "abc-123"
    assert web.get("/api/echo/x", headers={"x-request-id": "bad id!"}).headers["x-request-id"] != "bad id!"


def test_public_cache_etag_and_304(web):
    r = web.get("/api/echo/x")
    assert "s-maxage" in r.headers["cache-control"] and r.headers["etag"]
    again = web.get("/api/echo/x", headers={"if-none-match": r.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_auth_required_rejects_missing_bad_and_weak_keys(web, settings_env, tenant, api_key):
    settings_env(AUTH_REQUIRED="true")
    _error(web.get("/api/echo/x"), 401, "unauthorized", "header.authorization")
    _error(web.get("/api/echo/x", headers={"authorization": "Basic abc"}), 401, "unauthorized")
    _error(web.get("/api/echo/x", headers={"authorization": "Bearer af_nope"}), 401, "unauthorized")
    reader = api_key(tenant, "read")
    ok = web.get("/api/echo/x", headers={"authorization": f"Bearer {reader}"})
    assert ok.status_code == 200 and ok.json()["tenant"] == tenant
    _error(
        web.post("/api/echo/x", json={"description": "hello"}, headers={"authorization": f"Bearer {reader}"}),
        403,
        "forbidden",
    )


def test_key_selects_tenant_even_when_auth_is_optional(web, tenant, api_key):
    writer = api_key(tenant, "write")
    r = web.post("/api/echo/x", json={"description": "hello"}, headers={"authorization": f"Bearer {writer}"})
    assert r.json()["tenant"] == tenant


def test_writes_are_audited_with_actor_and_request_id(web, tenant, api_key):
    from lib.store import audit

    key = api_key(tenant, "write")
    web.post(
        "/api/echo/w1",
        json={"description": "hello"},
        headers={"authorization": f"Bearer {key}", "x-request-id": "rid-1"},
    )
    web.post(
        "/api/echo/w2", json={"description": "no"}, headers={"authorization": f"Bearer {key}"}
    )  # 422: not audited
    (entry,) = [e for e in audit.entries(tenant) if e["target_id"] in ("w1", "w2")]
    assert entry["action"] == "POST /api/echo/{id}" and entry["request_id"] == "rid-1"
    assert entry["actor"].startswith("key:")


def test_cors_only_when_configured(settings_env):
    settings_env(CORS_ORIGINS="https://app.example")
    fresh = Endpoint("/api/cors", tag="test")

    @fresh.get()
    def ping() -> dict:
        return {"ok": True}

    with TestClient(fresh) as c:
        pre = c.options(
            "/api/cors", headers={"origin": "https://app.example", "access-control-request-method": "GET"}
        )
        assert pre.headers["access-control-allow-origin"] == "https://app.example"
        assert (
            "access-control-allow-origin"
            not in c.get("/api/cors", headers={"origin": "https://evil.example"}).headers
        )
