"""The import pipeline against real Postgres: CSV sets, Sim's own exports, YAML, idempotency, atomicity."""

import json
import uuid
from pathlib import Path

import pytest
import rowfixtures as F

from lib.imports import Source, run_import
from lib.imports.batch import workflow_id
from lib.sim.export import export_workflow
from lib.sim.redact import redact_state
from lib.sim.yaml_format import to_yaml
from lib.store import workflows

EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "sim-examples" / "landing-page-templates"


@pytest.fixture
def wids():
    """Fresh Sim workflow ids per test (our ids derive from them per tenant: `workflow_id`)."""
    return str(uuid.uuid4()), str(uuid.uuid4())


def _csv_set(wids, bad_middle_row: bool = False):
    wid, wid2 = wids
    blocks = F.triage_blocks(wid) + F.tiny_blocks(wid2)
    if bad_middle_row:  # the agent row of "Support triage" is cut off in the middle of its JSON
        blocks[1]["sub_blocks"] = '{"systemPrompt": {"id": "systemPrompt",\n  "value": "Classify, then'
    data = F.to_csv(blocks, F.BLOCK_COLUMNS, bom=True, crlf=True, bools="tf", pretty=True)
    return [
        Source("workflow_blocks.csv", data),
        Source(
            "workflow.csv", F.to_csv([F.workflow_row(wid), F.workflow_row(wid2, "Tiny")], F.WORKFLOW_COLUMNS)
        ),
    ]


def test_csv_set_imports_with_assumptions_and_reimport_is_idempotent(tenant, wids):
    first = run_import(tenant, _csv_set(wids))
    assert first.rejected == []
    by_name = {i.name: i for i in first.imported}
    assert set(by_name) == {"Support triage", "Tiny"} and all(i.valid for i in first.imported)
    triage = by_name["Support triage"]
    assert triage.id == workflow_id(tenant, wids[0])  # the same id on every import, scoped per tenant
    assert {a["kind"] for a in triage.assumptions} >= {"edge_inferred", "container_start_edge"}
    record = workflows.get(tenant, workflow_id(tenant, wids[0]))
    assert len(record.state["edges"]) == 4 and record.metadata["import"]["assumptions"] == triage.assumptions
    assert record.metadata["validation"]["valid"] is True
    assert len(workflows.block_rows(tenant, workflow_id(tenant, wids[0]))) == 5

    again = run_import(tenant, _csv_set(wids))
    assert [i.id for i in again.imported] == [i.id for i in first.imported]
    assert not any(i.created for i in again.imported)
    assert len(workflows.page(tenant)[0]) == 2


def test_a_bad_row_mid_workflow_stores_nothing_of_it_and_the_rest_lands(tenant, wids):
    run_import(tenant, _csv_set(wids))
    before = workflows.get(tenant, workflow_id(tenant, wids[0]))
    report = run_import(tenant, _csv_set(wids, bad_middle_row=True))
    assert [i.name for i in report.imported] == ["Tiny"]
    lines = [r.line for r in report.rejected]
    assert report.rejected[0].file == "workflow_blocks.csv" and lines[0] > 2
    assert "sub_blocks" in report.rejected[0].reason
    assert "not imported" in report.rejected[-1].reason and wids[0] in report.rejected[-1].reason
    after = workflows.get(tenant, workflow_id(tenant, wids[0]))
    assert after.version == before.version and after.state == before.state
    assert len(workflows.block_rows(tenant, workflow_id(tenant, wids[0]))) == 5


def test_a_bad_row_of_a_new_workflow_leaves_no_trace(tenant, wids):
    report = run_import(tenant, _csv_set(wids, bad_middle_row=True))
    assert [i.name for i in report.imported] == ["Tiny"]
    assert not workflows.exists(tenant, workflow_id(tenant, wids[0]))


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_sims_own_exports_import_cleanly_and_round_trip(tenant, path):
    report = run_import(tenant, [Source(path.name, path.read_bytes())])
    assert report.rejected == [] and len(report.imported) == 1
    item = report.imported[0]
    record = workflows.get(tenant, item.id)
    errors = [f for f in record.metadata["validation"]["findings"] if f["severity"] == "error"]
    assert item.valid and errors == []
    original = json.loads(path.read_text())["state"]
    assert record.name == original["metadata"]["name"]
    assert record.state == {k: v for k, v in original.items() if k != "metadata"}

    exported = export_workflow(
        record.state, name=record.name, description=record.description, variables=record.variables
    )
    again = run_import(tenant, [Source("exported.json", exported.content)])
    assert again.rejected == []
    back = workflows.get(tenant, again.imported[0].id)
    assert back.name == record.name
    assert back.state == redact_state(record.state, export=True)[0]


def test_jul25_yaml_and_text_editor_export_import(tenant, wids):
    editor_id = str(uuid.uuid4())
    state = next(i for i in run_import(tenant, _csv_set(wids)).imported if i.name == "Support triage")
    stored = workflows.get(tenant, state.id).state
    report = run_import(
        tenant,
        [
            Source("Support triage_workflow.yaml", to_yaml(stored).encode()),
            Source(
                "editor.json",
                json.dumps(
                    {
                        "workflow": {"id": editor_id, "name": "From the editor"},
                        "state": stored,
                        "subBlockValues": {F.AGENT: {"model": "gpt-4.1"}},
                        "exportedAt": "2025-07-23T10:00:00Z",
                        "version": "1.0",
                    }
                ).encode(),
            ),
        ],
    )
    assert report.rejected == []
    yaml_item, editor_item = report.imported
    assert yaml_item.name == "Support triage" and yaml_item.valid and yaml_item.source == "jul25-yaml"
    assert editor_item.id == workflow_id(tenant, editor_id) and editor_item.name == "From the editor"
    assert (
        workflows.get(tenant, workflow_id(tenant, editor_id)).state["blocks"][F.AGENT]["subBlocks"]["model"][
            "value"
        ]
        == "gpt-4.1"
    )


@pytest.mark.parametrize(
    "name, data, where",
    [
        ("broken.json", b'{"blocks": {"a": }', "line 1"),
        ("broken.yaml", b"version: '1.0'\nblocks: [\n", "YAML"),
        (
            "types.json",
            (
                b'{"blocks": {"a": {"id": "a", "type": "agent", "name": "A", "position": {"x": "1", "y": 2},'
                b' "subBlocks": {}, "enabled": true}}, "edges": []}'
            ),
            "/blocks/a/position/x",
        ),
        ("unknown.csv", b"foo,bar\n1,2\n", "not a Sim CSV table"),
        ("empty.csv", b"", "empty"),
    ],
)
def test_bad_files_are_rejected_with_place_and_reason(tenant, name, data, where):
    report = run_import(tenant, [Source(name, data)])
    assert report.imported == [] and report.rejected[0].file == name
    assert where in report.rejected[0].reason


def test_import_key_of_a_string_is_its_content_hash():
    """`import_key` hashes a string's JSON literal directly: the same key `content_hash` gives."""
    from lib.imports.pipeline import import_key
    from lib.sim.envelope import content_hash

    for identity in [
        "sim:7d0c9a52-1f3e",
        "sim:",
        'sim:"quoted"\\back',
        "sim:caf\u00e9 \u2028 \U0001f600",
        "sim:\ud800",
        "x" * 5000,
    ]:
        assert import_key(identity) == content_hash(identity)
    assert import_key({"a": 1}) == content_hash({"a": 1})
