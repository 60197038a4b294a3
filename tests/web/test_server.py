"""The local server: api/ functions at their Vercel paths, public/ at the root."""


def test_routes_and_static_files(server):
    assert server.get("/api/health").json()["database"]["ok"] is True
    page = server.get("/")
    assert page.status_code == 200 and "Agent Forge" in page.text
    assert (
        page.headers["x-frame-options"] == "DENY"
        and "default-src 'self'" in page.headers["content-security-policy"]
    )
    assert server.get("/docs.html").status_code == 200
    assert server.get("/nope.txt").status_code == 404
    missing = server.get("/api/does/not/exist")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_openapi_document_covers_every_route(server):
    from lib.web import routes

    doc = server.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    for route in routes.discover():
        assert route.path in doc["paths"], route.path
    for path, item in doc["paths"].items():
        for method, op in item.items():
            assert op["responses"], (path, method)
            for _status, resp in op["responses"].items():
                ref = resp.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
                if ref:
                    assert ref.split("/")[-1] in doc["components"]["schemas"], ref


def test_vercel_rewrites_are_served_locally(server):
    """/docs, /redoc and /openapi.json answer locally from vercel.json's own rewrites list."""
    import json

    from lib.config import ROOT

    rewrites = json.loads((ROOT / "vercel.json").read_text())["rewrites"]
    assert {r["source"] for r in rewrites} >= {"/docs", "/redoc", "/openapi.json"}
    for r in rewrites:
        short, target = server.get(r["source"]), server.get(r["destination"])
        assert short.status_code == target.status_code == 200, r
        assert short.content == target.content, r
        assert "content-security-policy" in short.headers or r["destination"].startswith("/api/")
