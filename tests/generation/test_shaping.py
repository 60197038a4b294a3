"""JSON values that carry another block's output are built by a function block (lib/generation/shaping)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from lib.generation import planner
from lib.generation.compose import compose
from lib.generation.plan import PlanBlock, PlanEdge, PlanValue, WorkflowPlan
from lib.generation.shaping import shape_json_values
from lib.validation import runtime_findings, validate

_TRICKY = 'He said "ship it" on <Monday>\nthen left'


def _evaluate(code: str, values: dict[str, object]) -> object:
    """What Sim's function would return: each <ref> written as a literal (as Sim's resolver does in
    code), then the expression (JSON, '+' and text(…)) evaluated."""
    body = code.split("\n", 1)[1].strip()
    assert body.startswith("return ") and body.endswith(";")
    expr = body[len("return ") : -1]
    expr = re.sub(r"<([A-Za-z0-9_.]+)>", lambda m: repr(values[m.group(1)]), expr).replace(")?.[", ")[")

    def text(v: object) -> str:
        return v if isinstance(v, str) else json.dumps(v)

    return eval(
        expr, {"text": text, "true": True, "false": False, "null": None}
    )  # the expression built here, from test data only


def _plan(block_type: str, field: str, value: str) -> WorkflowPlan:
    return WorkflowPlan(
        name="t",
        summary="t",
        blocks=[
            PlanBlock(
                id="start",
                type="starter",
                name="Start",
                values=[PlanValue(id="startWorkflow", value="manual")],
            ),
            PlanBlock(
                id="agent1", type="agent", name="Agent 1", values=[PlanValue(id="userPrompt", value="hi")]
            ),
            PlanBlock(id="w", type=block_type, name="Writer 1", values=[PlanValue(id=field, value=value)]),
        ],
        edges=[PlanEdge(source="start", target="agent1"), PlanEdge(source="agent1", target="w")],
    )


def test_an_excel_row_of_an_answer_is_built_by_a_function():
    state = compose(
        planner.plan(
            "Every morning at 9 summarise the AI news with an agent and add the summary as a row to our Excel sheet 'Log'"
        ),
        seed="s",
    ).state
    blocks = {b["name"]: b for b in state["blocks"].values()}
    excel, fn = blocks["Microsoft Excel 1"], blocks["Format Microsoft Excel 1"]
    assert excel["subBlocks"]["values"]["value"] == "<formatmicrosoftexcel1.result>"
    assert _evaluate(fn["subBlocks"]["code"]["value"], {"agent1.content": _TRICKY}) == [[_TRICKY]]
    # the function sits between the answer and the write
    pairs = {(e["source"], e["target"]) for e in state["edges"]}
    assert (blocks["Agent 1"]["id"], fn["id"]) in pairs and (fn["id"], excel["id"]) in pairs
    assert [f.code for f in runtime_findings(validate(state)) if f.severity == "error"] == []


def test_an_object_inside_a_record_becomes_its_json_text_and_literal_angles_are_escaped():
    plan = _plan(
        "airtable", "records", '[{"fields": {"Content": "Score < 6: <start.webhook.data.payload>", "n": 3}}]'
    )
    notes = shape_json_values(plan)
    fn = plan.block("formatwriter1")
    assert fn is not None and fn.type == "function" and len(notes) == 1
    assert plan.value("w", "records") == "<formatwriter1.result>"
    code = plan.value("formatwriter1", "code") or ""
    assert "< 6" not in code  # Sim would read '< 6 … <start…>' as one tag
    payload = {"a": 'x"y'}
    assert _evaluate(code, {"start.webhook.data": {"payload": payload}}) == [
        {"fields": {"Content": "Score < 6: " + json.dumps(payload), "n": 3}}
    ]
    assert [(e.source, e.target) for e in plan.edges] == [
        ("start", "agent1"),
        ("agent1", "formatwriter1"),
        ("formatwriter1", "w"),
    ]


def test_short_fields_and_code_are_left_as_they_are():
    for block_type, field, value in (
        ("airtable", "records", '[{"fields": {"Email": "<start.webhook.data.payload.email>"}}]'),
        ("function", "code", 'return {"a": "<agent1.content>"}'),
        ("api", "headers", '[{"cells": {"Key": "X", "Value": "<agent1.content>"}}]'),
        ("api", "body", '{"text": "plain words"}'),
        # a secret reference stays in the body, where secret_to_foreign_host judges where it goes
        ("api", "body", '{"key": "{{ANTHROPIC_API_KEY}}", "text": "<agent1.content>"}'),
    ):
        plan = _plan(block_type, field, value)
        assert shape_json_values(plan) == [] and plan.value("w", field) == value


def test_a_loop_item_in_an_http_body_is_shaped_inside_the_loop():
    plan = _plan("api", "body", '{"text": "<loop.currentItem>"}')
    plan.blocks.insert(
        2, PlanBlock(id="loop1", type="loop", name="Loop 1", loop_type="forEach", collection="[1]")
    )
    plan.blocks[-1].parent = "loop1"
    plan.edges[1] = PlanEdge(source="agent1", target="loop1")
    plan.edges.append(PlanEdge(source="loop1", target="w", handle="loop-start-source"))
    shape_json_values(plan)
    fn = plan.block("formatwriter1")
    assert fn is not None and fn.parent == "loop1"
    assert PlanEdge(source="loop1", target="formatwriter1", handle="loop-start-source") in plan.edges
    assert _evaluate(plan.value("formatwriter1", "code") or "", {"loop.currentItem": {"id": 1}}) == {
        "text": '{"id": 1}'
    }


def test_a_starter_text_is_read_from_its_object():
    # Sim pastes <start.email.bodyText> into code bare (a syntax error); the e-mail object arrives as JSON
    plan = _plan("api", "body", '{"text": "<start.email.bodyText>", "q": "<start.input>"}')
    shape_json_values(plan)
    code = plan.value("formatwriter1", "code") or ""
    assert '(<start.email>)?.["bodyText"]' in code and "text(<start.input>)" in code


_PINECONE = (
    "Every night at 1am read the rows added to the Supabase table catalogue today and, for each book, upsert "
    "its blurb into the Pinecone index shelf-search"
)


def _pinecone_records() -> tuple[WorkflowPlan, str]:
    plan = planner.draft(_PINECONE).plan
    (pinecone,) = [b for b in plan.blocks if b.type == "pinecone"]
    assert plan.value(pinecone.id, "records") == "<formatpinecone1.result>"
    return plan, plan.value("formatpinecone1", "code") or ""


def test_a_pinecone_record_has_an_id_and_the_text():
    """Pinecone's upsert takes records, each with an '_id' and the text its index embeds (Sim's tool parses
    the field line by line as JSON): text with a heading before it stopped the run in Sim's executor."""
    _, code = _pinecone_records()
    assert code.rstrip().endswith(
        'return [{"_id": key(<loop.currentItem>), "text": text(<loop.currentItem>)}];'
    )


