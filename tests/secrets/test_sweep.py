"""The secrets sweep: keys in every place a Sim workflow can hold them, imported as CSV rows and as
JSON, then every API answer, the log and every table are searched for each clear value."""

import json
import logging
import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "imports"))

import rowfixtures as F
from keys import KEYS

# Values with no known format: found only because of the name they are kept under.
NAMED = {
    "body_password": "Hunter2-body-pw",
    "body_api_key": "plain-body-apikey-77",
    "data_token": "data-token-value-31",
    "variable_password": "Var-Passw0rd-9",
    "header_key": "Qx7Lm2Rt9Vb4Nc8Kd1Fg5Zz",
    "tool_param": "tool-param-secret-55",
    "query_token": "plainquerytoken42",
}
CLEAR = list(KEYS.values()) + list(NAMED.values())


def _sb(sid, ui, value):
    return {"id": sid, "type": ui, "value": value}


def _block(bid, btype, name, x, sub_blocks, data=None):
    return {
        "id": bid,
        "type": btype,
        "name": name,
        "position": {"x": x, "y": 0},
        "subBlocks": sub_blocks,
        "outputs": {},
        "enabled": True,
        "data": data or {},
    }


def leaky_state():
    """A JUL25 state with a clear key in every place listed in issue 10."""
    k, n = KEYS, NAMED
    blocks = {
        "start": _block("start", "starter", "Start", 0, F.starter_sub_blocks()),
        "api": _block(
            "api",
            "api",
            "API 1",
            300,
            {
                "url": _sb(
                    "url",
                    "short-input",
                    f"https://maps.example.com/v1/geo?key={k['google_api_key']}&token={n['query_token']}"
                    f"&secret={k['stripe_restricted']}&q=paris",
                ),
                "method": _sb("method", "dropdown", "POST"),
                "params": _sb("params", "table", []),
                "headers": _sb(
                    "headers",
                    "table",
                    [
                        {
                            "id": "h1",
                            "cells": {"Key": "Authorization", "Value": f"Bearer {k['stripe_secret_key']}"},
                        },
                        {"id": "h2", "cells": {"Key": "X-Api-Key", "Value": n["header_key"]}},
                        {"id": "h3", "cells": {"Key": "X-Enrich", "Value": "Bearer {{CLEARBIT_API_KEY}}"}},
                        {"id": "h4", "cells": {"Key": "X-Session", "Value": k["jwt"]}},
                    ],
                ),
                "body": _sb(
                    "body",
                    "code",
                    json.dumps(
                        {"password": n["body_password"], "api_key": n["body_api_key"], "q": "<start.ticket>"}
                    ),
                ),
            },
            data={"token": n["data_token"]},
        ),
        "fn": _block(
            "fn",
            "function",
            "Function 1",
            600,
            {
                "code": _sb(
                    "code",
                    "code",
                    f"const gh = '{k['github_token']}';\nconst aws = \"{k['aws_access_key_id']}\";\n"
                    f"const pat = `{k['github_pat']}`;\nreturn {{ok: true}};",
                )
            },
        ),
        "agent": _block(
            "agent",
            "agent",
            "Agent 1",
            900,
            {
                **F.agent_sub_blocks(f"Summarise <start.ticket>. Our key is {k['anthropic_api_key']}."),
                "systemPrompt": _sb(
                    "systemPrompt", "long-input", f"You may call OpenAI with {k['openai_api_key']} if needed."
                ),
                "apiKey": _sb("apiKey", "short-input", k["openai_api_key"]),
                "tools": _sb(
                    "tools",
                    "tool-input",
                    [
                        {
                            "type": "exa",
                            "title": "Exa",
                            "params": {"apiKey": n["tool_param"]},
                            "usageControl": "auto",
                        }
                    ],
                ),
            },
        ),
        "slack": _block(
            "slack",
            "slack",
            "Slack 1",
            1200,
            {
                "operation": _sb("operation", "dropdown", "send"),
                "authMethod": _sb("authMethod", "dropdown", "bot_token"),
                "botToken": _sb("botToken", "short-input", k["slack_bot_token"]),
                "channel": _sb("channel", "short-input", "#support"),
                "text": _sb("text", "long-input", f"Done. (user token {k['slack_user_token']})"),
            },
        ),
    }
    edges = [
        {"id": f"e{i}", "source": a, "target": b, "sourceHandle": "source", "targetHandle": "target"}
        for i, (a, b) in enumerate([("start", "api"), ("api", "fn"), ("fn", "agent"), ("agent", "slack")])
    ]
    return {"blocks": blocks, "edges": edges, "loops": {}, "parallels": {}}


def leaky_variables(wid):
    return {
        "v1": {
            "id": "v1",
            "workflowId": wid,
            "name": "dbPassword",
            "type": "plain",
            "value": NAMED["variable_password"],
        },
        "v2": {
            "id": "v2",
            "workflowId": wid,
            "name": "stripe",
            "type": "plain",
            "value": KEYS["stripe_secret_key"],
        },
    }


