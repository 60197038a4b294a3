"""Sim's JSON export envelope, both ways: what we write and what we read back.

Sim (HEAD) exports `{version: "1.0", exportedAt, state}` with `state.metadata` {name, description,
exportedAt} added on the way out and never persisted (sim-format §1.4, §5.4); JUL25's text editor
exported `{workflow: {id, name, ...}, state, subBlockValues}`. Reading strips `metadata` so a
state → export → import round trip stores the same state again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from lib.sim.state import unwrap

__all__ = ["Unwrapped", "content_hash", "make_envelope", "read_envelope"]

VERSION = "1.0"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def make_envelope(
    state: dict[str, Any],
    *,
    name: str,
    description: str | None = None,
    exported_at: str | None = None,
    variables: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The export envelope Sim's importer reads (both its JUL25-era JSON import and today's)."""
    at = exported_at or _now()
    out = {k: v for k, v in state.items() if k != "metadata"}
    out["metadata"] = {"name": name, "description": description or "", "exportedAt": at}
    if variables:
        out["variables"] = variables
    return {"version": VERSION, "exportedAt": at, "state": out}


@dataclass
class Unwrapped:
    """A state read from any JSON form, plus what the wrapper said about it."""

    state: dict[str, Any]
    kind: str  # "state" | "envelope" | "text-editor" | "api"
    name: str | None = None
    description: str | None = None
    sim_id: str | None = None
    variables: dict[str, Any] = field(default_factory=dict)


def load_json(raw: bytes, *, field: str) -> Any:
    """Parse a JSON document (BOM tolerated) within the input limits; errors name the place."""
    from lib import limits

    return limits.load_json(raw, field=field)


def read_envelope(obj: Any) -> Unwrapped:
    """Unwrap a bare state or envelope (InvalidInput when there is no state in it)."""
    state, meta = unwrap(obj)
    state = dict(state)
    metadata = state.pop("metadata", None)
    metadata = metadata if isinstance(metadata, dict) else {}
    workflow = found if isinstance(found := meta.get("workflow"), dict) else {}
    if workflow:
        kind = "text-editor"
    elif "data" in (obj if isinstance(obj, dict) else {}) and "blocks" not in obj:
        kind = "api"
    else:
        kind = "envelope" if meta else "state"
    variables = found if isinstance(found := state.get("variables"), dict) else {}
    name = workflow.get("name") or metadata.get("name") or meta.get("name")
    description = workflow.get("description") or metadata.get("description") or meta.get("description")
    sim_id = workflow.get("id") or meta.get("id")
    return Unwrapped(
        state=state,
        kind=kind,
        name=name if isinstance(name, str) else None,
        description=description if isinstance(description, str) else None,
        sim_id=str(sim_id) if sim_id else None,
        variables=variables,
    )


def content_hash(value: Any) -> str:
    """sha256 of the canonical JSON of a value (sorted keys): same content, same hash."""
    return hashlib.sha256(
        json.dumps(value, sort_keys=True, separators=(",", ":"), default=str).encode()
    ).hexdigest()
