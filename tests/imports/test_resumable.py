"""Resumable imports: an uploaded export staged once, stored over several short calls, same result
as one CLI run; re-running is safe; progress is readable between calls."""

import httpx
import pytest
import rowfixtures as F

from lib.imports import Source, jobs, run_import
from lib.store import db, workflows

N = 120


def _snapshot(tenant: str) -> dict:
    """Every stored workflow of the tenant by import key: name, state, rows, version."""
    with db.transaction() as c:
        rows = c.execute(
            "select w.import_key, w.name, w.state, w.version,"
            " (select count(*) from workflow_blocks b where b.tenant_id = w.tenant_id and b.workflow_id = w.id) as blocks,"
            " (select count(*) from workflow_edges e where e.tenant_id = w.tenant_id and e.workflow_id = w.id) as edges,"
            " (select count(*) from workflow_subflows s where s.tenant_id = w.tenant_id and s.workflow_id = w.id) as subflows"
            " from workflow w where w.tenant_id = %s",
            (tenant,),
        ).fetchall()
    return {r.pop("import_key"): r for r in rows}


def _upload(client, auth, folder) -> str:
    ticket = (
        client("api/imports/index.py").post("/api/imports", json={"filename": "x.csv"}, headers=auth).json()
    )
    # One upload id may hold several objects: the export's four files.
    for path in sorted(folder.iterdir()):
        key_url = ticket["upload_url"].replace("x.csv", path.name)
        assert httpx.put(key_url, content=path.read_bytes(), headers=ticket["headers"]).status_code == 200
    return ticket["id"]


