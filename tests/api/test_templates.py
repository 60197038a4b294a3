"""GET /api/templates and GET /api/templates/{name}: public, edge-cacheable, 404 as JSON."""

from __future__ import annotations

from lib.templates.models import CATEGORIES

LIST = "api/templates/index.py"
ONE = "api/templates/[name].py"


def test_list_has_every_template_and_category_counts(client):
    r = client(LIST).get("/api/templates")
    assert r.status_code == 200
    body = r.json()
    assert len(body["templates"]) == 13
    assert [c["name"] for c in body["categories"]] == list(CATEGORIES)
    assert {c["count"] for c in body["categories"]} == {1}
    first = body["templates"][0]
    assert {
        "name",
        "display_name",
        "description",
        "category",
        "tags",
        "integrations",
        "complexity",
        "version",
        "customizable_fields",
        "block_count",
    } <= set(first)
    assert "state" not in first


def test_list_filters_by_category_and_words(client):
    c = client(LIST)
    one = c.get("/api/templates", params={"category": "crypto-trading"}).json()
    assert [t["name"] for t in one["templates"]] == ["crypto-price-alerts"]
    assert sum(x["count"] for x in one["categories"]) == 13  # counts ignore the category filter

    words = c.get("/api/templates", params={"q": "github review"}).json()
    assert [t["name"] for t in words["templates"]] == ["ai-pr-reviewer"]
    assert {x["name"]: x["count"] for x in words["categories"]}["engineering-devops"] == 1

    bad = c.get("/api/templates", params={"colour": "red"})
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "query.colour"


def test_templates_are_edge_cacheable_with_etag_and_304(client):
    c = client(LIST)
    r = c.get("/api/templates")
    assert "public" in r.headers["cache-control"] and "s-maxage" in r.headers["cache-control"]
    etag = r.headers["etag"]
    again = c.get("/api/templates", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    one = client(ONE).get("/api/templates/kb-qa-assistant")
    assert "s-maxage" in one.headers["cache-control"] and one.headers["etag"]


def test_templates_need_no_key_even_when_auth_is_required(client, settings_env):
    settings_env(AUTH_REQUIRED="true")
    assert client(LIST).get("/api/templates").status_code == 200
    assert client(ONE).get("/api/templates/weekly-finance-report").status_code == 200


def test_one_template_with_its_state(client):
    r = client(ONE).get("/api/templates/parallel-deep-research")
    assert r.status_code == 200
    body = r.json()
    assert body["category"] == "research"
    assert "parallel" in body["integrations"]
    assert body["state"]["parallels"] and body["state"]["blocks"]
    assert body["customizable_fields"][0]["path"].startswith("/blocks/")


def test_unknown_template_is_a_json_404(client):
    r = client(ONE).get("/api/templates/no-such-template")
    assert r.status_code == 404
    body = r.json()
    assert body["error"]["code"] == "not_found"
    assert "no-such-template" in body["error"]["message"]
    assert body["request_id"]
