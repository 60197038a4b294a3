"""HEAD answers like GET without a body on every GET route; a 500 keeps the connection open.

The reproducers: `HEAD` on any API route was a 500 (`KeyError: 'HEAD'`), and after any 500
uvicorn dropped the keep-alive connection, so the client's next request on it failed.
"""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from lib.web import Context, Endpoint, routes

PORT = 8150  # this checkout's port for hand-started servers


@pytest.fixture
def real_ids(server, api_key, tenant):
    headers = {"Authorization": f"Bearer {api_key(tenant)}"}
    r = server.post("/api/workflows/templates/support-ticket-triage", json={}, headers=headers)
    assert r.status_code == 201, r.text
    return headers, {"id": r.json()["id"], "name": "support-ticket-triage", "n": "1"}


def _get_paths() -> list[str]:
    """Every GET operation, generated from the route table (a new route cannot be forgotten)."""
    out = []
    for route in routes.discover():
        app = route.load().app
        if any(op.method == "GET" for op in app.operations):
            out.append(route.path)
    return out


def test_the_route_table_has_get_routes():
    assert {"/api/health", "/api/workflows/{id}", "/api/workflows/{id}/versions/{n}"} <= set(_get_paths())


@pytest.mark.parametrize("path", _get_paths())
def test_head_answers_like_get_without_a_body(server, real_ids, path):
    headers, ids = real_ids
    url = path.format(**ids)
    got = server.get(url, headers=headers)
    head = server.head(url, headers=headers)
    assert head.status_code == got.status_code, (url, head.status_code, got.status_code)
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers.get("etag") == got.headers.get("etag")
    assert int(head.headers["content-length"]) > 0


def test_head_on_a_missing_workflow_is_404_without_a_body(server, real_ids):
    headers, _ids = real_ids
    r = server.head("/api/workflows/nope", headers=headers)
    assert r.status_code == 404 and r.content == b""


def _crashing_app():
    boom = Endpoint("/boom", tag="test")

    @boom.get()
    def crash(ctx: Context) -> dict:
        raise RuntimeError("a bug")

    fine = Endpoint("/fine", tag="test")

    @fine.get()
    def ok(ctx: Context) -> dict:
        return {"ok": True}

    async def app(scope, receive, send):
        target = boom if scope.get("path") == "/boom" else fine
        await target(scope, receive, send)

    return app


@pytest.fixture
def uvicorn_server():
    import uvicorn

    config = uvicorn.Config(
        _crashing_app(), host="127.0.0.1", port=PORT, log_level="critical", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{PORT}"
    server.should_exit = True
    thread.join(timeout=10)


def _local_port(response: httpx.Response) -> int:
    return response.extensions["network_stream"].get_extra_info("client_addr")[1]


def test_a_500_keeps_the_keep_alive_connection(uvicorn_server):
    with httpx.Client(base_url=uvicorn_server, limits=httpx.Limits(max_connections=1)) as client:
        first = client.get("/fine")
        crashed = client.get("/boom")
        after = client.get("/fine")
        ports = [_local_port(r) for r in (first, crashed, after)]
    assert first.status_code == 200 and after.status_code == 200
    assert crashed.status_code == 500 and crashed.json()["error"]["code"] == "internal_error"
    assert crashed.headers.get("connection", "").lower() != "close"
    assert crashed.headers["x-content-type-options"] == "nosniff"
    assert len(set(ports)) == 1, f"the connection was reopened: local ports {ports}"
