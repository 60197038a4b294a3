"""Issue 10's import reproducers: partial imports never wipe or rename, commits are durable, an
outage is a 503 (not rejected rows), Sim ids are scoped per tenant, hostile JSON cells are 4xx."""

import uuid

import pytest
import rowfixtures as F

from lib.imports import Source, run_import
from lib.imports.batch import workflow_id
from lib.store import db, workflows
from lib.store import imports as store


def _export(wid: str, name: str = "Support triage") -> dict[str, bytes]:
    return {
        "workflow_rows.csv": F.to_csv([F.workflow_row(wid, name)], F.WORKFLOW_COLUMNS),
        "workflow_blocks_rows.csv": F.to_csv(F.triage_blocks(wid), F.BLOCK_COLUMNS),
        "workflow_edges_rows.csv": F.to_csv(F.triage_edges(wid), F.EDGE_COLUMNS),
        "workflow_subflows_rows.csv": F.to_csv(F.triage_subflows(wid), F.SUBFLOW_COLUMNS),
    }


def _run(tenant, files: dict[str, bytes]):
    return run_import(tenant, [Source(n, d) for n, d in files.items()])


@pytest.fixture
def imported(tenant):
    wid = str(uuid.uuid4())
    report = _run(tenant, _export(wid))
    assert report.rejected == [] and report.imported[0].created
    return wid, workflows.get(tenant, workflow_id(tenant, wid))


def test_only_the_workflow_rows_update_fields_and_keep_every_block(tenant, imported):
    wid, before = imported
    report = _run(tenant, {"workflow_rows.csv": _export(wid, "Renamed in Sim")["workflow_rows.csv"]})
    assert report.rejected == [] and not report.imported[0].created
    kinds = [a["kind"] for a in report.imported[0].assumptions]
    assert "partial_import" in kinds  # it says what it kept
    after = workflows.get(tenant, before.id)
    assert after.name == "Renamed in Sim"
    assert after.state == before.state and len(after.state["blocks"]) == 5
    assert len(workflows.block_rows(tenant, before.id)) == 5


def test_only_the_block_rows_never_rename_and_keep_the_stored_connections(tenant, imported):
    wid, before = imported
    blocks = F.triage_blocks(wid)
    blocks[1]["sub_blocks"]["systemPrompt"]["value"] = "Answer in two lines."
    report = _run(tenant, {"workflow_blocks_rows.csv": F.to_csv(blocks, F.BLOCK_COLUMNS)})
    assert report.rejected == [] and report.imported[0].name == "Support triage"
    messages = " ".join(a["message"] for a in report.imported[0].assumptions)
    assert "kept its stored name" in messages and "kept its 4 stored connections" in messages
    after = workflows.get(tenant, before.id)
    assert after.name == "Support triage" and after.description == before.description
    assert after.state["blocks"][F.AGENT]["subBlocks"]["systemPrompt"]["value"] == "Answer in two lines."
    assert after.state["edges"] == before.state["edges"] and after.state["loops"] == before.state["loops"]
    assert after.version == before.version + 1


def test_a_block_file_without_a_workflow_file_names_a_new_workflow_and_says_so(tenant):
    wid = str(uuid.uuid4())
    report = _run(tenant, {"workflow_blocks_rows.csv": F.to_csv(F.triage_blocks(wid), F.BLOCK_COLUMNS)})
    assert report.imported[0].name == f"Imported workflow {wid[:8]}"
    assert "name_defaulted" in [a["kind"] for a in report.imported[0].assumptions]


def test_imports_commit_durably(tenant, monkeypatch):
    seen = []
    real = store.store_batch

    def spy(c, *args, **kw):
        seen.append(c.execute("show synchronous_commit").fetchone()["synchronous_commit"])
        return real(c, *args, **kw)

    monkeypatch.setattr(store, "store_batch", spy)
    assert _run(tenant, _export(str(uuid.uuid4()))).rejected == []
    assert seen == ["on"]


def test_a_connection_lost_mid_import_is_a_503_and_stores_nothing(tenant, client, api_key, monkeypatch):
    real = store.store_batch

    def dies(c, *args, **kw):  # the server really drops this connection mid-transaction
        c.execute("select pg_terminate_backend(pg_backend_pid())")
        return real(c, *args, **kw)

    monkeypatch.setattr(store, "store_batch", dies)
    body = _export(str(uuid.uuid4()))["workflow_blocks_rows.csv"]
    r = client("api/workflows/import.py").post(
        "/api/workflows/import",
        content=body,
        headers={"content-type": "text/csv", "Authorization": f"Bearer {api_key(tenant)}"},
    )
    assert r.status_code == 503, r.text
    assert r.json()["error"]["code"] == "unavailable" and "rejected" not in r.text
    monkeypatch.setattr(store, "store_batch", real)
    assert workflows.page(tenant)[0] == []


def test_sim_ids_are_scoped_per_tenant(tenant):
    wid = str(uuid.uuid4())
    first, second = tenant + "-b", tenant
    # Tenant B imports Sim's id first: it cannot claim it from A, and A learns nothing of it.
    b = _run(first, _export(wid)).imported[0]
    a = _run(second, _export(wid)).imported[0]
    fresh = _run(tenant + "-c", _export(str(uuid.uuid4()))).imported[0]
    assert a.created and b.created and a.id != b.id
    assert a.id == workflow_id(second, wid) and b.id == workflow_id(first, wid)
    assert a.model_dump().keys() == fresh.model_dump().keys() and a.assumptions == b.assumptions
    assert workflows.get(second, a.id).name == "Support triage"
    with pytest.raises(Exception, match="not found"):
        workflows.get(second, b.id)


