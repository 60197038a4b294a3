"""The route table comes from the api/ file tree, as Vercel builds it."""

from pathlib import Path

from lib.web import routes
from lib.web.endpoint import Endpoint


def test_paths_follow_vercel_file_system_routing(tmp_path):
    for rel in (
        "health.py",
        "workflows/index.py",
        "workflows/[id].py",
        "workflows/[id]/export.py",
        "workflows/import.py",
        "_helpers.py",
        "workflows/_private/x.py",
    ):
        f = tmp_path / "api" / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("")
    routes.discover.cache_clear()
    try:
        import lib.web.routes as r

        original = r.ROOT
        r.ROOT = tmp_path
        found = {x.path for x in r.discover(tmp_path / "api")}
    finally:
        r.ROOT = original
        routes.discover.cache_clear()
    assert found == {
        "/api/health",
        "/api/workflows",
        "/api/workflows/{id}",
        "/api/workflows/{id}/export",
        "/api/workflows/import",
    }


def test_static_segments_win_over_dynamic_ones():
    ordered = [r.dynamic for r in routes.discover()]
    assert ordered == sorted(ordered)


def test_every_route_file_exports_an_endpoint_app_and_a_lambda_handler():
    from mangum import Mangum

    for route in routes.discover():
        module = route.load()
        assert isinstance(module.app, Endpoint), route.file
        assert isinstance(module.handler, Mangum), route.file
        assert module.app.path == route.path, f"{route.file}: Endpoint path {module.app.path} != {route.path}"
        assert sum(1 for _ in Path(route.file).open()) <= 80, f"{route.file} is not thin"
