"""Customization: typed values at their paths, 422-style errors naming the field, fresh ids, still valid."""

from __future__ import annotations

import json
import re

import pytest

from lib.errors import InvalidInput
from lib.sim.names import find_references, normalize_name
from lib.templates import catalogue, customize
from lib.templates.models import CustomizableField, Template
from lib.validation import validate

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def _field(ftype: str, **kw) -> CustomizableField:
    return CustomizableField(key="f", label="F", path="/x", type=ftype, description="d", **kw)


@pytest.mark.parametrize(
    "ftype, value, extra",
    [
        ("string", "hello", {}),
        ("text", "line one\nline two", {}),
        ("integer", 12, {"minimum": 1, "maximum": 60}),
        ("number", 2.5, {"minimum": 0}),
        ("boolean", False, {}),
        ("enum", "eur", {"allowed": ["usd", "eur"]}),
        ("time", "23:59", {}),
        ("email", "ops@example.co.uk", {}),
        ("url", "https://hooks.example.com/a?b=1", {}),
        ("channel", "#support-escalations", {}),
        ("channel", "C0123ABCDEF", {}),
        ("cron", "*/15 9-17 * * MON-FRI", {}),
        ("timezone", "Europe/Berlin", {}),
        ("model", "gpt-4o", {"allowed": ["gpt-4o", "claude-sonnet-4-0"]}),
        ("string", "abc-123", {"pattern": r"^[a-z0-9-]+$"}),
    ],
)
def test_good_values_pass(ftype, value, extra):
    assert customize.check_value(_field(ftype, **extra), value) == value


@pytest.mark.parametrize(
    "ftype, value, extra, reason",
    [
        ("string", "", {}, "non-empty"),
        ("string", 42, {}, "non-empty string"),
        ("integer", "15", {}, "integer"),
        ("integer", True, {}, "integer"),
        ("integer", 2.0, {}, "integer"),
        ("integer", 0, {"minimum": 1}, "at least 1"),
        ("integer", 61, {"maximum": 60}, "at most 60"),
        ("number", float("nan"), {}, "number"),
        ("boolean", "true", {}, "true or false"),
        ("enum", "chf", {"allowed": ["usd", "eur"]}, "one of usd, eur"),
        ("time", "24:00", {}, "HH:MM"),
        ("time", "7:30", {}, "HH:MM"),
        ("email", "not-an-email", {}, "email"),
        ("url", "ftp://example.com/x", {}, "http(s) URL"),
        ("url", "https://", {}, "http(s) URL"),
        ("channel", "support", {}, "Slack channel"),
        ("cron", "* * *", {}, "cron"),
        ("cron", "61 * * * *", {}, "cron"),
        ("timezone", "Mars/Olympus", {}, "IANA timezone"),
        ("timezone", "Europe/Berlin", {"allowed": ["UTC"]}, "one of UTC"),
        ("model", "gpt-99", {"allowed": ["gpt-4o"]}, "one of gpt-4o"),
        ("string", "ABC", {"pattern": r"^[a-z]+$"}, "must match"),
    ],
)
def test_bad_values_name_the_field(ftype, value, extra, reason):
    with pytest.raises(InvalidInput) as exc:
        customize.check_value(_field(ftype, **extra), value)
    assert exc.value.field == "body.customizations.f"
    assert reason in exc.value.message


def test_values_land_at_their_paths_keeping_the_stored_json_type():
    template = catalogue.get("crypto-price-alerts")
    state = customize.apply(
        template,
        {
            "asset": "ethereum",
            "quote_currency": "eur",
            "interval_minutes": 30,
            "telegram_chat_id": "@desk_alerts",
        },
    )
    market = state["blocks"]["market"]["subBlocks"]["params"]["value"]
    assert market[1]["cells"]["Value"] == "ethereum"
    assert market[0]["cells"]["Value"] == "eur"
    assert (
        state["blocks"]["start"]["subBlocks"]["minutesInterval"]["value"] == "30"
    )  # short-input keeps a string
    assert state["blocks"]["telegram"]["subBlocks"]["chatId"]["value"] == "@desk_alerts"
    assert catalogue.get("crypto-price-alerts").state == template.state  # the template itself is untouched