def test_a_large_export_imports_over_several_calls_like_one_cli_run(
    s3, client, api_key, tenant, tmp_path, monkeypatch
):
    folder = tmp_path / "export"
    folder.mkdir()
    counts = F.write_export(folder, N)
    monkeypatch.setattr(jobs, "BATCH_WORKFLOWS", 25)
    monkeypatch.setattr(jobs, "BUDGET_S", 0.001)  # one batch per call
    auth = {"Authorization": f"Bearer {api_key(tenant)}"}
    upload = _upload(client, auth, folder)
    run = client("api/imports/[id]/run.py")
    get = client("api/imports/[id].py")
    assert get.get(f"/api/imports/{upload}", headers=auth).status_code == 404  # not run yet

    answers = []
    while True:
        r = run.post(f"/api/imports/{upload}/run", headers=auth)
        answers.append(r.json())
        seen = get.get(f"/api/imports/{upload}", headers=auth).json()
        assert seen["workflows_done"] == answers[-1]["workflows_done"]
        if r.json()["status"] == "done":
            assert r.status_code == 200, r.text  # done: the report
            break
        assert r.status_code == 202, r.text  # more to do: call again
        assert len(answers) < 20
    # Five batches of 25 workflows, one a call; then the search phase, one batch a call.
    from lib.search.indexing import CATCH_UP_BATCH

    storing = [a for a in answers if a["status"] == "running"]
    indexing = [a for a in answers if a["status"] == "indexing"]
    # the call that stores the last batch answers `indexing`: its budget is spent, the next call indexes
    assert len(storing) == -(-N // 25) - 1
    assert len(indexing) == -(-N // CATCH_UP_BATCH) and len(answers) == len(storing) + len(indexing) + 1
    assert all(a["remaining"] == 0 and a["workflows_done"] == N for a in indexing)
    done = [a["workflows_done"] for a in answers]
    assert done == sorted(done) and answers[0]["remaining"] == N - 25
    # Done means searchable: every stored workflow has its document and its vector.
    assert _indexed(tenant) == (N, N)
    last = answers[-1]
    assert last["rows_total"] == sum(counts.values()) == last["rows_done"]
    assert (
        last["workflows_imported"] == last["workflows_created"] == N
        and last["rejected_count"] == 0
        and last["rejected"] == []
    )
    assert last["remaining"] == 0 and last["calls"] == len(answers)

    # Running a finished import again changes nothing.
    before = _snapshot(tenant)
    again = run.post(f"/api/imports/{upload}/run", headers=auth)
    assert (
        again.status_code == 200 and again.json()["workflows_imported"] == N and _snapshot(tenant) == before
    )

    # The same export in one CLI-style run for another tenant: the same workflows, states and rows.
    other = tenant + "-cli"
    report = run_import(other, [Source(p.name, p.open("rb")) for p in sorted(folder.iterdir())])
    assert report.rejected == [] and len(report.imported) == N
    assert _snapshot(other) == before
    sample = before[next(iter(before))]
    assert (sample["blocks"], sample["edges"], sample["subflows"]) == (5, 4, 1)


def _indexed(tenant: str) -> tuple[int, int]:
    with db.transaction() as c:
        row = c.execute(
            "select (select count(*) from search_documents where tenant_id = %(t)s and kind = 'workflow') as d,"
            " (select count(*) from search_vectors where tenant_id = %(t)s and kind = 'workflow') as v",
            {"t": tenant},
        ).fetchone()
    return row["d"], row["v"]


def test_a_half_finished_import_resumes_where_it_stopped(tenant, tmp_path, monkeypatch):
    folder = tmp_path / "export"
    folder.mkdir()
    F.write_export(folder, 60, prefix="half")
    monkeypatch.setattr(jobs, "BATCH_WORKFLOWS", 20)
    sources = [Source(p.name, p.open("rb")) for p in sorted(folder.iterdir())]
    assert jobs.stage(tenant, "job-half", sources)
    assert not jobs.stage(tenant, "job-half", [])  # staged once: a second stage is a no-op
    first = jobs.advance(tenant, "job-half", budget_s=0.0)
    assert first.status == "running" and first.workflows_done == 20 and first.remaining == 40
    assert len(workflows.page(tenant, limit=100)[0]) == 20
    rest = jobs.advance(tenant, "job-half", budget_s=None)
    assert rest.status == "done" and rest.workflows_imported == 60 and rest.rejected_count == 0
    assert len(workflows.page(tenant, limit=100)[0]) == 60
    with db.transaction() as c:  # staged rows go when the job is done
        left = c.execute(
            "select count(*) as n from import_staging where tenant_id = %s", (tenant,)
        ).fetchone()
    assert left["n"] == 0


def test_a_call_that_spent_its_budget_storing_leaves_the_search_phase_to_the_next(
    tenant, tmp_path, monkeypatch
):
    """The search phase always runs one batch of embeddings; begun after a call's storing spent most of the
    budget, it ran the call past it (22 s of 20 at load). Such a call stops; the next one indexes."""
    folder = tmp_path / "export"
    folder.mkdir()
    F.write_export(folder, 6, prefix="late")
    sources = [Source(p.name, p.open("rb")) for p in sorted(folder.iterdir())]
    assert jobs.stage(tenant, "job-late", sources)
    stored = jobs.advance(tenant, "job-late", budget_s=0.0)
    assert stored.status == "indexing" and stored.workflows_imported == 6
    indexed = jobs.advance(tenant, "job-late", budget_s=0.0)  # stored nothing: it indexes, so it progresses
    assert indexed.status == "done"


@pytest.mark.parametrize("budget", [0.0, None])
def test_progress_of_an_unknown_job_is_none(tenant, budget):
    assert jobs.advance(tenant, "no-such-job", budget_s=budget) is None
    assert jobs.progress(tenant, "no-such-job") is None


def test_the_cli_drives_an_upload_to_its_end(s3, client, api_key, tenant, tmp_path, monkeypatch, capsys):
    from lib.imports.cli import main

    folder = tmp_path / "export"
    folder.mkdir()
    F.write_export(folder, 30, prefix="cli")
    monkeypatch.setattr(jobs, "BATCH_WORKFLOWS", 10)
    monkeypatch.setattr(jobs, "BUDGET_S", 0.001)
    upload = _upload(client, {"Authorization": f"Bearer {api_key(tenant)}"}, folder)
    assert main(["--upload", upload, "--tenant", tenant]) == 0
    out = capsys.readouterr()
    from lib.search.indexing import CATCH_UP_BATCH

    # three calls store a batch each (the budget spent, none begins indexing), then one call a search batch
    calls = 3 + -(-30 // CATCH_UP_BATCH)
    assert out.err.count("remaining") == calls and "30 imported, 0 rejected" in out.out
    assert len(workflows.page(tenant, limit=100)[0]) == 30


def test_overlapping_runs_of_one_job_store_each_workflow_once(tenant, tmp_path, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    folder = tmp_path / "export"
    folder.mkdir()
    F.write_export(folder, 80, prefix="both")
    monkeypatch.setattr(jobs, "BATCH_WORKFLOWS", 10)
    assert jobs.stage(tenant, "job-both", [Source(p.name, p.open("rb")) for p in sorted(folder.iterdir())])
    with ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(lambda _i: jobs.advance(tenant, "job-both", budget_s=None), range(2)))
    final = jobs.progress(tenant, "job-both")
    assert all(r is not None for r in runs)
    assert final.status == "done" and final.workflows_done == final.workflows_imported == 80
    assert final.workflows_created == 80 and final.rejected_count == 0
    snapshot = _snapshot(tenant)
    assert len(snapshot) == 80 and {r["version"] for r in snapshot.values()} == {1}
    assert all((r["blocks"], r["edges"], r["subflows"]) == (5, 4, 1) for r in snapshot.values())


def test_progress_lists_rejected_rows_with_file_and_line(tenant):
    good, bad = "rj-good", "rj-bad"
    blocks = F.triage_blocks(good) + F.triage_blocks(bad)
    blocks[6]["sub_blocks"] = '{"cut": '  # the bad workflow's agent row: broken JSON
    data = F.to_csv(blocks, F.BLOCK_COLUMNS)
    assert jobs.stage(tenant, "job-rj", [Source("workflow_blocks_rows.csv", data)])
    done = jobs.advance(tenant, "job-rj", budget_s=None)
    assert done.status == "done" and done.workflows_imported == 1 and done.rejected_count == 2
    row, whole = done.rejected
    assert (row.file, row.line) == ("workflow_blocks_rows.csv", 8) and "sub_blocks" in row.reason
    assert bad in whole.reason and "half-written" in whole.reason
    done.raise_if_nothing_imported()  # something was imported: no error


def test_abandoned_jobs_are_swept_when_the_next_one_stages(tenant):
    data = F.to_csv(F.triage_blocks("swept"), F.BLOCK_COLUMNS)
    assert jobs.stage(tenant, "direct-abandoned", [Source("b.csv", data)])
    assert jobs.stage(tenant, "job-kept", [Source("b.csv", data)])
    with db.transaction() as c:
        c.execute(
            "update import_jobs set updated_at = now() - interval '2 days' where tenant_id = %s", (tenant,)
        )
    assert jobs.stage(tenant, "job-next", [Source("b.csv", data)])
    assert jobs.progress(tenant, "direct-abandoned") is None  # a crashed one-shot run's leftovers
    assert jobs.progress(tenant, "job-kept") is not None  # an upload waits a week for its next call
    with db.transaction() as c:
        left = c.execute(
            "select distinct job_id from import_staging where tenant_id = %s order by job_id", (tenant,)
        ).fetchall()
    assert [r["job_id"] for r in left] == ["job-kept", "job-next"]


def _search_rows(tenant: str) -> tuple[list[dict], list[dict]]:
    with db.transaction() as c:
        docs = c.execute(
            "select ref_id, source_version from search_documents where tenant_id = %s", (tenant,)
        ).fetchall()
        vecs = c.execute("select ref_id from search_vectors where tenant_id = %s", (tenant,)).fetchall()
    return docs, vecs


def test_a_batch_import_is_searchable_when_done_even_through_an_embedder_outage(
    tenant, settings_env, monkeypatch
):
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nobody listens there: every embedding call fails
    data = F.to_csv(F.triage_blocks("ix-one") + F.triage_blocks("ix-two"), F.BLOCK_COLUMNS)
    settings_env(OPENAI_API_KEY="sk-test-outage", OPENAI_BASE_URL=f"http://127.0.0.1:{port}/v1")
    assert jobs.stage(tenant, "job-ix", [Source("workflow_blocks_rows.csv", data)])
    done = jobs.advance(tenant, "job-ix", budget_s=None)
    assert done.status == "done" and done.workflows_imported == 2
    docs, vecs = _search_rows(tenant)  # indexed for full text and structure, vectors left for reembed
    assert {d["ref_id"] for d in docs} == {i.id for i in done.imported} and vecs == []
    monkeypatch.delenv("OPENAI_API_KEY")
    monkeypatch.delenv("OPENAI_BASE_URL")
    settings_env()  # the outage is over: the local model again
    assert jobs.stage(tenant, "job-ix2", [Source("workflow_blocks_rows.csv", data)])  # re-import
    again = jobs.advance(tenant, "job-ix2", budget_s=None)
    assert again.status == "done" and again.workflows_created == 0
    docs, vecs = _search_rows(tenant)  # the next import's search phase caught up: every vector is there
    assert len(docs) == 2 and {v["ref_id"] for v in vecs} == {d["ref_id"] for d in docs}
    assert all(d["source_version"] == 2 for d in docs)
