"""GET /api/block-types: the registry, public and edge-cacheable."""


def test_lists_registry_publicly_with_etag(client, settings_env):
    settings_env(AUTH_REQUIRED="true")
    api = client("api/block-types.py")
    r = api.get("/api/block-types")
    assert r.status_code == 200 and r.headers["cache-control"].startswith("public")
    body = r.json()
    types = {b["type"]: b for b in body["block_types"]}
    assert body["count"] == len(types) and {"agent", "starter", "api", "loop", "parallel"} <= set(types)
    agent = types["agent"]
    assert agent["category"] == "blocks" and agent["era"] == "jul25" and "apiKey" in agent["secret_fields"]
    assert any(s["id"] == "model" for s in agent["sub_blocks"])
    assert types["webhook"]["replaced_by"] == "generic_webhook"
    again = api.get("/api/block-types", headers={"if-none-match": r.headers["etag"]})
    assert again.status_code == 304
