"""The import pipeline: files of any supported kind in, stored workflows and a report out.

Kinds are told apart by content, not name: a CSV of one of Sim's tables (by its header), a JSON
state or export envelope (JUL25 text editor, HEAD), a JUL25 YAML export, or a state in YAML.
Files are staged in the database and stored in batches (`lib.imports.jobs`), each workflow under
an import key derived from its source identity (Sim's workflow id, else its content), so
importing again updates in place. A workflow that lost a row to a parse error is not stored at
all: never half of it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from json.encoder import encode_basestring_ascii
from pathlib import PurePath
from typing import Any

from lib.errors import InvalidInput
from lib.imports.models import ImportReport
from lib.sim import csvrows, yaml_format
from lib.sim.envelope import content_hash, load_json, read_envelope

__all__ = ["Candidate", "Source", "detect_kind", "documents", "import_key", "run_import"]

log = logging.getLogger(__name__)
Progress = Callable[[str, int, "int | None"], None]  # (stage, done, total)
_HEAD = 64 * 1024


@dataclass
class Source:
    """One input file: a name for the report and its bytes (bytes, a binary stream or byte chunks)."""

    name: str
    data: Any
    size: int | None = None


@dataclass
class Candidate:
    """A workflow ready to store."""

    file: str
    kind: str
    name: str
    state: dict[str, Any]
    key: str
    preferred_id: str | None = None
    description: str | None = None
    variables: dict[str, Any] = field(default_factory=dict)
    sim_fields: dict[str, Any] = field(default_factory=dict)
    assumptions: list[dict[str, Any]] = field(default_factory=list)


def import_key(identity: str) -> str:
    """The tenant-independent key of a source ('sim:<workflow id>' or 'state:<content hash>')."""
    if type(identity) is str:  # `content_hash` of a string: the sha256 of its JSON literal
        return hashlib.sha256(encode_basestring_ascii(identity).encode()).hexdigest()
    return content_hash(identity)


def detect_kind(head: bytes) -> str:
    """'json', 'csv' or 'yaml' from the first bytes of a file ('unknown' for none of these)."""
    text = head.decode("utf-8-sig", errors="ignore").lstrip()
    if not text:
        return "unknown"
    if text[0] in "{[":
        return "json"
    first = text.splitlines()[0] if text.splitlines() else ""
    try:
        cols = next(iter(csvrows.csv.reader([first])), [])
    except csvrows.csv.Error:
        cols = []
    if len(cols) > 1 and csvrows.detect_table(cols) is not None:
        return "csv"
    return "yaml"


def _stem(name: str) -> str:
    stem = PurePath(name).stem
    return stem.removesuffix("_workflow")


def documents(src_name: str, kind: str, raw: bytes) -> list[Candidate]:
    """Candidates from one JSON or YAML file (raises MalformedInput / InvalidInput)."""
    if kind == "json":
        doc = load_json(raw, field=src_name)
    else:
        doc = yaml_format.parse_yaml(raw, file=src_name)
        if yaml_format.is_jul25_yaml(doc):
            state = yaml_format.from_yaml(doc, file=src_name)
            return [
                Candidate(
                    src_name, "jul25-yaml", _stem(src_name), state, import_key("yaml:" + content_hash(doc))
                )
            ]
        if not isinstance(doc, dict):
            raise InvalidInput(
                f"{src_name} is not a Sim CSV table, JSON state or YAML workflow "
                f"(it reads as {type(doc).__name__})",
                field=src_name,
            )
    docs = doc if isinstance(doc, list) else [doc]
    out = []
    for i, item in enumerate(docs):
        label = src_name if len(docs) == 1 else f"{src_name}[{i}]"
        from lib.sim.state import parse_state

        unwrapped = read_envelope(item)
        try:
            parse_state(unwrapped.state, field=label)
        except InvalidInput as exc:
            places = "; ".join(f"{d.get('path') or '/'}: {d.get('message')}" for d in exc.details[:3])
            raise InvalidInput(
                f"{label}: {exc.message} {places}".strip(), field=label, details=exc.details
            ) from None
        identity = f"sim:{unwrapped.sim_id}" if unwrapped.sim_id else "state:" + content_hash(unwrapped.state)
        out.append(
            Candidate(
                label,
                unwrapped.kind,
                unwrapped.name or _stem(src_name),
                unwrapped.state,
                import_key(identity),
                preferred_id=unwrapped.sim_id,
                description=unwrapped.description,
                variables=unwrapped.variables,
            )
        )
    return out


def run_import(tenant: str, sources: Iterable[Source], *, progress: Progress | None = None) -> ImportReport:
    """Import every source for `tenant` now; never raises for bad input (it lands in `rejected`).

    Staged and stored in batches like the resumable path (`lib.imports.jobs`), with no time budget.
    """
    from lib.imports import jobs

    return jobs.run_import(tenant, sources, progress=progress)
