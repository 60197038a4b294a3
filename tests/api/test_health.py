def test_health_queries_the_database(client):
    r = client("api/health.py").get("/api/health")
    assert r.status_code == 200
    body = r.json()
    assert body["database"]["ok"] is True
    assert body["database"]["schema_version"] == body["database"]["latest_schema_version"]
    assert body["database"]["pgvector"].startswith("0.8")
    assert body["providers"]["anthropic"] is False
    assert body["status"] == "ok" and body["degraded"] == []
    assert "offline planner" in " ".join(body["notes"])
    assert r.headers["x-request-id"]


def test_health_is_503_when_the_database_is_unreachable(client, settings_env, monkeypatch):
    from lib.store import db

    db.close()
    settings_env(DATABASE_URL="postgresql://nobody@127.0.0.1:1/none?connect_timeout=1")
    try:
        r = client("api/health.py").get("/api/health")
        assert r.status_code == 503
        assert r.json()["status"] == "down"
        assert "nobody" not in r.text
    finally:
        db.close()
        monkeypatch.delenv("DATABASE_URL")
        from lib.config import settings

        settings.cache_clear()
