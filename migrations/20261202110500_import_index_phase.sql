-- Imports index for search after storing (issue 14): a job's batches store workflows only, then
-- the job's `indexing` phase embeds and indexes what the tenant has left to index, batch by batch,
-- and the job is `done` only when the search index has caught up. `index_seq` is that phase's
-- cursor (the last `workflow.seq` it indexed), so a call that stops at its time budget hands the
-- rest to the next call.
alter table import_jobs drop constraint if exists import_jobs_status_check;
alter table import_jobs add constraint import_jobs_status_check
    check (status in ('staged', 'running', 'indexing', 'done'));
alter table import_jobs add column if not exists index_seq bigint not null default 0;
