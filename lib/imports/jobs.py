"""Import jobs: stage the files once, then store them batch by batch within a time budget.

`stage` streams every source into `import_staging` in one transaction (a call that dies while
staging leaves nothing, and the next call stages again). `advance` then runs batches — each one
transaction that stores its workflows and moves the job's cursor together, so re-running a
finished or half-finished job never imports a workflow twice — until the budget is spent or
the job's rows are all stored. Its last phase indexes them for search (`indexing`: embeddings,
batch by batch, from a cursor on the job row, `lib.search.indexing.catch_up`), and only then is
the job `done`, so an import reported done is also searchable. The HTTP route gives each call a
budget well inside Vercel's 30 s `maxDuration`; the CLI and `run_import` give none and drive the
job to its end.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from lib.errors import Unavailable
from lib.imports.batch import Batch, Planned, plan_batch, write_batch
from lib.imports.models import MAX_DETAILED, MAX_REJECTED, Imported, ImportProgress, ImportReport, Rejected
from lib.imports.staging import Staged, records
from lib.store import db
from lib.store import imports as store

__all__ = ["BATCH_WORKFLOWS", "BUDGET_S", "advance", "progress", "run_import", "stage"]

BATCH_WORKFLOWS = 400
BATCH_BYTES = 2_000_000  # of staged cell text: keeps a batch's memory flat whatever the row sizes
OVERLAP = True  # plan the next batch while the previous one is written
INDEX_AFTER = 0.75  # of the budget: past it, a call that stored batches does not begin indexing
BUDGET_S = 20.0  # of Vercel's 30 s maxDuration: the rest is headroom for one slow batch and the answer
Progress = Callable[[str, int, "int | None"], None]  # (stage, done, total)


def _db_errors() -> tuple[type[BaseException], ...]:
    import psycopg

    return (psycopg.OperationalError, psycopg.InterfaceError)


def stage(
    tenant: str, job_id: str, sources: Iterable[Any], *, tick: Callable[[int], None] | None = None
) -> bool:
    """Stream `sources` into the staging table under a new job; False if the job already exists."""
    report = ImportReport()
    staged = Staged()
    try:
        with _own_transactions(), db.transaction() as c:
            store.sweep_stale(c)
            if not store.create_job(c, tenant, job_id):
                return False
            store.stage_rows(
                c, tenant, job_id, records(list(sources), report, staged, tick or (lambda n: None))
            )
            store.update_job(
                c,
                tenant,
                job_id,
                files=staged.files,
                rows_total=staged.rows,
                workflows_total=store.count_staged(c, tenant, job_id),
                rejected_count=len(report.rejected) + report.overflow,
                rejected=[r.model_dump() for r in report.rejected],
                malformed=report.malformed,
            )
    except _db_errors() as exc:
        raise Unavailable(f"database unreachable during the import: {type(exc).__name__}") from None
    return True


def advance(
    tenant: str,
    job_id: str,
    *,
    budget_s: float | None = BUDGET_S,
    started: float | None = None,
    collect: ImportReport | None = None,
    on_batch: Progress | None = None,
) -> ImportProgress | None:
    """Store batches, then index them for search, until the job is done or `budget_s` (from
    `started`) would be overrun.

    Two steps a batch, overlapped: this thread plans batch N+1 (reads, builds, scrubs, validates,
    encodes) while a writer thread stores batch N and moves the job's cursor in one transaction.
    A write whose job moved on meanwhile (another call got there first) is dropped, and this call
    stops. None when there is no such job. `collect` receives every imported item and rejection
    (the one-shot path's full report); the job row keeps counts and the first ones of each.
    """
    started = time.monotonic() if started is None else started
    slowest, batches = 0.0, 0
    pending: Future[tuple[float, bool]] | None = None
    writer = ThreadPoolExecutor(1, thread_name_prefix="import-writer")
    try:
        with _own_transactions():
            job = store.get_job(tenant, job_id)
            if job is None:
                return None
            cursor, files = job["cursor_wid"], job["files"]
            while job["status"] in ("staged", "running"):
                began = time.monotonic()
                if budget_s is not None and batches and began - started + 1.5 * slowest > budget_s:
                    break  # every call stores at least one batch (a few MB at most), so each call progresses
                with db.transaction() as c:
                    rows = store.next_rows(c, tenant, job_id, cursor, BATCH_WORKFLOWS, BATCH_BYTES)
                    planned = plan_batch(c, tenant, files, rows) if rows else None
                slowest = max(slowest, time.monotonic() - began)
                if pending is not None:
                    wrote, moved = pending.result()
                    pending, slowest = None, max(slowest, wrote)
                    if moved:
                        break
                if planned is None:
                    if not batches:
                        _finish_empty(tenant, job_id, cursor)
                    break
                pending = writer.submit(_write, tenant, job_id, cursor, planned, collect, on_batch)
                cursor, batches = planned.last, batches + 1
                if not OVERLAP:
                    wrote, moved = pending.result()
                    pending, slowest = None, max(slowest, wrote)
                    if moved:
                        break
            if pending is not None:
                pending.result()
            # the search phase runs at least one batch of embeddings: a call that stored batches leaves it to
            # the next call once three quarters of its budget are spent (it overran the budget at load)
            if budget_s is None or not batches or time.monotonic() - started < INDEX_AFTER * budget_s:
                _index(tenant, job_id, None if budget_s is None else started + budget_s, on_batch)
    except _db_errors() as exc:
        raise Unavailable(f"database unreachable during the import: {type(exc).__name__}") from None
    finally:
        writer.shutdown(wait=True)
    return progress(tenant, job_id)


def _own_transactions() -> Any:
    """Staging and batches commit one by one, also inside a request that runs its writes as one
    unit of work: a resumable job must survive the call that advanced it."""
    return db.detached()


def _write(
    tenant: str,
    job_id: str,
    expected: str | None,
    planned: Planned,
    collect: ImportReport | None,
    on_batch: Progress | None,
) -> tuple[float, bool]:
    """(seconds, moved): store the batch and move the cursor, unless the job moved on meanwhile."""
    began = time.monotonic()
    with _own_transactions(), db.transaction() as c:
        job = store.lock_job(c, tenant, job_id)
        if job is None or job["status"] not in ("staged", "running") or job["cursor_wid"] != expected:
            return 0.0, True
        done = write_batch(c, tenant, planned)
        _record(c, tenant, job, planned.last, done, planned.report)
        if not store.has_more(c, tenant, job_id, planned.last):
            store.finish_storing(c, tenant, job_id)
    if collect is not None:
        planned.report.imported = done.items
        collect.merge(planned.report)
    if on_batch is not None:
        on_batch("store", job["workflows_done"] + done.workflows, job["workflows_total"])
    return time.monotonic() - began, False


def _finish_empty(tenant: str, job_id: str, expected: str | None) -> None:
    """A job with nothing (left) to store moves on to indexing."""
    with _own_transactions(), db.transaction() as c:
        job = store.lock_job(c, tenant, job_id)
        if job is not None and job["status"] in ("staged", "running") and job["cursor_wid"] == expected:
            store.finish_storing(c, tenant, job_id)


def _index(tenant: str, job_id: str, until: float | None, on_batch: Progress | None) -> None:
    """The job's search phase: index what the tenant has left to index, from the job's cursor,
    until done (the job is then `done`) or the deadline; the cursor is saved for the next call."""
    from lib.search.indexing import catch_up

    job = store.get_job(tenant, job_id)
    if job is None or job["status"] != "indexing":
        return
    if on_batch is not None:
        on_batch("index", job["workflows_done"], job["workflows_total"])
    seq, finished = catch_up(tenant, after_seq=job["index_seq"], until=until)
    with db.transaction() as c:
        job = store.lock_job(c, tenant, job_id)
        if job is None or job["status"] != "indexing":
            return
        if finished:
            store.finish_job(c, tenant, job_id)
        elif seq > job["index_seq"]:
            store.update_job(c, tenant, job_id, index_seq=seq)


def _record(c: Any, tenant: str, job: dict[str, Any], cursor: str, done: Batch, report: ImportReport) -> None:
    """The batch's counters and first rejections/items onto the job row, in the batch's transaction."""
    rejected = job["rejected"]
    rejected += [r.model_dump() for r in report.rejected[: max(0, MAX_REJECTED - len(rejected))]]
    items = job["items"]
    items += [i.model_dump(mode="json") for i in done.items[: max(0, MAX_DETAILED - len(items))]]
    store.update_job(
        c,
        tenant,
        job["id"],
        status="running",
        cursor_wid=cursor,
        rows_done=job["rows_done"] + done.rows,
        workflows_done=job["workflows_done"] + done.workflows,
        imported=job["imported"] + done.imported,
        created=job["created"] + done.created,
        rejected_count=job["rejected_count"] + len(report.rejected),
        rejected=rejected,
        items=items,
        malformed=job["malformed"] or report.malformed,
    )


def progress(tenant: str, job_id: str) -> ImportProgress | None:
    with _own_transactions():
        job = store.get_job(tenant, job_id)
    return None if job is None else _progress(job)


def _progress(job: dict[str, Any]) -> ImportProgress:
    return ImportProgress(
        id=job["id"],
        status=job["status"],
        rows_total=job["rows_total"],
        rows_done=job["rows_done"] if job["status"] != "done" else job["rows_total"],
        workflows_total=job["workflows_total"],
        workflows_done=job["workflows_done"],
        workflows_imported=job["imported"],
        workflows_created=job["created"],
        rejected_count=job["rejected_count"],
        remaining=max(0, job["workflows_total"] - job["workflows_done"]),
        calls=job["calls"],
        imported=[Imported.model_validate(i) for i in job["items"]],
        rejected=[Rejected.model_validate(r) for r in job["rejected"]],
        malformed=job["malformed"],
    )


def count_call(tenant: str, job_id: str) -> None:
    with _own_transactions(), db.transaction() as c:
        c.execute(
            "update import_jobs set calls = calls + 1 where tenant_id = %s and id = %s", (tenant, job_id)
        )


def run_import(tenant: str, sources: Iterable[Any], *, progress: Progress | None = None) -> ImportReport:
    """Import every source for `tenant` now, whatever it takes; never raises for bad input.

    The same staging and batches as the resumable path, with no time budget; the job is
    forgotten once its full report is taken.
    """
    job_id = "direct-" + uuid.uuid4().hex
    read = [0]

    def tick(n: int) -> None:
        read[0] += n
        if progress is not None:
            progress("read", read[0], None)

    report = ImportReport()
    stage(tenant, job_id, sources, tick=tick)
    try:
        with _own_transactions():
            job = store.get_job(tenant, job_id)
        if job is None:
            raise RuntimeError(f"import job {job_id} vanished while it ran")
        for rej in job["rejected"]:
            report.reject(rej["file"], rej.get("line"), rej["reason"], malformed=True)
        report._overflow += job["rejected_count"] - len(job["rejected"])
        advance(tenant, job_id, budget_s=None, collect=report, on_batch=progress)
    finally:
        try:
            with _own_transactions():
                store.delete_staging(tenant, job_id)
        except Exception:  # nosec B110  # an outage already answered 503; the rows are swept with the next job
            pass
    return report.finish()
