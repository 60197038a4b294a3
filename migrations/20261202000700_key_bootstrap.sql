-- The one-time bootstrap of a deployment's first admin key (POST /api/keys with
-- AGENT_FORGE_BOOTSTRAP_TOKEN). One row at most: inserting it is what "once" means, so two
-- concurrent bootstrap requests cannot both succeed. Resetting a preview database resets it.
create table if not exists key_bootstrap (
    singleton  boolean     primary key default true check (singleton),
    key_id     uuid        not null,
    tenant_id  text        not null,
    request_id text,
    used_at    timestamptz not null default now()
);
alter table key_bootstrap enable row level security;
