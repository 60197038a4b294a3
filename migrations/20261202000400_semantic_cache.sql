-- Semantic cache (issue 11): entries keyed by tenant, embedder, generator context and intent;
-- usage logs that carry what a hit saved; cache_stats that respects RLS.

-- Vectors of any embedder: each row records its embedder (embedding_model) and dimension, and a
-- lookup only ever compares rows of its own embedder. The candidates of a lookup are first cut
-- down by exact filters (tenant, embedder, context, intent), then compared exactly, so no
-- approximate (HNSW) index sits between a request and its entry.
drop index if exists workflow_lookup_embedding_idx;
alter table workflow_lookup alter column embedding type vector;
alter table workflow_lookup
    add column if not exists embedding_dim  integer,
    add column if not exists normalized     text,
    add column if not exists intent         jsonb not null default '{}'::jsonb,
    add column if not exists intent_hash    text,
    add column if not exists context        jsonb not null default '{}'::jsonb,
    add column if not exists context_hash   text,
    add column if not exists source         text,
    add column if not exists saved_tokens   integer not null default 0,
    add column if not exists saved_cost_usd numeric(12, 6) not null default 0,
    add column if not exists produce_ms     integer not null default 0,
    add column if not exists bad            boolean not null default false,
    add column if not exists bad_reason     text,
    add column if not exists expires_at     timestamptz;
alter table workflow_lookup drop constraint if exists workflow_lookup_dim_matches;
alter table workflow_lookup add constraint workflow_lookup_dim_matches
    check (embedding is null or vector_dims(embedding) = embedding_dim);
create index if not exists workflow_lookup_match_idx
    on workflow_lookup (tenant_id, intent_hash, context_hash, embedding_model) where not bad;
create index if not exists workflow_lookup_age_idx
    on workflow_lookup (tenant_id, (coalesce(last_used, created_at)));

-- What a cache hit saved, and how long the answer took, on the lookup's own log row.
alter table ai_usage_logs
    add column if not exists saved_tokens   integer not null default 0,
    add column if not exists saved_cost_usd numeric(12, 6) not null default 0,
    add column if not exists saved_ms       integer not null default 0,
    add column if not exists answer_ms      integer,
    add column if not exists cache_entry_id uuid;
create index if not exists ai_usage_logs_tenant_op_time_idx on ai_usage_logs (tenant_id, operation, created_at);

-- security_invoker: the view runs with the caller's rights, so RLS on ai_usage_logs applies to it.
drop view if exists cache_stats;
create view cache_stats with (security_invoker = true) as
select tenant_id,
       date_trunc('day', created_at)                          as period_start,
       date_trunc('day', created_at) + interval '1 day'       as period_end,
       count(*) filter (where status = 'hit')                 as hit_count,
       count(*) filter (where status = 'miss')                as miss_count,
       coalesce(count(*) filter (where status = 'hit')::float
                / nullif(count(*) filter (where status in ('hit', 'miss')), 0), 0) as hit_rate,
       coalesce(sum(saved_tokens), 0)                         as saved_tokens,
       coalesce(sum(saved_cost_usd), 0)                       as saved_cost_usd,
       coalesce(sum(saved_ms), 0)                             as saved_ms
from ai_usage_logs
where operation = 'cache_lookup'
group by tenant_id, date_trunc('day', created_at);
