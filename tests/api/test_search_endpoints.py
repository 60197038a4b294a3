"""The three search endpoints over HTTP: shapes, tenant isolation, errors, route precedence."""

from __future__ import annotations

import copy

import pytest

from lib.templates import catalogue
from lib.web.routes import match

SEARCH = "api/workflows/semantic-search.py"
SIMILAR = "api/workflows/similar/[id].py"
PATTERN = "api/workflows/pattern-match.py"
LIST = "api/workflows/index.py"


@pytest.fixture
def headers(api_key, tenant):
    return {"Authorization": f"Bearer {api_key(tenant)}"}


@pytest.fixture
def other(api_key):
    import uuid

    t = f"t-{uuid.uuid4().hex[:12]}"
    return t, {"Authorization": f"Bearer {api_key(t)}"}


def _store(client, headers, template: str, **fields) -> str:
    r = client(LIST).post(
        "/api/workflows", json={"state": catalogue.get(template).state, **fields}, headers=headers
    )
    assert r.status_code == 201, r.text
    return r.json()["id"]


def _disguised(template: str) -> dict:
    """The template's structure with every name and text changed."""
    state = copy.deepcopy(catalogue.get(template).state)
    for i, block in enumerate(state["blocks"].values()):
        block["name"] = f"Part {i}"
        for key in ("systemPrompt", "userPrompt", "text", "content"):
            sub = block["subBlocks"].get(key)
            if sub and isinstance(sub.get("value"), str) and "<" not in sub["value"]:
                sub["value"] = "Lorem ipsum dolor sit amet."
    return state


def test_the_search_routes_win_over_the_workflow_id_route():
    assert match("/api/workflows/semantic-search")[0].path == "/api/workflows/semantic-search"
    assert match("/api/workflows/pattern-match")[0].path == "/api/workflows/pattern-match"
    assert match("/api/workflows/similar/abc")[0].path == "/api/workflows/similar/{id}"
    assert match("/api/workflows/similar/export")[0].path == "/api/workflows/similar/{id}"
    assert match("/api/workflows/abc")[0].path == "/api/workflows/{id}"


