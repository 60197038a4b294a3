-- Which version of secret detection last swept the stored workflows. When detection widens (it
-- now finds credentials in URLs: `?sig=…`, `?pwd=…`, `user:password@host`), rows stored before
-- may still hold such values in clear; `migrate` and `serve` sweep again when the code's
-- detection version is above the highest recorded here (`lib.store.secrets.sweep_if_behind`).
create table if not exists secrets_sweeps (
    version    integer primary key,
    workflows  integer not null,
    swept_at   timestamptz not null default now()
);
alter table secrets_sweeps enable row level security;