def test_a_pinecone_index_named_by_name_is_its_host_with_what_the_user_sets():
    """Sim calls the index's own host; the name alone is not an address, and the host's id is the console's."""
    plan, _ = _pinecone_records()
    (pinecone,) = [b for b in plan.blocks if b.type == "pinecone"]
    host = plan.value(pinecone.id, "indexHost")
    assert (
        host
        == "https://shelf-search-{{PINECONE_HOST_ID_SHELF_SEARCH}}.svc.{{PINECONE_ENVIRONMENT}}.pinecone.io"
    )
    needs = " ".join(need for _, _, need in planner.draft(_PINECONE).needs)
    assert "PINECONE_HOST_ID_SHELF_SEARCH" in needs and "PINECONE_ENVIRONMENT" in needs
    report = validate(compose(plan, seed="pc").state, era="jul25")
    assert report.valid and not [f for f in runtime_findings(report) if f.severity == "error"]
    # the namespace is the user's to choose: left empty, it is listed for them to fill in
    assert [f.path.rsplit("/", 2)[-2] for f in runtime_findings(report) if f.code == "needs_input"] == [
        "namespace"
    ]


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the function")
@pytest.mark.parametrize(
    ("item", "key"),
    [({"id": 42, "blurb": "A tale"}, "42"), ({"_id": "b-7"}, "b-7"), ({"fields": {"id": "rec1"}}, "rec1")],
)
def test_a_record_key_is_the_items_own_id(item, key):
    _, code = _pinecone_records()
    body = code.replace("<loop.currentItem>", json.dumps(item))
    out = subprocess.run(
        ["node", "-e", f"console.log(JSON.stringify((() => {{ {body} }})()))"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [{"_id": key, "text": json.dumps(item, separators=(",", ":"))}]


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the function")
def test_a_record_with_no_id_is_keyed_by_its_text():
    _, code = _pinecone_records()

    def run(item: object) -> str:
        body = code.replace("<loop.currentItem>", json.dumps(item))
        out = subprocess.run(
            ["node", "-e", f"console.log(JSON.stringify((() => {{ {body} }})()))"],
            capture_output=True,
            text=True,
        )
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)[0]["_id"]

    assert run("A tale of two cities") == run("A tale of two cities") != run("A tale of three cities")
    assert re.fullmatch(r"r[0-9a-f]+", run({"title": "Emma"}))