@pytest.mark.parametrize("depth", [100, 100_000])
def test_a_deeply_nested_json_cell_is_a_4xx(tenant, client, api_key, depth):
    wid = str(uuid.uuid4())
    blocks = F.triage_blocks(wid)[:1]
    body = F.to_csv(blocks, F.BLOCK_COLUMNS).decode()
    deep = "[" * depth + "]" * depth
    body = body.replace(
        '"{""startWorkflow""', '"{""deep"": ' + deep.replace('"', '""') + ', ""startWorkflow""', 1
    )
    r = client("api/workflows/import.py").post(
        "/api/workflows/import",
        content=body.encode(),
        headers={"content-type": "text/csv", "Authorization": f"Bearer {api_key(tenant)}"},
    )
    assert r.status_code == 400, r.text
    message = r.json()["error"]["message"]
    assert "sub_blocks" in message and "nested too deeply" in message
    assert workflows.page(tenant)[0] == []


def test_a_bad_workflow_in_a_batch_is_rejected_alone(tenant):
    good, bad = str(uuid.uuid4()), str(uuid.uuid4())
    blocks = F.triage_blocks(good) + F.triage_blocks(bad)
    blocks[5]["name"] = "Start\x00"  # PostgreSQL refuses NUL in text: the store fails for this one only
    report = run_import(tenant, [Source("workflow_blocks_rows.csv", F.to_csv(blocks, F.BLOCK_COLUMNS))])
    assert [i.id for i in report.imported] == [workflow_id(tenant, good)]
    assert len(report.rejected) == 1 and bad in report.rejected[0].reason
    assert not workflows.exists(tenant, workflow_id(tenant, bad))
    with db.transaction() as c:
        rows = c.execute(
            "select count(*) as n from workflow_blocks where tenant_id = %s", (tenant,)
        ).fetchone()
    assert rows["n"] == 5


def test_only_the_edge_rows_replace_connections_and_keep_blocks_and_name(tenant, imported):
    wid, before = imported
    edges = F.triage_edges(wid)[:2]  # the api → loop and loop → function connections removed in Sim
    report = _run(tenant, {"workflow_edges_rows.csv": F.to_csv(edges, F.EDGE_COLUMNS)})
    assert report.rejected == [] and report.imported[0].name == "Support triage"
    after = workflows.get(tenant, before.id)
    assert after.state["blocks"] == before.state["blocks"] and after.name == before.name
    assert [e["id"] for e in after.state["edges"]] == [e["id"] for e in edges]
    assert after.state["loops"] == before.state["loops"]
    with db.transaction() as c:
        n = c.execute(
            "select count(*) as n from workflow_edges where tenant_id = %s and workflow_id = %s",
            (tenant, before.id),
        ).fetchone()["n"]
    assert n == 2 and len(workflows.block_rows(tenant, before.id)) == 5


def test_a_reimport_keeps_the_previous_version(tenant, imported):
    from lib.store import versions

    wid, before = imported
    blocks = F.triage_blocks(wid)[:2]
    report = _run(tenant, {"workflow_blocks_rows.csv": F.to_csv(blocks, F.BLOCK_COLUMNS)})
    assert report.rejected == []
    after = workflows.get(tenant, before.id)
    assert len(after.state["blocks"]) == 2 and after.version == before.version + 1
    kept = versions.get(tenant, before.id, before.version)
    assert kept.source == "import" and kept.block_count == 5 and kept.state == before.state
    assert [v.version for v in versions.history(tenant, before.id)] == [2, 1]


def _sim_cells(**cells) -> tuple[str, dict[str, bytes]]:
    wid = str(uuid.uuid4())
    row = F.workflow_row(wid) | cells
    files = _export(wid)
    files["workflow_rows.csv"] = F.to_csv([row], F.WORKFLOW_COLUMNS)
    return wid, files


def test_json_cells_holding_a_bare_string_or_number_are_stored_as_that_json(tenant):
    # A jsonb cell may hold any JSON value: `"v2"` is the string v2, not text to paste into jsonb.
    wid, files = _sim_cells(deployed_state='"v2"', marketplace_data="7", collaborators='"ops@example.com"')
    report = _run(tenant, files)
    assert report.rejected == [] and report.imported[0].created
    with db.transaction() as c:
        row = c.execute(
            "select deployed_state, marketplace_data, collaborators from workflow where tenant_id = %s and id = %s",
            (tenant, workflow_id(tenant, wid)),
        ).fetchone()
    assert row == {"deployed_state": "v2", "marketplace_data": 7, "collaborators": "ops@example.com"}


@pytest.mark.parametrize("cell", ["12.5", "-3", "3000000000"])
def test_a_run_count_that_is_not_a_count_is_rejected_naming_the_column(tenant, cell):
    wid, files = _sim_cells(run_count=cell)
    report = _run(tenant, files)
    assert report.imported == []
    row, whole = report.rejected  # the row, named by its column; then the workflow it would half-write
    assert row.file == "workflow_rows.csv" and "run_count" in row.reason and cell in row.reason, row.reason
    assert "half-written" in whole.reason
    assert not workflows.exists(tenant, workflow_id(tenant, wid))


def test_a_run_count_written_as_a_whole_float_is_that_count(tenant):
    wid, files = _sim_cells(run_count="12.0")
    report = _run(tenant, files)
    assert report.rejected == []
    assert workflows.get(tenant, workflow_id(tenant, wid)).run_count == 12
