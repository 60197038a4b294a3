"""The block registry covers both Sim eras we meet and every declaration is self-consistent."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lib.sim.registry import BlockSpec, all_blocks, get_block, jul25_types

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT.parent / "shared" / "sim-examples"
INPUT_TYPES = {"short-input", "long-input", "code", "table"}
ALL = sorted(all_blocks())


def _jul25_list() -> set[str]:
    return {
        line.strip() for line in (EXAMPLES / "jul25-block-types.txt").read_text().splitlines() if line.strip()
    }


def _export_blocks() -> list[dict]:
    out = []
    for path in sorted((EXAMPLES / "landing-page-templates").glob("*.json")):
        out.extend(json.loads(path.read_text())["state"]["blocks"].values())
    return out


def test_covers_every_jul25_type_and_the_containers():
    listed = _jul25_list()
    assert len(listed) == 63
    assert listed | {"loop", "parallel"} == jul25_types()
    for t in listed:
        assert get_block(t).era == "jul25", t


def test_every_type_in_current_exports_is_known():
    blocks = _export_blocks()
    assert blocks
    for b in blocks:
        spec = get_block(b["type"])
        assert spec is not None, b["type"]
        if b.get("triggerMode"):
            assert spec.trigger or spec.trigger_capable, b["type"]
    for t in (
        "start_trigger",
        "note",
        "gmail_v2",
        "github_v2",
        "google_sheets_v2",
        "notion_v2",
        "google_calendar_v2",
        "file_v3",
        "generic_webhook",
    ):
        assert get_block(t).era == "head", t
        assert t not in jul25_types()


def test_head_fields_of_jul25_types_used_by_exports_are_declared():
    agent = get_block("agent")
    for sub_id in ("messages", "skills", "memoryType", "maxTokens", "conversationId", "reasoningEffort"):
        assert agent.sub_block(sub_id).era == "head", sub_id
    assert agent.sub_block("userPrompt").era == "jul25"
    assert "messages" not in {s.id for s in agent.emit_sub_blocks}
    assert get_block("function").sub_block("language").era == "head"
    assert get_block("schedule").sub_block("scheduleInfo").era == "head"
    for b in _export_blocks():
        spec = get_block(b["type"])
        if spec.type in ("agent", "slack", "supabase"):
            known = {s.id for s in spec.sub_blocks}
            missing = set(b["subBlocks"]) - known - {"manualCredential", "triggerInstructions"}
            assert not missing, (spec.type, missing)


@pytest.mark.parametrize("block_type", ["guesty", "autoblocks", "nope", "", "Agent"])
def test_unknown_and_removed_types_are_none(block_type):
    assert get_block(block_type) is None


def test_non_string_type_is_none():
    assert get_block(None) is None  # type: ignore[arg-type]


@pytest.mark.parametrize("block_type", ALL)
def test_block_invariants(block_type):
    spec = get_block(block_type)
    assert isinstance(spec, BlockSpec) and spec.type == block_type
    assert spec.name and spec.description.endswith(".")
    ids = [s.id for s in spec.sub_blocks]
    assert len(ids) == len(set(ids)), "duplicate subBlock ids must be collapsed"
    declared = set(ids)
    for s in spec.sub_blocks:
        if s.default is not None and s.options and s.type == "dropdown":
            assert s.default in s.options, s.id
        if s.secret:
            assert s.type in INPUT_TYPES, s.id
        if s.condition:
            assert s.condition["field"] in declared, s.id
            if "and" in s.condition:
                assert s.condition["and"]["field"] in declared, s.id
        if spec.era == "jul25" and s.era == "head":
            assert s.id not in {e.id for e in spec.emit_sub_blocks}
        if spec.era == "head":
            assert s.era == "head", s.id
        shown = s.condition or {}
        if (
            spec.era == "jul25"
            and s.required
            and shown.get("field") == "operation"
            and not shown.get("not")
            and "and" not in shown
        ):
            # a field required under the operations it is shown for is required by each one's tool: collapsing a
            # block's same-id fields must not make an optional one required (Supabase's query filter)
            listed = shown["value"] if isinstance(shown["value"], list) else [shown["value"]]
            for op_id in listed:
                if op_id in spec.operations:
                    assert s.id in spec.operations[op_id].required, (s.id, op_id)
    for op_id, op in spec.operations.items():
        assert op.id == op_id
        assert op.tool in spec.tools, op_id
        assert set(op.required) <= declared, op_id
    assert spec.operations == {} or spec.sub_block("operation") is not None
    if spec.operations:
        assert set(spec.operations) == set(spec.sub_block("operation").options)
    h = spec.handles
    if spec.container:
        assert spec.category == "containers" and h.branches == spec.type
        assert (h.target, h.source, h.error) == (True, False, False)
        assert spec.outputs == {} and spec.sub_blocks == []
    elif spec.trigger:
        assert not h.target and h.source and not h.error
    elif spec.type == "note":
        assert (h.target, h.source, h.error) == (False, False, False)
    else:
        assert h.target
        assert h.error == (spec.type not in ("condition", "response"))
        assert h.source == (spec.type not in ("condition", "response"))
    if spec.category == "triggers":
        assert spec.trigger
    if spec.type not in ("loop", "parallel", "note"):
        assert spec.outputs, "outputs must not be empty"


def test_handles_of_special_blocks():
    assert get_block("condition").handles.branches == "condition"
    assert get_block("router").handles.source is True
    assert get_block("starter").handles.target is False
    assert get_block("loop").handles.branches == "loop"
    assert get_block("parallel").handles.branches == "parallel"


def test_starter_keeps_legacy_fields():
    starter = get_block("starter")
    assert starter.trigger
    assert set(starter.sub_block("startWorkflow").options) >= {"manual", "chat", "schedule", "webhook"}
    legacy = {s.id for s in starter.sub_blocks if s.era == "legacy"}
    assert legacy >= {
        "webhookPath",
        "webhookSecret",
        "webhookProvider",
        "scheduleType",
        "minutesInterval",
        "minutesStartingAt",
        "hourlyMinute",
        "dailyTime",
        "weeklyDay",
        "weeklyDayTime",
        "monthlyDay",
        "monthlyTime",
        "cronExpression",
        "timezone",
    }
    assert starter.secret_ids == {"webhookSecret"}
    assert [s.id for s in starter.emit_sub_blocks] == ["startWorkflow", "inputFormat"]
    assert starter.outputs["response"] == {"type": {"input": "any"}} and "input" in starter.outputs


def test_jul25_trigger_blocks_and_replacements():
    schedule, webhook = get_block("schedule"), get_block("webhook")
    assert schedule.trigger and webhook.trigger
    assert schedule.sub_block("scheduleType").default == "daily"
    assert "custom" in schedule.sub_block("scheduleType").options
    assert webhook.sub_block("webhookProvider").default == "generic"
    assert webhook.replaced_by == "generic_webhook" and get_block("generic_webhook").trigger
    assert get_block("stagehand_agent").replaced_by == "stagehand"
    assert get_block("starter").replaced_by == "start_trigger"
    assert get_block("gmail").replaced_by == "gmail_v2"
    assert get_block("agent").replaced_by is None


def test_required_flags_derived_for_jul25():
    api = get_block("api")
    assert api.sub_block("url").required and api.sub_block("method").required
    assert not api.sub_block("body").required
    agent = get_block("agent")
    assert agent.sub_block("model").required and not agent.sub_block("systemPrompt").required
    gmail = get_block("gmail")
    send = gmail.operations["send_gmail"]
    assert send.tool == "gmail_send"
    assert {"to", "subject", "body"} <= set(send.required)
    assert "query" in gmail.operations["search_gmail"].required
    assert "to" not in gmail.operations["search_gmail"].required


def test_head_operations_list_one_member_of_a_canonical_pair():
    send = get_block("gmail_v2").operations["send_gmail"]
    assert "credential" in send.required and "manualCredential" not in send.required
    assert get_block("gmail_v2").sub_block("manualCredential").canonical == "oauthCredential"


def test_secrets_include_the_usual_keys():
    assert "apiKey" in get_block("agent").secret_ids
    assert "botToken" in get_block("slack").secret_ids
    assert {"accessKeyId", "secretAccessKey"} <= get_block("s3").secret_ids
    jul25_secrets = sum(len([s for s in b.emit_sub_blocks if s.secret]) for b in all_blocks().values())
    # 40 `password: true` declarations in the JUL25 configs; qdrant declares apiKey three times
    assert jul25_secrets == 38


def test_agent_temperature_is_collapsed_to_one_field():
    temps = [s for s in get_block("agent").sub_blocks if s.id == "temperature"]
    assert len(temps) == 1 and temps[0].type == "slider"


def test_returned_collections_do_not_leak_the_cache():
    types = jul25_types()
    types.add("bogus")
    assert "bogus" not in jul25_types()
    blocks = all_blocks()
    blocks.pop("agent")
    assert "agent" in all_blocks()


def test_loading_is_lazy():
    probe = (
        "import sys\n"
        "opened = []\n"
        "sys.addaudithook(lambda ev, args: opened.append(str(args[0])) if ev == 'open' and args and "
        "isinstance(args[0], str) and args[0].endswith('.json') else None)\n"
        "import lib.sim.registry as r\n"
        "before = [p for p in opened if '/sim/blocks/' in p]\n"
        "r.get_block('agent')\n"
        "after = [p for p in opened if '/sim/blocks/' in p]\n"
        "r.get_block('api'); r.all_blocks(); r.jul25_types()\n"
        "again = [p for p in opened if '/sim/blocks/' in p]\n"
        "print(len(before), len(after), len(again))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    before, after, again = map(int, out.stdout.split())
    assert before == 0
    assert after == len(ALL)
    assert again == after  # cached: no file read twice
