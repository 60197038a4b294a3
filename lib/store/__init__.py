"""PostgreSQL (with pgvector): the only room that speaks SQL. Every function takes the tenant."""
