"""API key management over HTTP: the one-time bootstrap of a deployment's first admin key, and
the admin endpoints (create, list, revoke, rotate), each audited. Storage is `lib.store.keys`."""
