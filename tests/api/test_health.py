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


def test_health_says_which_embedder_is_configured(client, settings_env):
    body = client("api/health.py").get("/api/health").json()
    assert body["embeddings"] == {"kind": "local", "name": "local:all-MiniLM-L6-v2", "dim": 384}
    assert "all-MiniLM-L6-v2" in " ".join(body["notes"])
    settings_env(OPENAI_API_KEY="sk-health-secret")
    r = client("api/health.py").get("/api/health")
    assert r.json()["embeddings"]["name"] == "openai:text-embedding-3-small"
    assert "sk-health-secret" not in r.text
