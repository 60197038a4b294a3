-- Run by `python -m lib migrate` after it applies any migration (idempotent; also safe to run by
-- hand: psql "$DATABASE_URL" -f lib/store/harden.sql after `supabase db push`).
--
-- Every table in this schema: RLS enabled and FORCED (it binds the table owner too, unless the
-- role has BYPASSRLS), with one policy letting the role that owns the schema's objects (the one
-- running migrations and the service) do its work. Supabase's anon and authenticated roles get no
-- policy, so even with Supabase's default grants they read and write nothing. Tables added by later
-- migrations need not repeat this; tests/store/test_rls.py checks every table and view.
do $$
declare
    t record;
begin
    for t in
        select c.relname
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind in ('r', 'p')
    loop
        execute format('alter table %I enable row level security', t.relname);
        execute format('alter table %I force row level security', t.relname);
        if not exists (
            select 1 from pg_policies
            where schemaname = current_schema() and tablename = t.relname and policyname = 'service_owner'
        ) then
            execute format(
                'create policy service_owner on %I as permissive for all to %I using (true) with check (true)',
                t.relname, current_user
            );
        end if;
    end loop;
end
$$;

-- Views run with the caller's rights (RLS of the tables under them applies to the caller).
do $$
declare
    v record;
begin
    for v in
        select c.relname
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind = 'v'
    loop
        execute format('alter view %I set (security_invoker = true)', v.relname);
    end loop;
end
$$;