def test_semantic_search_answers_the_documented_shape(client, headers):
    wid = _store(client, headers, "crypto-price-alerts", name="Coin watcher", category="crypto-trading")
    r = client(SEARCH).post(
        "/api/workflows/semantic-search",
        json={"query": "tell me when bitcoin jumps", "limit": 5},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert set(results[0]) == {"kind", "id", "name", "category", "score", "matched"}
    assert set(results[0]["matched"]) == {"text", "vector"}
    found = {(x["kind"], x["id"]) for x in results[:2]}
    assert found == {("workflow", wid), ("template", "crypto-price-alerts")}
    only = client(SEARCH).post(
        "/api/workflows/semantic-search",
        json={"query": "bitcoin", "kind": "template", "category": "crypto-trading", "limit": 3},
        headers=headers,
    )
    assert [x["id"] for x in only.json()["results"]] == ["crypto-price-alerts"]


def test_search_finds_only_the_callers_workflows_and_templates(client, headers, other):
    mine = _store(client, headers, "kb-qa-assistant", name="Docs answerer")
    _, theirs_headers = other
    theirs = _store(client, theirs_headers, "kb-qa-assistant", name="Docs answerer")
    for h, own, foreign in ((headers, mine, theirs), (theirs_headers, theirs, mine)):
        r = client(SEARCH).post(
            "/api/workflows/semantic-search", json={"query": "Docs answerer", "limit": 50}, headers=h
        )
        ids = {x["id"] for x in r.json()["results"]}
        assert own in ids and foreign not in ids
        assert {x["kind"] for x in r.json()["results"]} == {"workflow", "template"}


def test_similar_excludes_itself_and_finds_its_twin(client, headers):
    a = _store(client, headers, "ai-pr-reviewer", name="Review bot A")
    b = _store(client, headers, "ai-pr-reviewer", name="Review bot B")
    r = client(SIMILAR).get(f"/api/workflows/similar/{a}?limit=5", headers=headers)
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    ids = [x["id"] for x in results]
    assert a not in ids and ids[0] in (b, "ai-pr-reviewer")
    assert {b, "ai-pr-reviewer"} <= set(ids[:2])
    assert results[0]["matched"]["vector"] == results[0]["score"] > 0.9


def test_similar_is_404_for_another_tenants_workflow_and_never_shows_theirs(client, headers, other):
    _, theirs_headers = other
    theirs = _store(client, theirs_headers, "ai-pr-reviewer", name="Their reviewer")
    mine = _store(client, headers, "ai-pr-reviewer", name="My reviewer")
    r = client(SIMILAR).get(f"/api/workflows/similar/{theirs}", headers=headers)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = client(SIMILAR).get(f"/api/workflows/similar/{mine}?limit=50", headers=headers)
    assert theirs not in {x["id"] for x in r.json()["results"]}
    assert client(SIMILAR).get("/api/workflows/similar/no-such-id", headers=headers).status_code == 404


def test_similar_accepts_a_template_name(client, headers):
    r = client(SIMILAR).get("/api/workflows/similar/daily-inbox-digest?limit=3", headers=headers)
    assert r.status_code == 200
    assert "daily-inbox-digest" not in {x["id"] for x in r.json()["results"]}


def test_pattern_match_ranks_the_structural_twin_first_despite_other_words(client, headers, other):
    twin = _store(
        client, headers, "resume-screening", name="Zebra feeding schedule", description="Nothing alike"
    )
    _store(
        client, headers, "kb-qa-assistant", name="Hiring resumes candidates screening"
    )  # words, not structure
    _, theirs_headers = other
    theirs = _store(client, theirs_headers, "resume-screening", name="Their twin")
    r = client(PATTERN).post(
        "/api/workflows/pattern-match",
        json={"state": _disguised("resume-screening"), "kind": "workflow", "limit": 5},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert results[0]["id"] == twin and results[0]["score"] == 1.0
    assert "identical structure" in results[0]["reasons"]
    assert theirs not in {x["id"] for x in results}
    both = (
        client(PATTERN)
        .post("/api/workflows/pattern-match", json={"state": _disguised("resume-screening")}, headers=headers)
        .json()["results"]
    )
    assert {(x["kind"], x["id"]) for x in both[:2]} == {("workflow", twin), ("template", "resume-screening")}


def test_pattern_match_reads_a_description_and_explains_each_match(client, headers):
    r = client(PATTERN).post(
        "/api/workflows/pattern-match",
        json={
            "description": "Every hour fetch the bitcoin price; if it moved more than 5% alert me on Telegram"
        },
        headers=headers,
    )
    assert r.status_code == 200, r.text
    best = r.json()["results"][0]
    assert best["id"] == "crypto-price-alerts"
    assert any(reason.startswith("same trigger") for reason in best["reasons"])


@pytest.mark.parametrize(
    "path, body, status, field",
    [
        (SEARCH, {"query": ""}, 422, "body.query"),
        (SEARCH, {"query": "   "}, 422, "body.query"),
        (SEARCH, {"query": "x" * 1001}, 422, "body.query"),
        (SEARCH, {}, 422, "body.query"),
        (SEARCH, {"query": 5}, 422, "body.query"),
        (SEARCH, {"query": "ok", "limit": 0}, 422, "body.limit"),
        (SEARCH, {"query": "ok", "limit": 51}, 422, "body.limit"),
        (SEARCH, {"query": "ok", "kind": "folder"}, 422, "body.kind"),
        (SEARCH, {"query": "ok", "min_score": 2}, 422, "body.min_score"),
        (SEARCH, {"query": "ok", "colour": "red"}, 422, "body.colour"),
        (PATTERN, {}, 422, "body"),
        (PATTERN, {"description": "x" * 5000}, 422, "body.description"),
        (PATTERN, {"state": {"blocks": {}}, "description": "both"}, 422, "body"),
        (PATTERN, {"state": {"blocks": {}, "edges": []}}, 422, "body.state"),
        (PATTERN, {"state": "not an object"}, 422, "body.state"),
    ],
)
def test_bad_queries_are_clear_4xx_errors(client, headers, path, body, status, field):
    url = "/api/workflows/semantic-search" if path == SEARCH else "/api/workflows/pattern-match"
    r = client(path).post(url, json=body, headers=headers)
    assert r.status_code == status, r.text
    assert r.json()["error"]["field"] == field


def test_malformed_json_is_a_400(client, headers):
    for path, url in ((SEARCH, "/api/workflows/semantic-search"), (PATTERN, "/api/workflows/pattern-match")):
        r = client(path).post(
            url, content=b'{"query": ', headers={**headers, "content-type": "application/json"}
        )
        assert r.status_code == 400 and r.json()["error"]["code"] == "malformed_input"


def test_similar_rejects_a_bad_limit(client, headers):
    wid = _store(client, headers, "ai-pr-reviewer")
    r = client(SIMILAR).get(f"/api/workflows/similar/{wid}?limit=500", headers=headers)
    assert r.status_code == 422 and r.json()["error"]["field"] == "query.limit"


def test_search_needs_only_read_rights(client, api_key, tenant, settings_env):
    settings_env(AUTH_REQUIRED="true")
    read = {"Authorization": f"Bearer {api_key(tenant, 'read')}"}
    assert client(SEARCH).post("/api/workflows/semantic-search", json={"query": "slack"}).status_code == 401
    assert (
        client(SEARCH)
        .post("/api/workflows/semantic-search", json={"query": "slack"}, headers=read)
        .status_code
        == 200
    )
    r = client(PATTERN).post(
        "/api/workflows/pattern-match", json={"description": "post to slack daily"}, headers=read
    )
    assert r.status_code == 200
