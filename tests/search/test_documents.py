"""Search documents carry what a person would search for, and never a secret value."""

from __future__ import annotations

import copy

from lib.search import documents
from lib.store import db
from lib.templates import catalogue

SECRETS = [
    "sk-proj-AbCdEf0123456789abcdef0123456789",
    "xoxb-1234567890-abcdefghijABCDEFGHIJ",
    "ghp_0123456789abcdefABCDEF0123456789abcd",
    "AKIAIOSFODNN7EXAMPLE",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc",
    "hunter2-very-secret-password",
]


def _state_with_secrets() -> dict:
    state = copy.deepcopy(catalogue.get("support-ticket-triage").state)
    agent = next(b for b in state["blocks"].values() if b["type"] == "agent")
    agent["subBlocks"]["apiKey"] = {"id": "apiKey", "type": "short-input", "value": SECRETS[0]}
    agent["subBlocks"]["systemPrompt"]["value"] += f" Use token {SECRETS[1]} and {{{{OPENAI_API_KEY}}}}."
    slack = next(b for b in state["blocks"].values() if b["type"] == "slack")
    slack["subBlocks"]["botToken"] = {"id": "botToken", "type": "short-input", "value": SECRETS[5]}
    api = next(b for b in state["blocks"].values() if b["type"] == "api")
    api["subBlocks"]["url"]["value"] = f"https://user:{SECRETS[5]}@api.example.com/v1/items?key={SECRETS[3]}"
    api["subBlocks"]["body"] = {"id": "body", "type": "code", "value": f'{{"auth": "{SECRETS[2]}"}}'}
    slack["subBlocks"]["text"]["value"] = f"Escalation {SECRETS[4]} for the on-call team"
    return state


def test_no_secret_value_reaches_any_indexed_field():
    doc = documents.build(
        kind="workflow",
        ref_id="w1",
        name="Ticket triage",
        description="Sorts tickets",
        category="customer-support",
        status="draft",
        state=_state_with_secrets(),
    )
    indexed = " ".join([doc.name, doc.text_b, doc.text_c, doc.text_d, doc.embed_text])
    for secret in SECRETS:
        assert secret not in indexed
        assert secret[:12] not in indexed
    assert "OPENAI_API_KEY" not in indexed and "{{" not in indexed
    # …while the human text stays searchable
    assert "support triage specialist" in doc.text_c
    assert "api.example.com/v1/items" in doc.text_d
    assert "Escalation" in doc.text_d and "on-call team" in doc.text_d


def test_stored_rows_hold_no_secret_and_full_text_cannot_find_one(store, tenant):
    from lib.search.indexing import reindex
    from lib.store import workflows

    workflows.create(tenant, state=_state_with_secrets(), name="Ticket triage", reindex=reindex)
    with db.transaction() as c:
        rows = c.execute(
            "select d::text as doc from search_documents d where tenant_id = %s", (tenant,)
        ).fetchall()
        hits = c.execute(
            "select count(*) as n from search_documents where tenant_id = %s"
            " and tsv @@ websearch_to_tsquery('simple', %s)",
            (tenant, "hunter2 OR AKIAIOSFODNN7EXAMPLE OR xoxb"),
        ).fetchone()["n"]
    assert len(rows) == 1
    for secret in SECRETS:
        assert secret not in rows[0]["doc"]
    assert hits == 0


def test_scrub_keeps_words_and_cuts_urls_to_host_and_path():
    assert documents.scrub("post to #sales at 9:00 daily") == "post to #sales at 9:00 daily"
    assert documents.scrub("see https://x.io/a/b?page=2#top now") == "see x.io/a/b now"
    cut = documents.scrub("see https://x.io/a/b?token=abc123def now")
    assert cut.startswith("see x.io/a/b") and "abc123def" not in cut and "token" not in cut
    assert documents.scrub("key {{SLACK_TOKEN}} here") == "key here"
    assert documents.scrub("id 5f2b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b") == "id"


def test_documents_name_integrations_operations_and_tags():
    doc = documents.for_template(catalogue.get("inbound-lead-router"))
    assert doc.kind == "template" and doc.ref_id == "inbound-lead-router"
    assert "Exa" in doc.text_b and "Slack" in doc.text_b and "hubspot" in doc.text_b
    assert "Slack Send Message" in doc.text_c
    assert doc.features["arity:router-3way"] == 1.0
    assert abs(float((doc.shape**2).sum()) - 1.0) < 1e-5


def test_the_content_hash_follows_what_the_embedder_reads():
    t = catalogue.get("weekly-finance-report")
    a = documents.for_template(t)
    b = documents.build(
        kind="template",
        ref_id=t.name,
        name=t.display_name,
        description=t.description,
        category=t.category,
        status="archived",  # a filter column, not embedded text
        state=t.state,
        tags=list(t.tags),
    )
    assert a.content_hash == b.content_hash
    c = documents.build(
        kind="template",
        ref_id=t.name,
        name="Other",
        description=None,
        category=None,
        status=None,
        state=t.state,
    )
    assert c.content_hash != a.content_hash
