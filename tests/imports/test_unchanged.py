"""Re-importing a full export whose rows did not change rewrites nothing, and says so; any change
(a cell, a file name, an edit made here since, the import code) rebuilds as before."""

import uuid

import pytest
import rowfixtures as F

from lib.imports import Source, run_import
from lib.imports import batch as import_batch
from lib.imports.batch import workflow_id
from lib.store import db, versions, workflows


def _export(wid: str, prompt: str = "Classify the ticket.") -> dict[str, bytes]:
    blocks = F.triage_blocks(wid)
    blocks[1]["sub_blocks"]["systemPrompt"]["value"] = prompt
    return {
        "workflow_rows.csv": F.to_csv([F.workflow_row(wid)], F.WORKFLOW_COLUMNS),
        "workflow_blocks_rows.csv": F.to_csv(blocks, F.BLOCK_COLUMNS),
        "workflow_edges_rows.csv": F.to_csv(F.triage_edges(wid), F.EDGE_COLUMNS),
        "workflow_subflows_rows.csv": F.to_csv(F.triage_subflows(wid), F.SUBFLOW_COLUMNS),
    }


def _run(tenant, *exports: dict[str, bytes]):
    files: dict[str, bytes] = {}
    for export in exports:  # several workflows: their rows concatenated per table file
        for name, data in export.items():
            files[name] = files[name] + data.split(b"\n", 1)[1] if name in files else data
    return run_import(tenant, [Source(n, d) for n, d in files.items()])


def _rows(tenant: str, wid: str) -> tuple[int, int, int]:
    with db.transaction() as c:
        return tuple(
            c.execute(
                f"select count(*) as n from {t} where tenant_id = %s and workflow_id = %s",  # nosec B608  # fixed table names
                (tenant, wid),
            ).fetchone()["n"]
            for t in ("workflow_blocks", "workflow_edges", "workflow_subflows")
        )


def test_the_same_export_again_rewrites_nothing_and_reports_what_is_stored(tenant):
    wid = str(uuid.uuid4())
    first = _run(tenant, _export(wid))
    assert first.rejected == [] and first.imported[0].created
    before = workflows.get(tenant, workflow_id(tenant, wid))
    again = _run(tenant, _export(wid))
    assert again.rejected == []
    item = again.imported[0]
    assert item.id == before.id and not item.created and item.name == before.name
    assert (item.valid, item.findings) == (first.imported[0].valid, first.imported[0].findings)
    assert [a["kind"] for a in item.assumptions] == [a["kind"] for a in first.imported[0].assumptions] + [
        "unchanged"
    ]
    after = workflows.get(tenant, before.id)
    assert after.version == before.version and after.state == before.state
    assert after.metadata == before.metadata and after.updated_at == before.updated_at
    assert [v.version for v in versions.history(tenant, before.id)] == [before.version]  # the current one
    assert _rows(tenant, before.id) == (5, 4, 1)
    assert "{{" in str(after.state) and "sk-live-51HxQ2plaintext" not in str(after.state)


def test_only_the_changed_workflow_is_rebuilt(tenant):
    same, changed = str(uuid.uuid4()), str(uuid.uuid4())
    _run(tenant, _export(same), _export(changed))
    kept = workflows.get(tenant, workflow_id(tenant, same))
    old = workflows.get(tenant, workflow_id(tenant, changed))
    report = _run(tenant, _export(same), _export(changed, "Answer in two lines."))
    assert report.rejected == [] and len(report.imported) == 2
    by_id = {i.id: i for i in report.imported}
    assert "unchanged" in [a["kind"] for a in by_id[kept.id].assumptions]
    assert "unchanged" not in [a["kind"] for a in by_id[old.id].assumptions]
    assert workflows.get(tenant, kept.id).version == kept.version
    new = workflows.get(tenant, old.id)
    assert new.version == old.version + 1
    assert new.state["blocks"][F.AGENT]["subBlocks"]["systemPrompt"]["value"] == "Answer in two lines."
    assert [v.version for v in versions.history(tenant, old.id)] == [new.version, old.version]
    assert _rows(tenant, old.id) == (5, 4, 1)


def test_an_edit_made_here_since_is_replaced_by_the_reimport(tenant):
    wid = str(uuid.uuid4())
    _run(tenant, _export(wid))
    stored = workflows.get(tenant, workflow_id(tenant, wid))
    state = dict(stored.state)
    state["blocks"] = {k: v for k, v in state["blocks"].items() if k != F.FUNC}
    state["loops"] = {k: {**v, "nodes": []} for k, v in state["loops"].items()}
    edited = workflows.replace(tenant, stored.id, state=state, expected_version=stored.version)
    assert len(edited.state["blocks"]) == 4
    report = _run(tenant, _export(wid))
    assert report.rejected == [] and "unchanged" not in [a["kind"] for a in report.imported[0].assumptions]
    after = workflows.get(tenant, stored.id)
    assert after.version == edited.version + 1 and after.state == stored.state
    assert _rows(tenant, stored.id) == (5, 4, 1)


def test_a_renamed_file_or_other_import_code_rebuilds(tenant, monkeypatch):
    wid = str(uuid.uuid4())
    _run(tenant, _export(wid))
    v1 = workflows.get(tenant, workflow_id(tenant, wid)).version
    renamed = {n.replace("_rows", "_rows_2"): d for n, d in _export(wid).items()}
    report = _run(tenant, renamed)
    assert "unchanged" not in [a["kind"] for a in report.imported[0].assumptions]
    after = workflows.get(tenant, workflow_id(tenant, wid))
    assert after.version == v1 + 1 and "_rows_2" in after.metadata["import"]["file"]
    monkeypatch.setattr(import_batch, "_code_digest", lambda: b"other import code")
    _run(tenant, renamed)
    assert workflows.get(tenant, after.id).version == after.version + 1


@pytest.mark.parametrize("table", ["workflow_rows.csv", "workflow_blocks_rows.csv"])
def test_a_partial_import_never_skips(tenant, table):
    wid = str(uuid.uuid4())
    _run(tenant, _export(wid))
    one = {table: _export(wid)[table]}
    _run(tenant, one)
    v = workflows.get(tenant, workflow_id(tenant, wid)).version
    report = _run(tenant, one)
    assert "unchanged" not in [a["kind"] for a in report.imported[0].assumptions]
    assert workflows.get(tenant, workflow_id(tenant, wid)).version == v + 1
