"""Secrets: find them (by name and by value), take them out of documents, keep them encrypted.

`scrub(doc) -> (doc, found)` is the one call for anything built from user data that leaves the
process: search documents, cache entries, log fields, validation answers. `lib.store` calls it
with a table-backed namer on every workflow write, so stored states hold only `{{ENV}}`
references and the values live encrypted in the tenant's `secrets` table.
"""

from lib.secrets.scrub import Found, MemoryNamer, find, mask_known, referenced_env, scrub, scrub_text

__all__ = ["Found", "MemoryNamer", "find", "mask_known", "referenced_env", "scrub", "scrub_text"]
