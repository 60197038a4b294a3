-- Agent Forge initial schema: Sim's workflow tables made multi-tenant, the semantic-cache
-- lookup table, the usage log the analytics derive from, API keys and the audit log.
-- Every row that belongs to someone carries tenant_id. Row Level Security is enabled on every
-- table with no policy for Supabase's anon/authenticated roles, so PostgREST exposes nothing;
-- the service connects as the owner and scopes every query by tenant in lib/store.

create extension if not exists vector;

-- Sim's `workflow` columns (JUL25 schema) plus ours: tenant_id, category, status,
-- template_source, metadata, version, import_key, seq.
create table if not exists workflow (
    id               text primary key,
    tenant_id        text        not null,
    user_id          text,
    workspace_id     text,
    folder_id        text,
    name             text        not null,
    description      text,
    state            jsonb       not null,
    color            text        not null default '#3972F6',
    last_synced      timestamptz not null default now(),
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    is_deployed      boolean     not null default false,
    deployed_state   jsonb,
    deployed_at      timestamptz,
    collaborators    jsonb       not null default '[]'::jsonb,
    run_count        integer     not null default 0,
    last_run_at      timestamptz,
    variables        jsonb       not null default '{}'::jsonb,
    is_published     boolean     not null default false,
    marketplace_data jsonb,
    category         text,
    status           text        not null default 'draft'
                     check (status in ('draft', 'active', 'archived')),
    template_source  text,
    metadata         jsonb       not null default '{}'::jsonb,
    version          integer     not null default 1 check (version >= 1),
    import_key       text,
    seq              bigint      generated always as identity,
    constraint workflow_import_key_unique unique (tenant_id, import_key)
);
create index if not exists workflow_tenant_seq_idx on workflow (tenant_id, seq desc);
create index if not exists workflow_tenant_category_idx on workflow (tenant_id, category, seq desc);
create index if not exists workflow_tenant_status_idx on workflow (tenant_id, status, seq desc);

-- Sim's normalized block rows (JUL25 columns). Keyed by (workflow_id, id): Sim's block ids are
-- kept on import, so two tenants importing one export must not collide.
create table if not exists workflow_blocks (
    id                 text        not null,
    workflow_id        text        not null references workflow (id) on delete cascade,
    tenant_id          text        not null,
    type               text        not null,
    name               text        not null,
    position_x         numeric     not null default 0,
    position_y         numeric     not null default 0,
    enabled            boolean     not null default true,
    horizontal_handles boolean     not null default true,
    is_wide            boolean     not null default false,
    advanced_mode      boolean     not null default false,
    height             numeric     not null default 0,
    sub_blocks         jsonb       not null default '{}'::jsonb,
    outputs            jsonb       not null default '{}'::jsonb,
    data               jsonb                default '{}'::jsonb,
    parent_id          text,
    extent             text,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    primary key (workflow_id, id)
);
create index if not exists workflow_blocks_tenant_type_idx on workflow_blocks (tenant_id, type);

create table if not exists workflow_edges (
    id              text        not null,
    workflow_id     text        not null references workflow (id) on delete cascade,
    tenant_id       text        not null,
    source_block_id text        not null,
    target_block_id text        not null,
    source_handle   text,
    target_handle   text,
    created_at      timestamptz not null default now(),
    primary key (workflow_id, id)
);

create table if not exists workflow_subflows (
    id          text        not null,
    workflow_id text        not null references workflow (id) on delete cascade,
    tenant_id   text        not null,
    type        text        not null check (type in ('loop', 'parallel')),
    config      jsonb       not null default '{}'::jsonb,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    primary key (workflow_id, id)
);

-- Semantic cache entries: one per (tenant, normalized intent). pattern_data holds a redacted
-- state; never a secret. 1536 dimensions = text-embedding-3-small and the local embedder.
create table if not exists workflow_lookup (
    id                   uuid        primary key default gen_random_uuid(),
    tenant_id            text        not null,
    workflow_id          text        references workflow (id) on delete set null,
    lookup_key           text        not null,
    lookup_type          text        not null default 'generation',
    description          text,
    pattern_data         jsonb       not null,
    embedding            vector(1536),
    embedding_model      text,
    similarity_threshold real        not null default 0.92,
    usage_count          integer     not null default 0,
    last_used            timestamptz,
    created_at           timestamptz not null default now(),
    constraint workflow_lookup_key_unique unique (tenant_id, lookup_type, lookup_key)
);
create index if not exists workflow_lookup_embedding_idx
    on workflow_lookup using hnsw (embedding vector_cosine_ops);

-- One usage log for every LLM/embedding call and cache lookup; cache_stats derives from it.
create table if not exists ai_usage_logs (
    id                 uuid        primary key default gen_random_uuid(),
    tenant_id          text        not null,
    provider           text        not null,
    model              text,
    operation          text        not null,
    input_tokens       integer     not null default 0,
    output_tokens      integer     not null default 0,
    cache_read_tokens  integer     not null default 0,
    cache_write_tokens integer     not null default 0,
    cost_usd           numeric(12, 6) not null default 0,
    latency_ms         integer     not null default 0,
    status             text        not null,
    error              text,
    workflow_id        text,
    created_at         timestamptz not null default now()
);
create index if not exists ai_usage_logs_tenant_time_idx on ai_usage_logs (tenant_id, created_at desc);

create or replace view cache_stats as
select tenant_id,
       date_trunc('day', created_at)                          as period_start,
       date_trunc('day', created_at) + interval '1 day'       as period_end,
       count(*) filter (where status = 'hit')                 as hit_count,
       count(*) filter (where status = 'miss')                as miss_count,
       coalesce(count(*) filter (where status = 'hit')::float / nullif(count(*), 0), 0) as hit_rate
from ai_usage_logs
where operation = 'cache_lookup'
group by tenant_id, date_trunc('day', created_at);

create table if not exists api_keys (
    id           uuid        primary key default gen_random_uuid(),
    tenant_id    text        not null,
    name         text,
    prefix       text        not null,
    key_hash     text        not null unique,
    role         text        not null check (role in ('read', 'write', 'admin')),
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index if not exists api_keys_tenant_idx on api_keys (tenant_id);

create table if not exists audit_log (
    id          bigint      generated always as identity primary key,
    tenant_id   text        not null,
    actor       text        not null,
    action      text        not null,
    target_type text,
    target_id   text,
    request_id  text,
    details     jsonb       not null default '{}'::jsonb,
    created_at  timestamptz not null default now()
);
create index if not exists audit_log_tenant_time_idx on audit_log (tenant_id, created_at desc);

alter table workflow          enable row level security;
alter table workflow_blocks   enable row level security;
alter table workflow_edges    enable row level security;
alter table workflow_subflows enable row level security;
alter table workflow_lookup   enable row level security;
alter table ai_usage_logs     enable row level security;
alter table api_keys          enable row level security;
alter table audit_log         enable row level security;
