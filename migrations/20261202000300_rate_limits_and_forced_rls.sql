-- Rate limit counters (Row Level Security is forced on every table by lib/store/harden.sql).
--
-- rate_limits: one row per bucket ("key:<hash>:api", "ip:<addr>:llm" …) holding the current fixed
-- window's start and hit count. One INSERT … ON CONFLICT statement per request updates every
-- bucket it touches atomically, so it works through Supabase's transaction pooler (no session
-- state, no advisory lock, no prepared statement). Unlogged: counters are not worth a WAL write,
-- and a crash only forgets the current minute.
create unlogged table if not exists rate_limits (
    bucket       text        primary key,
    window_start timestamptz not null,
    hits         integer     not null
);
create index if not exists rate_limits_window_idx on rate_limits (window_start);

-- RLS is forced on every table, and every view made security_invoker, by lib/store/harden.sql,
-- which `python -m lib migrate` runs after applying any migration (so tables of migrations
-- applied later, or out of order, are covered too).
