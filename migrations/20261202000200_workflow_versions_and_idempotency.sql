-- Version history and idempotent creates (issue 10 §2).
--
-- The `workflow` row is the current version; every change that replaces it (PUT, generate-state,
-- restore, re-import) first copies it into `workflow_versions` in the same transaction, so a
-- previous state is never lost. `version_source`/`version_actor`/`version_at` say how, by whom
-- and when the current version was made; they travel with it into the history.
alter table workflow add column if not exists version_source text not null default 'create';
alter table workflow add column if not exists version_actor text;
alter table workflow add column if not exists version_at timestamptz not null default now();
update workflow set version_at = updated_at, version_source = case when import_key is null then 'create' else 'import' end;

create table if not exists workflow_versions (
    workflow_id   text        not null references workflow (id) on delete cascade,
    version       integer     not null,
    tenant_id     text        not null,
    source        text        not null,
    actor         text,
    name          text        not null,
    description   text,
    category      text,
    status        text        not null,
    template_source text,
    metadata      jsonb       not null,
    variables     jsonb       not null,
    state         jsonb       not null,
    block_count   integer     not null,
    created_at    timestamptz not null,
    superseded_at timestamptz not null default now(),
    primary key (workflow_id, version)
);
create index if not exists workflow_versions_tenant_idx on workflow_versions (tenant_id, workflow_id, version desc);

-- One row per (tenant, Idempotency-Key) of a POST that created something: the answer to replay.
-- Written in the same transaction as what it created, so the key exists iff the write does.
create table if not exists idempotency_keys (
    tenant_id   text        not null,
    key         text        not null,
    fingerprint text        not null,
    status      integer     not null,
    media_type  text,
    body        bytea       not null,
    created_at  timestamptz not null default now(),
    primary key (tenant_id, key)
);
create index if not exists idempotency_keys_created_idx on idempotency_keys (created_at);

alter table workflow_versions enable row level security;
alter table idempotency_keys  enable row level security;
