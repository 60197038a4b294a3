"""The per-tenant secrets table: values taken out of workflows, encrypted, named like env variables.

`protect` is what every workflow write calls inside its transaction: it scrubs the documents
(state, variables, metadata, …), gives each clear value its tenant-wide name (the same value
always gets the same name) and stores it encrypted, so the row that lands holds references only.
`reveal` is the one way back to clear values: admin only (the route checks the role) and written
to the audit log in the same transaction.
"""

from __future__ import annotations

from collections.abc import Container
from typing import Any

from psycopg import errors as pg_errors

from lib.secrets import Found, referenced_env, scrub, vault
from lib.store import db

__all__ = ["TableNamer", "names", "protect", "reveal", "rotate", "sweep", "sweep_if_behind"]


class TableNamer:
    """Names from the tenant's table: a known value keeps its name; a new one gets a free name."""

    def __init__(self, conn: Any, tenant: str) -> None:
        self.c = conn
        self.tenant = tenant
        self.by_value: dict[str, str] = {}

    def __call__(self, value: str, suggested: str, avoid: Container[str]) -> str:
        if value in self.by_value:
            return self.by_value[value]
        digest = vault.lookup_hash(self.tenant, value)
        row = self.c.execute(
            "select name from secrets where tenant_id = %s and value_hash = %s", (self.tenant, digest)
        ).fetchone()
        if row is not None:
            self.by_value[value] = row["name"]
            return row["name"]
        token, key_id = vault.encrypt(value), vault.key_id()
        n = 1
        while True:
            name = suggested if n == 1 else f"{suggested}_{n}"
            n += 1
            if name in avoid or name in self.by_value.values():
                continue
            try:
                with self.c.transaction():  # a savepoint: a taken name or value is retried, not fatal
                    self.c.execute(
                        "insert into secrets (tenant_id, name, value_hash, ciphertext, key_id)"
                        " values (%s, %s, %s, %s, %s)",
                        (self.tenant, name, digest, token, key_id),
                    )
            except pg_errors.UniqueViolation:
                row = self.c.execute(
                    "select name from secrets where tenant_id = %s and value_hash = %s", (self.tenant, digest)
                ).fetchone()
                if row is not None:  # a concurrent writer stored the same value first
                    self.by_value[value] = row["name"]
                    return row["name"]
                continue
            self.by_value[value] = name
            return name


def protect(c: Any, tenant: str, **docs: Any) -> tuple[dict[str, Any], list[Found]]:
    """Scrub each named document for storage inside transaction `c`; values go to the table.

    `protect(c, t, state=…, variables=…)` → ({"state": …, "variables": …}, found). None stays None.
    """
    namer = TableNamer(c, tenant)
    out: dict[str, Any] = {}
    found: list[Found] = []
    for key, doc in docs.items():
        if doc is None:
            out[key] = None
            continue
        out[key], more = scrub(doc, namer=namer)
        found += more
    return out, found


def names(tenant: str, candidates: list[str], *, conn: Any = None) -> set[str]:
    """Which of these names the tenant's table holds."""
    if not candidates:
        return set()
    with db.transaction(conn) as c:
        rows = c.execute(
            "select name from secrets where tenant_id = %s and name = any(%s)", (tenant, candidates)
        ).fetchall()
    return {r["name"] for r in rows}


def reveal(
    tenant: str, workflow_id: str, *, actor: str, request_id: str | None
) -> tuple[list[str], dict[str, str]]:
    """(variables the workflow references, clear values of those the table holds); audited."""
    from lib.store import audit, workflows

    with db.transaction() as c:
        record = workflows.get(tenant, workflow_id, conn=c)
        needed = referenced_env({"state": record.state, "variables": record.variables})
        rows = c.execute(
            "select name, ciphertext from secrets where tenant_id = %s and name = any(%s) order by name",
            (tenant, needed),
        ).fetchall()
        values = {r["name"]: vault.decrypt(r["ciphertext"]) for r in rows}
        audit.record(
            tenant,
            actor=actor,
            action="reveal secrets",
            target_type="workflows",
            target_id=workflow_id,
            request_id=request_id,
            details={"names": sorted(values)},
            conn=c,
        )
    return needed, values


