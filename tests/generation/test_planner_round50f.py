"""Planner round 50f: a test whose other side repeats part of the first ('if it's over £300 add it to the sheet and
email them; if smaller, just the email', 'otherwise only the Slack message', 'sinon, seulement l'e-mail', 'si no,
solo el correo', 'sonst nur die E-Mail'): the step named again on the other side runs there too, so a small payment
still gets its e-mail. A step said 'either way' / 'in both cases' / 'dans tous les cas' runs whichever side is taken.
Probe lines (`planner_round50f.jsonl`) and the assertions below were written before the fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lib.generation import planner
from lib.generation.compose import compose
from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {
    "r50f-09-fr-sinon-juste-message-slack": (
        "French 'À chaque commande Shopify de plus de 300 €' reads as 'to each Shopify order …', not an event: no "
        "webhook, no test, so no side to repeat the Slack message on"
    ),
}


@pytest.mark.parametrize("item", cases("planner_round50f.jsonl", _KNOWN))
def test_round50f_description_comes_out_right(item):
    assert_right(item, seed="r50f")


_ITEMS = [
    json.loads(line)
    for line in Path(__file__).with_name("planner_round50f.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]
_SEND = {"@email": {"gmail", "outlook", "mail"}, "slack": {"slack"}}


def _sides(state):
    """(condition id, blocks the 'if' handle reaches, blocks the 'else' handle reaches) per user condition."""
    blocks, edges = state["blocks"], state["edges"]

    def reach(start):
        seen, todo = set(), [start]
        while todo:
            b = todo.pop()
            if b in seen or b not in blocks:
                continue
            seen.add(b)
            todo += [e["target"] for e in edges if e["source"] == b]
            todo += [k for k, v in blocks.items() if (v.get("data") or {}).get("parentId") == b]
        return seen

    for cid, b in blocks.items():
        if b["type"] != "condition" or b["name"].startswith("Any items"):
            continue
        out = {"if": set(), "else": set()}
        for e in edges:
            if e["source"] == cid and str(e.get("sourceHandle", "")).startswith("condition-"):
                out["else" if e["sourceHandle"].endswith("-else") else "if"] |= reach(e["target"])
        yield cid, out["if"], out["else"]


# (r50f-09: the Slack message runs on both sides since round 52c, its other labels still missed: _KNOWN)
_SIDES_RIGHT = {"r50f-09-fr-sinon-juste-message-slack"}


@pytest.mark.parametrize(
    "item",
    [
        pytest.param(i, id=i["id"], marks=[pytest.mark.xfail(reason=_KNOWN[i["id"]], strict=True)])
        if i["id"] in _KNOWN and i["id"] not in _SIDES_RIGHT
        else pytest.param(i, id=i["id"])
        for i in _ITEMS
        if "m_else" in i["steps"]
    ],
)
def test_the_step_named_again_on_the_other_side_runs_there(item):
    state = compose(planner.plan(item["description"]), seed="r50f").state
    kinds = _SEND[item["steps"]["m_else"]["block"]]
    blocks = state["blocks"]
    found = False
    for _, if_side, else_side in _sides(state):
        sent_if = {blocks[b]["type"] for b in if_side} & kinds
        sent_else = {blocks[b]["type"] for b in else_side} & kinds
        found = found or bool(sent_if and sent_else)
    assert found, [(blocks[c]["name"], sorted(blocks[b]["name"] for b in e)) for c, _, e in _sides(state)]


@pytest.mark.parametrize("item", [i for i in _ITEMS if "m_else" not in i["steps"]], ids=lambda i: i["id"])
def test_a_step_said_either_way_runs_on_both_sides(item):
    state = compose(planner.plan(item["description"]), seed="r50f").state
    blocks = state["blocks"]
    shared_kind = next(s["block"] for k, s in item["steps"].items() if k not in item["conditions"][0]["if"])
    for _, if_side, else_side in _sides(state):
        on_if = any(blocks[b]["type"] == shared_kind for b in if_side)
        on_else = any(blocks[b]["type"] == shared_kind for b in else_side)
        assert on_if == on_else, (on_if, on_else)  # before the test, after it rejoins, or on both sides
    assert any(b["type"] == shared_kind for b in blocks.values())
