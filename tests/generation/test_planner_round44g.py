"""Planner round 44g on our own descriptions (`planner_round44g.jsonl`, in no bench set, each written before its
fix): the fields an event, a call or a row is said to bring ('the form posts to a webhook — it sends the owner's
name, email, the street address …', 'called by API with {title, author}', 'each row has name, phone and
pickup_time'), named again by a later step ('search Exa for the house (street address, town, build year)', 'text
each customer their pickup time'): the step's query or message reads those fields, not the words. Voices: a small
business, a form payload, a spec, a user story, a voice memo, chat, German and Spanish lines."""

from __future__ import annotations

import pytest

from lib.generation import planner
from lib.generation.compose import compose
from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r44g-08-voice-memo-webhook-sends": "'saved in a Google Doc' after 'draft a quick note' is read as a Google Docs read "
    "(the note is never written), and the search query runs on into the next clause",
    "r44g-09-german-webhook-search": "the German line is refused: 'sendet an einen Webhook …' is not read as an "
    "event that starts the run",
    "r44g-10-user-story-api-with": "'call the workflow by API' builds an HTTP request block ahead of the search, "
    "which then searches that request's answer instead of the run's inputs",
}


@pytest.mark.parametrize("item", cases("planner_round44g.jsonl", _KNOWN))
def test_round44g_description_comes_out_right(item):
    assert_right(item, seed="r44g")


def _lines() -> dict[str, str]:
    import json
    from pathlib import Path

    path = Path(__file__).with_name("planner_round44g.jsonl")
    return {d["id"]: d["description"] for d in map(json.loads, path.read_text().splitlines()) if d}


# id → (block type, the field holding what it searches for or says, references it must hold)
_FIELDS: dict[str, tuple[str, str, list[str]]] = {
    "r44g-01-webhook-sends-search-owner-list": (
        "exa",
        "query",
        ["payload.street_address>", "payload.town>", "payload.build_year>"],
    ),
    "r44g-02-webhook-includes-tavily": ("tavily", "query", ["payload.company>"]),
    "r44g-03-api-braced-perplexity": ("perplexity", "content", ["<start.title>", "<start.author>"]),
    "r44g-04-manual-with-fields-exa": ("exa", "query", ["<start.company_name>", "<start.country>"]),
    "r44g-05-webhook-brings-research-bullets": ("exa", "query", ["payload.condition>", "payload.postcode>"]),
    "r44g-06-sheet-rows-has-text-field": ("twilio_sms", "message", ["<loop.currentItem.pickup_time>"]),
    "r44g-07-webhook-fields-colon-serper": ("serper", "query", ["payload.company_domain>"]),
    "r44g-08-voice-memo-webhook-sends": ("exa", "query", ["payload.car_model>", "payload.year>"]),
    "r44g-10-user-story-api-with": ("tavily", "query", ["<start.current_employer>"]),
    "r44g-11-webhook-sends-linkup": ("linkup", "q", ["payload.product_line>", "payload.region>"]),
    "r44g-12-control-no-fields-manual": ("exa", "query", ["<start.input>"]),
    "r44g-13-chat-style-webhook-has": ("tavily", "query", ["payload.city>"]),
    "r44g-15-spec-api-with-fields": ("exa", "query", ["<start.product_name>", "<start.supplier>"]),
    "r44g-16-loop-rows-include-email-message": ("@email", "body", ["renewal_date>", "plan>"]),
}
_FIELDS_KNOWN: dict[str, str] = {
    "r44g-05-webhook-brings-research-bullets": "the bullet's words are cut before 'the postcode' (the step's text "
    "runs into the next bullet), so only the condition is read",
    "r44g-10-user-story-api-with": "'call the workflow by API' builds an HTTP request block ahead of the search",
}


@pytest.mark.parametrize(
    "key",
    [
        pytest.param(k, marks=pytest.mark.xfail(strict=True, reason=_FIELDS_KNOWN[k]))
        if k in _FIELDS_KNOWN
        else k
        for k in _FIELDS
    ],
)
def test_a_step_naming_declared_fields_reads_them(key):
    block_type, field, refs = _FIELDS[key]
    state = compose(planner.plan(_lines()[key]), seed="r44g").state
    types = {"gmail", "outlook", "mail"} if block_type == "@email" else {block_type}
    values = [
        str((b.get("subBlocks") or {}).get(f, {}).get("value") or "")
        for b in state["blocks"].values()
        if b["type"] in types
        for f in ([field, "message", "body", "text"] if block_type == "@email" else [field])
    ]
    said = " ".join(values)
    assert values and all(r in said for r in refs), (refs, values)
