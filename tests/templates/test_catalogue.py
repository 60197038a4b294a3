"""The catalogue: 13 templates, one per category, each a complete JUL25 state that validates clean."""

from __future__ import annotations

import json

import pytest

from lib.errors import NotFound
from lib.sim.names import find_references, is_env_ref, normalize_name
from lib.sim.registry import get_block
from lib.templates import catalogue
from lib.templates.customize import resolve
from lib.templates.models import CATEGORIES
from lib.validation import validate

TEMPLATES = catalogue.all_templates()
IDS = [t.name for t in TEMPLATES]


def test_exactly_one_template_per_category():
    assert len(TEMPLATES) == 13
    assert sorted(t.category for t in TEMPLATES) == sorted(CATEGORIES)
    assert len(set(IDS)) == 13


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_template_passes_every_validator_without_a_finding(template):
    report = validate(template.state)
    assert report.era == "jul25"
    assert report.findings == [], [f.model_dump() for f in report.findings]
    assert report.valid


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_template_is_a_complete_jul25_state(template):
    state = template.state
    blocks = state["blocks"]
    starters = [b for b in blocks.values() if b["type"] == "starter"]
    assert len(starters) == 1
    assert len(blocks) - 1 >= 4
    assert template.integrations == sorted({b["type"] for b in blocks.values()})
    assert template.block_count == len(blocks)
    for block in blocks.values():
        spec = get_block(block["type"])
        assert spec is not None and spec.era == "jul25", block["type"]
        for sub_id, sub in block["subBlocks"].items():
            declared = spec.sub_block(sub_id)
            assert declared is not None and declared.era != "head", (block["name"], sub_id)
            assert sub["type"] == declared.type
            if declared.secret and sub["value"] not in (None, ""):
                assert is_env_ref(sub["value"]), (template.name, block["name"], sub_id)
    assert state["loops"].keys() == {b["id"] for b in blocks.values() if b["type"] == "loop"}
    assert state["parallels"].keys() == {b["id"] for b in blocks.values() if b["type"] == "parallel"}


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_timed_and_event_templates_fill_the_legacy_starter_fields(template):
    start = next(b for b in template.state["blocks"].values() if b["type"] == "starter")
    sub = {k: v["value"] for k, v in start["subBlocks"].items()}
    mode = sub["startWorkflow"]
    assert mode in ("manual", "chat", "schedule", "webhook")
    if mode == "schedule":
        kind = sub["scheduleType"]
        needed = {
            "minutes": ["minutesInterval"],
            "hourly": ["hourlyMinute"],
            "daily": ["dailyTime"],
            "weekly": ["weeklyDay", "weeklyDayTime"],
            "monthly": ["monthlyDay", "monthlyTime"],
            "custom": ["cronExpression"],
        }[kind]
        assert all(sub[k] for k in needed) and sub["timezone"]
    if mode == "webhook":
        assert sub["webhookProvider"] and sub["webhookPath"]
        assert is_env_ref(sub["webhookSecret"])


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_references_use_normalized_names_of_blocks_in_the_template(template):
    names = {normalize_name(b["name"]) for b in template.state["blocks"].values()} | {"start"}
    refs = find_references([b["subBlocks"] for b in template.state["blocks"].values()])
    assert refs, "a template should pass data between blocks"
    assert {r.name for r in refs} <= names


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_layout_runs_left_to_right(template):
    blocks = template.state["blocks"]
    for edge in template.state["edges"]:
        src, dst = blocks[edge["source"]], blocks[edge["target"]]
        if edge["sourceHandle"].endswith("-start-source"):
            continue  # container → first child: child positions are relative to the container
        assert src["position"]["x"] < dst["position"]["x"], (edge["id"], src["name"], dst["name"])


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_customizable_field_defaults_are_what_the_state_holds(template):
    assert template.customizable_fields
    for field in template.customizable_fields:
        container, slot = resolve(template.state, field.path)
        current = container[slot]
        assert current == field.default or current == str(field.default), field.key


def test_condition_router_loop_and_parallel_each_appear():
    used = {b["type"] for t in TEMPLATES for b in t.state["blocks"].values()}
    assert {"condition", "router", "loop", "parallel"} <= used


def test_condition_edges_name_branches_the_block_defines():
    for template in TEMPLATES:
        blocks = template.state["blocks"]
        for edge in template.state["edges"]:
            if blocks[edge["source"]]["type"] != "condition":
                continue
            ids = {c["id"] for c in json.loads(blocks[edge["source"]]["subBlocks"]["conditions"]["value"])}
            assert edge["sourceHandle"].removeprefix("condition-") in ids


def test_search_filters_by_category_and_words_with_counts():
    everything = catalogue.search()
    assert len(everything.templates) == 13
    assert [c.name for c in everything.categories] == list(CATEGORIES)
    assert all(c.count == 1 for c in everything.categories)

    one = catalogue.search(category="research")
    assert [t.category for t in one.templates] == ["research"]

    slack = catalogue.search(q="SLACK")
    assert slack.templates and all("slack" in t.integrations for t in slack.templates)
    assert sum(c.count for c in slack.categories) == len(slack.templates)
    assert catalogue.search(q="no-such-word-anywhere").templates == []


def test_get_returns_a_copy_and_unknown_names_are_not_found():
    first = catalogue.get("crypto-price-alerts")
    first.state["blocks"].clear()
    assert catalogue.get("crypto-price-alerts").state["blocks"]
    with pytest.raises(NotFound):
        catalogue.get("nope")
