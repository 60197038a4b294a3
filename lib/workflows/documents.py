"""Documents in and out of the workflow API: validate a posted or stored state, export a stored one.

Posted documents are read exactly as imports read them (JSON state, any export envelope, JUL25
YAML), so "validates" and "imports cleanly" never disagree.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from lib.errors import InvalidInput, UnsupportedMedia
from lib.imports.models import ValidationOut

if TYPE_CHECKING:
    from lib.sim.export import Export

__all__ = ["export_stored", "read_document", "validate_document", "validate_stored"]

_YAML = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")


def read_document(content: bytes, content_type: str) -> dict[str, Any]:
    """A state from a request body (JSON or YAML); 400 for syntax, 415 for other media, 422 for no state."""
    from lib.sim import yaml_format  # the parsers load on first use, not with the route
    from lib.sim.envelope import load_json, read_envelope

    if not content.strip():
        raise InvalidInput("request body is empty; send a workflow state or export envelope", field="body")
    if content_type in _YAML:
        doc = yaml_format.parse_yaml(content, file="body")
        if yaml_format.is_jul25_yaml(doc):
            return yaml_format.from_yaml(doc, file="body")
    elif content_type in ("application/json", ""):
        doc = load_json(content, field="body")
    else:
        raise UnsupportedMedia(
            f"content type {content_type} is not accepted; use application/json or application/yaml",
            field="content-type",
        )
    if not isinstance(doc, dict):
        raise InvalidInput(
            f"body must be a JSON object (a state or envelope), not {type(doc).__name__}", field="body"
        )
    return read_envelope(doc).state


def _result(state: Any, era: str | None) -> ValidationOut:
    """Findings on the document as given (so plain-text secrets are reported), values masked."""
    from lib.secrets import mask_known, scrub
    from lib.validation import validate

    report = validate(state, era=era)
    _clean, found = scrub(state)
    return ValidationOut(
        valid=report.valid,
        era=report.era,
        findings=mask_known([f.model_dump() for f in report.findings], found),
    )


def validate_document(content: bytes, content_type: str, *, era: str | None = None) -> ValidationOut:
    """Findings for a posted document; nothing is stored."""
    return _result(read_document(content, content_type), era)


def validate_stored(tenant: str, workflow_id: str, *, era: str | None = None) -> ValidationOut:
    """Findings for a stored workflow, kept in its metadata as `validation`."""
    from lib.store import validation_results, workflows

    record = workflows.get(tenant, workflow_id)
    out = _result(record.state, era)
    validation_results.record(
        tenant, workflow_id, {**out.model_dump(), "checked_at": datetime.now(UTC).isoformat()}
    )
    return out


def export_stored(tenant: str, workflow_id: str, *, format: str = "json", target: str = "jul25") -> Export:
    """The redacted export of a stored workflow."""
    from lib.sim.export import export_workflow
    from lib.store import workflows

    record = workflows.get(tenant, workflow_id)
    return export_workflow(
        record.state,
        name=record.name,
        description=record.description,
        variables=record.variables,
        format=format,
        target=target,
    )
