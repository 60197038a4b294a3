-- Resumable imports (issue 14 §2): an uploaded file is streamed once into import_staging, then
-- each POST /api/imports/{id}/run stores the next batches of workflows and records its cursor in
-- import_jobs, so a large import spreads over several short serverless calls. The job row is
-- the progress report (GET /api/imports/{id}). Staged rows go when the job finishes.
create table if not exists import_jobs (
    tenant_id          text        not null,
    id                 text        not null,
    status             text        not null default 'staged' check (status in ('staged', 'running', 'done')),
    files              jsonb       not null default '[]'::jsonb,   -- [{name, table, header}]
    rows_total         bigint      not null default 0,
    workflows_total    integer     not null default 0,
    cursor_wid         text,                                       -- last workflow key stored
    rows_done          bigint      not null default 0,
    workflows_done     integer     not null default 0,
    imported           integer     not null default 0,
    created            integer     not null default 0,
    rejected_count     integer     not null default 0,
    rejected           jsonb       not null default '[]'::jsonb,   -- first 1000 rejected rows
    items              jsonb       not null default '[]'::jsonb,   -- first imported items, detailed
    calls              integer     not null default 0,
    malformed          boolean     not null default false,         -- a rejection was a syntax error (400)
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    finished_at        timestamptz,
    primary key (tenant_id, id)
);

-- One row per CSV record (or per JSON/YAML document), keyed by the workflow it belongs to, so a
-- batch reads whole workflows in key order. `cells` is the record as a JSON array of strings.
create table if not exists import_staging (
    tenant_id  text    not null,
    job_id     text    not null,
    wid        text    collate "C" not null,
    ord        bigint  not null,
    file_ix    integer not null,
    line       integer not null,
    cells      text    not null,
    primary key (tenant_id, job_id, wid, ord)
);

alter table import_jobs    enable row level security;
alter table import_staging enable row level security;
