-- Secrets moved out of workflow states: one row per (tenant, environment variable name), the value
-- encrypted by the service (Fernet, key from SECRETS_KEY); `value_hash` is an HMAC for
-- "same value -> same name" lookups without decrypting. The database never sees a clear value.
create table if not exists secrets (
    tenant_id   text        not null,
    name        text        not null check (name ~ '^[A-Za-z_][A-Za-z0-9_]*$'),
    value_hash  text        not null,
    ciphertext  bytea       not null,
    key_id      text        not null,
    kind        text,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    primary key (tenant_id, name),
    unique (tenant_id, value_hash)
);

alter table secrets enable row level security;
-- No policy: Supabase's anon/authenticated roles see nothing; the service connects as the owner.

-- Views run with the caller's rights, so RLS on ai_usage_logs applies through cache_stats too.
alter view cache_stats set (security_invoker = true);
