"""JSON values that carry another block's output are built by a function block (lib/generation/shaping)."""

from __future__ import annotations

import json
import re

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
