-- Indexing reuses a vector the tenant already has for the same text (issue 14): a document whose
-- content hash (the sha256 of what the embedder reads) is embedded already for this tenant, kind
-- and embedder — another workflow with the same document, a re-import, a cache hit stored as a
-- new workflow — takes that vector instead of running the embedder again. This index finds it.
create index if not exists search_vectors_digest_idx
    on search_vectors (tenant_id, embedder, kind, content_hash);