def _leaks(text):
    return [v for v in CLEAR if v in text]


@pytest.fixture
def leaky_tenant(client, api_key, tenant, store):
    """A tenant holding the leaky workflow twice: imported as Sim CSV rows and as a JSON envelope."""
    auth = {"Authorization": f"Bearer {api_key(tenant, 'admin')}"}
    state = leaky_state()
    csv_wid = str(uuid.uuid4())
    block_rows = [
        F.block_row(
            f"{csv_wid}-{bid}",
            csv_wid,
            b["type"],
            b["name"],
            b["position"]["x"],
            0,
            b["subBlocks"],
            b["data"],
        )
        for bid, b in state["blocks"].items()
    ]
    wrow = {**F.workflow_row(csv_wid, name="Leaky CSV"), "variables": json.dumps(leaky_variables(csv_wid))}
    files = [
        ("files", ("workflow_blocks.csv", F.to_csv(block_rows, F.BLOCK_COLUMNS), "text/csv")),
        ("files", ("workflow.csv", F.to_csv([wrow], F.WORKFLOW_COLUMNS), "text/csv")),
        (
            "files",
            (
                "leaky.json",
                json.dumps(
                    {
                        "version": "1.0",
                        "state": {
                            **state,
                            "variables": leaky_variables("x"),
                            "metadata": {"name": "Leaky JSON"},
                        },
                    }
                ).encode(),
                "application/json",
            ),
        ),
    ]
    r = client("api/workflows/import.py").post("/api/workflows/import", files=files, headers=auth)
    assert r.status_code == 200, r.text
    assert len(r.json()["imported"]) == 2, r.text
    assert _leaks(r.text) == []
    return tenant, auth, [i["id"] for i in r.json()["imported"]]


def test_no_clear_secret_in_any_answer_log_or_table(client, leaky_tenant, caplog, store):
    caplog.set_level(logging.DEBUG)
    tenant, auth, ids = leaky_tenant
    answers = []

    def get(path, url, **kw):
        r = client(path).get(url, headers=auth, **kw)
        answers.append((url, r.status_code, r.text + json.dumps(dict(r.headers))))
        return r

    for wid in ids:
        one = get("api/workflows/[id].py", f"/api/workflows/{wid}")
        assert one.status_code == 200
        assert "{{OPENAI_API_KEY}}" in one.text and "{{SLACK_BOT_TOKEN}}" in one.text
        for fmt in ("json", "yaml"):
            for target in ("jul25", "current"):
                r = get(
                    "api/workflows/[id]/export.py",
                    f"/api/workflows/{wid}/export?format={fmt}&target={target}",
                )
                assert r.status_code == 200
                assert "Bearer {{CLEARBIT_API_KEY}}" in r.text  # kept, not nulled
                assert "CLEARBIT_API_KEY" in r.headers["x-required-env"]
                if fmt == "json":
                    assert {"OPENAI_API_KEY", "SLACK_BOT_TOKEN", "CLEARBIT_API_KEY"} <= set(
                        r.json()["required_env"]
                    )
                else:
                    assert (
                        r.text.startswith("# required env: ") and "OPENAI_API_KEY" in r.text.splitlines()[0]
                    )
        r = client("api/workflows/[id]/validate.py").post(f"/api/workflows/{wid}/validate", headers=auth)
        answers.append(("validate stored", r.status_code, r.text))
    get("api/workflows/index.py", "/api/workflows")

    # posted documents: validate (nothing stored) and a create refused with 422 findings
    posted = json.dumps(leaky_state())
    r = client("api/validate.py").post(
        "/api/validate", content=posted, headers={**auth, "content-type": "application/json"}
    )
    answers.append(("validate posted", r.status_code, r.text))
    codes = {f["code"] for f in r.json()["findings"]}
    assert {"plaintext_secret", "plaintext_secret_value"} <= codes  # reported, by name and by value
    broken = leaky_state()
    broken["edges"].append({"id": "bad", "source": "api", "target": "nowhere"})
    r = client("api/workflows/index.py").post("/api/workflows", json={"state": broken}, headers=auth)
    assert r.status_code == 422
    answers.append(("create 422", r.status_code, r.text))
    r = client("api/workflows/index.py").post(
        "/api/workflows", json={"state": leaky_state(), "name": f"with {KEYS['github_token']}"}, headers=auth
    )
    assert r.status_code == 201
    answers.append(("create 201", r.status_code, r.text))
    r = client("api/generate.py").post(
        "/api/generate",
        json={"description": f"Every morning post the news to Slack using token {KEYS['slack_bot_token']}"},
        headers=auth,
    )
    assert r.status_code == 201, r.text
    assert "{{SLACK_BOT_TOKEN}}" in r.json()["workflow"]["description"]  # referenced before the model saw it
    answers.append(("generate", r.status_code, r.text))

    for where, status, text in answers:
        assert _leaks(text) == [], (where, status, _leaks(text))
    assert _leaks("\n".join(rec.getMessage() for rec in caplog.records)) == []
    assert _leaks(caplog.text) == []

    with store.transaction() as c:
        tables = [
            r["table_name"]
            for r in c.execute(
                "select table_name from information_schema.tables where table_schema = 'public'"
                " and table_type = 'BASE TABLE'"
            ).fetchall()
        ]
        assert "secrets" in tables and "workflow" in tables
        for table in tables:
            dump = "\n".join(r["t"] for r in c.execute(f'select t::text as t from "{table}" t').fetchall())
            assert _leaks(dump) == [], (table, _leaks(dump))
        stored = c.execute("select count(*) as n from secrets where tenant_id = %s", (tenant,)).fetchone()[
            "n"
        ]
    assert stored >= len(CLEAR) - 1  # every value kept (encrypted), once each


