-- A request served from an entry by similarity leaves its own key on that entry (key → the
-- similarity it was served at), so the same request again is found by key, without computing
-- its embedding. lib/store/cache.py keeps at most 32 per entry. A lookup by key filters on the
-- match index's columns first, so no index is needed on this one.
alter table workflow_lookup add column if not exists request_keys jsonb not null default '{}'::jsonb;
