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


def test_health_says_which_build_this_is(client, settings_env):
    settings_env(
        VERCEL_ENV="preview",
        VERCEL_GIT_COMMIT_REF="feature/previews",
        VERCEL_GIT_COMMIT_SHA="0123456789abcdef0123456789abcdef01234567",
    )
    body = client("api/health.py").get("/api/health").json()
    assert body["deployment"] == {
        "environment": "preview",
        "branch": "feature/previews",
        "commit": "0123456789abcdef0123456789abcdef01234567",
        "auth_required": True,
    }
    assert body["database"]["schema_version"] == body["database"]["latest_schema_version"]
    assert set(body["providers"]) >= {"anthropic", "openai"}


def test_health_outside_vercel_is_development(client):
    body = client("api/health.py").get("/api/health").json()
    assert body["deployment"]["environment"] == "development"
    assert body["deployment"]["branch"] is None and body["deployment"]["auth_required"] is False


def test_auth_is_on_in_a_preview_unless_turned_off(client, settings_env, tenant, api_key):
    settings_env(VERCEL_ENV="preview")
    workflows = client("api/workflows/index.py")
    r = workflows.get("/api/workflows")
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    key = api_key(tenant, "read")
    assert workflows.get("/api/workflows", headers={"authorization": f"Bearer {key}"}).status_code == 200
    settings_env(AUTH_REQUIRED="false")
    assert workflows.get("/api/workflows").status_code == 200


def test_health_refuses_a_schema_newer_than_the_code(client, request):
    import psycopg

    from lib.store import db

    url = request.getfixturevalue("scratch_db")
    from lib.store import migrations

    migrations.migrate()
    with psycopg.connect(url) as c:
        c.execute(
            "insert into agent_forge_migrations (version, name, checksum) values ('29991231000000', 'x', 'x')"
        )
    db.close()
    r = client("api/health.py").get("/api/health")
    assert r.status_code == 503
    body = r.json()
    assert body["status"] == "down" and body["database"]["schema_version"] == "29991231000000"
    assert "newer than this deployment" in body["degraded"][0]