def test_reveal_is_admin_only_and_audited(client, leaky_tenant, api_key):
    from lib.store import audit

    tenant, admin, ids = leaky_tenant
    url = f"/api/workflows/{ids[0]}/secrets"
    app = client("api/workflows/[id]/secrets.py")
    for role in ("read", "write"):
        r = app.get(url, headers={"Authorization": f"Bearer {api_key(tenant, role)}"})
        assert r.status_code == 403 and _leaks(r.text) == []
    r = app.get(url, headers=admin)
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    body = r.json()
    values = {s["name"]: s["value"] for s in body["secrets"]}
    assert values["OPENAI_API_KEY"] == KEYS["openai_api_key"]
    assert values["SLACK_BOT_TOKEN"] == KEYS["slack_bot_token"]
    assert set(NAMED.values()) <= set(values.values()) | {NAMED["variable_password"]}
    assert body["missing"] == ["CLEARBIT_API_KEY"]  # referenced, never given to us
    entry = audit.entries(tenant)[0]
    assert entry["action"] == "reveal secrets" and entry["target_id"] == ids[0]
    assert entry["actor"].startswith("key:") and "OPENAI_API_KEY" in entry["details"]["names"]
    assert _leaks(json.dumps(entry, default=str)) == []
    other = client("api/workflows/[id]/secrets.py").get(
        url, headers={"Authorization": f"Bearer {api_key('someone-else', 'admin')}"}
    )
    assert other.status_code == 404


def test_same_value_same_name_and_rewrites_are_stable(leaky_tenant):
    from lib.store import workflows

    tenant, _auth, ids = leaky_tenant
    a, b = (workflows.get(tenant, i) for i in ids)
    refs = lambda rec: rec.state["blocks"]
    assert refs(a)["agent"]["subBlocks"]["apiKey"]["value"] == "{{OPENAI_API_KEY}}"
    key_of = lambda rec: next(v for v in refs(rec) if v.endswith("agent") or v == "agent")
    assert refs(b)[key_of(b)]["subBlocks"]["apiKey"]["value"] == "{{OPENAI_API_KEY}}"
    fn = next(blk for blk in a.state["blocks"].values() if blk["type"] == "function")
    assert fn["subBlocks"]["code"]["value"].startswith("const gh = {{GITHUB_TOKEN}};")
    again = workflows.replace(tenant, a.id, state=a.state, expected_version=a.version)
    assert again.state == a.state  # references only: nothing more to move


def test_crash_logs_the_type_only(tenant, api_key, monkeypatch, caplog):
    """An unexpected error is answered inside the route: nothing propagates to the server, which
    would log the traceback and the exception's text (a database error quotes the row)."""
    from starlette.testclient import TestClient

    from lib.web.routes import load_module
    from lib.workflows import service

    def boom(*_a, **_k):
        raise ValueError(f'CONTEXT: JSON data, line 1: "value": ["{KEYS["stripe_secret_key"]}"')

    monkeypatch.setattr(service, "read", boom)
    caplog.set_level(logging.DEBUG)
    app = load_module(Path(__file__).resolve().parents[2] / "api/workflows/[id].py").app
    with TestClient(app, raise_server_exceptions=True) as c:  # would raise if it reached the server
        r = c.get(f"/api/workflows/{uuid.uuid4()}", headers={"Authorization": f"Bearer {api_key(tenant)}"})
    assert r.status_code == 500 and r.json()["error"]["code"] == "internal_error"
    assert r.headers["x-request-id"] != "-"
    assert _leaks(r.text + caplog.text) == [] and "ValueError" in caplog.text


def test_server_log_filter_keeps_only_the_exception_type():
    from lib.web.server import TypesOnly

    try:
        raise RuntimeError(f"row holds {KEYS['github_token']}")
    except RuntimeError:
        record = logging.LogRecord(
            "uvicorn.error", logging.ERROR, __file__, 1, "Exception in %s", ("app",), sys.exc_info()
        )
    assert TypesOnly().filter(record)
    text = logging.Formatter().format(record)
    assert text == "Exception in app [RuntimeError; details withheld]" and _leaks(text) == []
