"""Search: hybrid semantic search, similar workflows and pattern match, inside Postgres."""
