-- Search: one document per stored workflow and per catalogue template, and its embeddings.
--
-- search_documents holds what is searchable (never a secret value: lib/search/documents.py drops
-- them before anything is written), its weighted tsvector (A name, B description/category/
-- integrations, C block types/operations/prompts, D other free text) and a structural
-- fingerprint (`shape`, 256 dimensions of hashed structure features) for pattern match.
-- Templates are public rows (tenant_id '', public true); every query filters
-- `tenant_id = <tenant> or public` inside its own SQL.
--
-- search_vectors holds one embedding per (document, embedder). pgvector's HNSW needs a fixed
-- dimension, so `embedding` is an untyped vector and there is one partial expression index per
-- supported dimension; a query names both its embedder and its dimension, so vectors of
-- different embedders are never compared. Filter columns are copied here so a filtered
-- vector scan needs no join.

create table if not exists search_documents (
    tenant_id      text        not null,
    kind           text        not null check (kind in ('template', 'workflow')),
    ref_id         text        not null,
    public         boolean     not null default false,
    name           text        not null,
    category       text,
    status         text,
    source_version integer     not null default 1,
    content_hash   text        not null,
    text_b         text        not null default '',
    text_c         text        not null default '',
    text_d         text        not null default '',
    features       jsonb       not null default '{}'::jsonb,
    shape          vector(256),
    updated_at     timestamptz not null default now(),
    tsv            tsvector generated always as (
                       setweight(to_tsvector('english', name), 'A')
                    || setweight(to_tsvector('english', text_b), 'B')
                    || setweight(to_tsvector('english', text_c), 'C')
                    || setweight(to_tsvector('english', text_d), 'D')
                   ) stored,
    primary key (tenant_id, kind, ref_id)
);
create index if not exists search_documents_tsv_idx on search_documents using gin (tsv);
create index if not exists search_documents_public_idx on search_documents (kind, ref_id) where public;
create index if not exists search_documents_filter_idx on search_documents (tenant_id, category, status);
create index if not exists search_documents_shape_idx
    on search_documents using hnsw (shape vector_cosine_ops);

create table if not exists search_vectors (
    tenant_id    text    not null,
    kind         text    not null,
    ref_id       text    not null,
    embedder     text    not null,
    dim          integer not null check (dim between 1 and 2000),
    public       boolean not null default false,
    category     text,
    status       text,
    content_hash text    not null,
    embedding    vector  not null check (vector_dims(embedding) = dim),
    primary key (tenant_id, kind, ref_id, embedder),
    foreign key (tenant_id, kind, ref_id) references search_documents on delete cascade
);
create index if not exists search_vectors_scope_idx on search_vectors (embedder, tenant_id, category, status);
create index if not exists search_vectors_public_idx on search_vectors (embedder, category) where public;

-- One HNSW index per embedding dimension we support (local models 256-1024, OpenAI 1536).
create index if not exists search_vectors_hnsw_256 on search_vectors
    using hnsw ((embedding::vector(256)) vector_cosine_ops) where dim = 256;
create index if not exists search_vectors_hnsw_384 on search_vectors
    using hnsw ((embedding::vector(384)) vector_cosine_ops) where dim = 384;
create index if not exists search_vectors_hnsw_512 on search_vectors
    using hnsw ((embedding::vector(512)) vector_cosine_ops) where dim = 512;
create index if not exists search_vectors_hnsw_768 on search_vectors
    using hnsw ((embedding::vector(768)) vector_cosine_ops) where dim = 768;
create index if not exists search_vectors_hnsw_1024 on search_vectors
    using hnsw ((embedding::vector(1024)) vector_cosine_ops) where dim = 1024;
create index if not exists search_vectors_hnsw_1536 on search_vectors
    using hnsw ((embedding::vector(1536)) vector_cosine_ops) where dim = 1536;

alter table search_documents enable row level security;
alter table search_vectors enable row level security;
