-- Search: one HNSW index per catalogue category, for the dimensions of the embedders we ship
-- (384: the local all-MiniLM-L6-v2; 1536: OpenAI's text-embedding-3-small), beside the
-- whole-table ones.
--
-- pgvector filters after the index scan, so a category filter (about 1/13 of a tenant's
-- workflows) made the whole-table index walk about 13 times as many tuples, each checked
-- against its heap row, and a category + status filter fell back to an exact scan of a few
-- thousand scattered rows. A partial index per category answers those as fast as an unfiltered
-- search (the status filter left to the iterative scan: a third of the rows match). The planner
-- picks it when the query names the category and the dimension (lib/store/search.py does);
-- categories outside the catalogue's 13, and other dimensions, use the whole-table index (each
-- partial index build reads the whole table, so none is made for dimensions nothing writes).
-- The lists are the catalogue's and lib/store/search.py CATEGORY_DIMS
-- (tests/search/test_filters.py checks they agree).
do $$
declare
    d integer;
    c text;
begin
    foreach d in array array[384, 1536] loop
        foreach c in array array[
            'customer-support', 'sales-leads', 'content-marketing', 'research', 'crypto-trading',
            'engineering-devops', 'data-pipeline', 'recruiting-hr', 'email-productivity', 'ecommerce',
            'social-media', 'knowledge-base', 'finance-reporting'
        ] loop
            execute format(
                'create index if not exists %I on search_vectors'
                ' using hnsw ((embedding::vector(%s)) vector_cosine_ops) where dim = %s and category = %L',
                'search_vectors_hnsw_' || d || '_' || replace(c, '-', '_'), d, d, c
            );
        end loop;
    end loop;
end
$$;