def rotate(batch: int = 500) -> int:
    """Re-encrypt every row under the current key and recompute lookup hashes; returns rows done."""
    done = 0
    current = vault.key_id()
    while True:
        with db.transaction() as c:
            rows = c.execute(
                "select tenant_id, name, ciphertext from secrets where key_id <> %s limit %s for update skip locked",
                (current, batch),
            ).fetchall()
            for r in rows:
                clear = vault.decrypt(r["ciphertext"])
                c.execute(
                    "update secrets set ciphertext = %s, value_hash = %s, key_id = %s, updated_at = now()"
                    " where tenant_id = %s and name = %s",
                    (
                        vault.encrypt(clear),
                        vault.lookup_hash(r["tenant_id"], clear),
                        current,
                        r["tenant_id"],
                        r["name"],
                    ),
                )
        done += len(rows)
        if len(rows) < batch:
            return done


def sweep(batch: int = 200) -> int:
    """Move clear secrets out of workflows stored before writes did it; returns workflows changed.

    Each workflow is rewritten (state, variables, metadata, name, description and the mirrored
    rows) in its own transaction, without a version bump: what it means does not change; so are
    its history rows. The detection version it ran under is recorded in `secrets_sweeps`.
    """
    from lib.secrets import detect
    from lib.store import versions, workflows

    changed, after = 0, -1
    while True:
        with db.transaction() as c:
            rows = c.execute(
                "select seq, tenant_id, id from workflow where seq > %s order by seq limit %s", (after, batch)
            ).fetchall()
        for row in rows:
            after = row["seq"]
            moved = workflows.rescrub(row["tenant_id"], row["id"])
            # history rows copied from a workflow before its sweep hold what it held
            if versions.rescrub(row["tenant_id"], row["id"]) or moved:
                changed += 1
        if len(rows) < batch:
            break
    with db.transaction() as c:  # every row was swept under this detection (the first record wins)
        c.execute(
            "insert into secrets_sweeps (version, workflows) values (%s, %s) on conflict do nothing",
            (detect.VERSION, changed),
        )
    return changed


def sweep_if_behind() -> int | None:
    """`sweep()` when stored rows were last swept by an older detection than this code's (or never):
    the workflows it changed; None when they are up to date. Run by `migrate` and `serve` after
    the migrations; two starters sweeping at once do the same idempotent work."""
    from lib.secrets import detect

    with db.transaction() as c:
        row = c.execute("select coalesce(max(version), 0) as v from secrets_sweeps").fetchone()
    return None if row["v"] >= detect.VERSION else sweep()


def protect_row(c: Any, tenant: str, row: dict[str, Any]) -> tuple[str, list[Any]] | None:
    """A stored row's documents with clear secrets moved out (metadata derived from them masked),
    as an SQL `set` clause and its values; None when the row held no clear secret (sweeps)."""
    from psycopg.types.json import Jsonb

    from lib.secrets import mask_known

    clean, found = protect(c, tenant, **{k: v for k, v in row.items() if v is not None})
    if not found:
        return None
    if clean.get("metadata") is not None:
        clean["metadata"] = mask_known(clean["metadata"], found)
    sets = ", ".join(f"{k} = %s" for k in clean)
    return sets, [Jsonb(v) if isinstance(v, (dict, list)) else v for v in clean.values()]


def protect_text(tenant: str, text: str) -> str:
    """A free text (a description about to be sent to a model) with its secrets stored and referenced."""
    if not scrub(text)[1]:
        return text
    with db.transaction() as c:
        clean, _found = protect(c, tenant, text=text)
    return clean["text"]