def test_unknown_and_bad_customizations_are_refused():
    template = catalogue.get("nightly-record-enrichment")
    with pytest.raises(InvalidInput) as exc:
        customize.apply(template, {"colour": "blue"})
    assert exc.value.field == "body.customizations.colour"
    with pytest.raises(InvalidInput) as exc:
        customize.apply(template, {"run_time": "2am"})
    assert exc.value.field == "body.customizations.run_time"
    with pytest.raises(InvalidInput) as exc:
        customize.apply(template, {"timezone": "Europe/Berlin"})  # valid IANA, but not in the schedule's list
    assert exc.value.field == "body.customizations.timezone"


@pytest.mark.parametrize("template", catalogue.all_templates(), ids=lambda t: t.name)
def test_every_template_instantiates_with_fresh_ids_and_validates(template):
    values = {f.key: f.default for f in template.customizable_fields if f.default is not None}
    state = customize.instantiate(template, values)
    report = validate(state)
    assert report.valid and report.findings == []

    old_ids = set(template.state["blocks"]) | {e["id"] for e in template.state["edges"]}
    assert all(UUID.match(bid) for bid in state["blocks"])
    assert all(UUID.match(e["id"]) for e in state["edges"])
    used = {ref for e in state["edges"] for ref in (e["source"], e["target"])}
    used |= (
        {b["data"].get("parentId") for b in state["blocks"].values()}
        | set(state["loops"])
        | set(state["parallels"])
    )
    used |= {n for group in ("loops", "parallels") for cfg in state[group].values() for n in cfg["nodes"]}
    assert used <= set(state["blocks"]) | {None}
    assert not used & old_ids
    for block in state["blocks"].values():
        if block["type"] == "condition":
            for entry in json.loads(block["subBlocks"]["conditions"]["value"]):
                assert entry["id"].startswith(block["id"] + "-")
    handles = {e["sourceHandle"] for e in state["edges"] if e["sourceHandle"].startswith("condition-")}
    assert all(UUID.match(h.removeprefix("condition-")[:36]) for h in handles)
    for bid, block in state["blocks"].items():
        assert block["id"] == bid
        parent = block["data"].get("parentId")
        assert parent is None or state["blocks"][parent]["type"] in ("loop", "parallel")
    for kind in ("loops", "parallels"):
        for key, cfg in state[kind].items():
            assert (
                cfg["id"] == key
                and state["blocks"][key]["type"] == {"loops": "loop", "parallels": "parallel"}[kind]
            )
            assert set(cfg["nodes"]) == {
                b for b, blk in state["blocks"].items() if blk["data"].get("parentId") == key
            }
    names = {normalize_name(b["name"]) for b in state["blocks"].values()} | {"start"}
    assert {r.name for r in find_references(state["blocks"])} <= names


def test_two_workflows_from_one_template_share_no_id():
    template = catalogue.get("resume-screening")
    a, b = customize.instantiate(template), customize.instantiate(template)
    ids = lambda s: set(s["blocks"]) | {e["id"] for e in s["edges"]}
    assert not ids(a) & ids(b)


def test_a_renamed_block_keeps_its_references_valid():
    base = catalogue.get("ai-pr-reviewer")
    renaming = CustomizableField(
        key="reviewer_name",
        label="Reviewer",
        path="/blocks/review/name",
        type="string",
        default="Review Code",
        description="Display name of the reviewer step",
    )
    template = Template.model_validate({**base.model_dump(), "customizable_fields": [renaming]})
    state = customize.instantiate(template, {"reviewer_name": "Senior Reviewer"})
    refs = {r.name for r in find_references(state["blocks"])}
    assert "seniorreviewer" in refs and "reviewcode" not in refs
    assert validate(state).findings == []
    with pytest.raises(InvalidInput):
        customize.instantiate(template, {"reviewer_name": "Fetch Pull Request"})  # clashes with another block
