"""Keeping a validation result on the workflow it describes (`workflow.metadata.validation`).

Only the metadata key changes: no version bump and no rewrite of the block rows, so checking a
workflow never conflicts with someone editing it.
"""

from __future__ import annotations

from typing import Any

from psycopg.types.json import Jsonb

from lib.errors import NotFound
from lib.store import db


def record(tenant: str, workflow_id: str, result: dict[str, Any]) -> None:
    """Store `result` as metadata.validation of the tenant's workflow; NotFound when there is none."""
    with db.transaction() as c:
        row = c.execute(
            "update workflow set metadata = coalesce(metadata, '{}'::jsonb) || jsonb_build_object('validation', %s::jsonb)"
            " where tenant_id = %s and id = %s returning id",
            (Jsonb(result), tenant, workflow_id),
        ).fetchone()
    if row is None:
        raise NotFound(f"workflow {workflow_id!r} not found", field="id")
