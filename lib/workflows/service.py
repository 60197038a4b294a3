"""The workflow API's glue: unwrap what was posted, validate it, then store it (tenant-scoped).

A state is validated before anything is written: one with error findings is refused with a 422
listing them (warnings are stored and returned). Route files stay thin by calling only this.
The validators, templates and secrets rooms load on the first write that needs them, so the read
routes' cold start pays only for the store and the models.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from lib.errors import InvalidInput, NotFound
from lib.store import versions
from lib.store import workflows as store
from lib.store.versions import VersionRecord
from lib.store.workflows import WorkflowRecord
from lib.workflows.models import (
    CreateWorkflowIn,
    ListQuery,
    ReplaceWorkflowIn,
    RevealedSecrets,
    SecretValue,
    ValidationSummary,
    VersionList,
    WorkflowList,
    WorkflowOut,
)

if TYPE_CHECKING:
    from lib.templates.models import UseTemplateIn

_FIELDS = ("name", "description", "category", "status", "metadata", "state", "variables")
_VERSION = re.compile(r"^[1-9][0-9]{0,8}$")
_IF_MATCH = re.compile(r'^(?:W/)?"?(\d{1,9})(?:-[0-9a-f]{1,32})?"?$')
_UNTITLED = "Untitled workflow"


def _reindex(*args: Any, **kw: Any) -> Any:
    """lib.search.indexing.reindex, loaded by the first write (it brings the registry and secrets)."""
    from lib.search.indexing import reindex

    return reindex(*args, **kw)


def _prepare(tenant: str, **fields: Any) -> None:
    """lib.search.indexing.prepare: the write's embedding done before its transaction holds a connection."""
    from lib.search.indexing import prepare

    prepare(tenant, **fields)


def _checked(state: dict[str, Any], field: str) -> ValidationSummary:
    from lib.secrets import mask_known, scrub
    from lib.validation import validate

    report = validate(state)
    _clean, found = scrub(state)  # findings may quote what they point at; never a clear secret
    findings = mask_known([f.model_dump() for f in report.findings], found)
    if not report.valid:
        errors = sum(1 for f in report.findings if f.severity == "error")
        raise InvalidInput(
            f"the workflow state is not valid for Sim ({errors} error(s)); see details for every finding",
            field=field,
            details=findings,
        )
    return ValidationSummary(valid=True, era=report.era, findings=findings)


def _out(record: WorkflowRecord, validation: ValidationSummary | None = None) -> WorkflowOut:
    return WorkflowOut.model_validate({**record.model_dump(), "validation": validation})


def _name_from(meta: dict[str, Any], state: dict[str, Any]) -> str | None:
    """The name an export envelope carries (JUL25 text editor: workflow.name; HEAD: state.metadata.name)."""
    for holder in (meta.get("workflow"), state.get("metadata"), meta):
        if isinstance(holder, dict) and isinstance(holder.get("name"), str) and holder["name"].strip():
            return holder["name"].strip()[:200]
    return None


def create(tenant: str, body: CreateWorkflowIn) -> WorkflowOut:
    """Store a posted state or Sim export envelope once it validates."""
    posted = {k: v for k, v in body.model_dump(exclude_unset=True).items() if k not in _FIELDS}
    if body.state is not None:
        posted["state"] = body.state
    from lib.sim.state import unwrap

    state, meta = unwrap(posted)
    validation = _checked(state, "body.state" if body.state is not None else "body")
    name = body.name or _name_from(meta, state) or _UNTITLED
    _prepare(tenant, ref_id="", name=name, description=body.description, category=body.category, state=state)
    record = store.create(
        tenant,
        state=state,
        name=name,
        description=body.description,
        category=body.category,
        status=body.status or "draft",
        metadata=body.metadata,
        variables=body.variables,
        reindex=_reindex,
    )
    return _out(record, validation)


def create_from_template(tenant: str, name: str, body: UseTemplateIn) -> WorkflowOut:
    """A new workflow from a catalogue template with the caller's customizations."""
    from lib.templates import catalogue, customize

    template = catalogue.get(name)
    state = customize.instantiate(template, body.customizations)
    validation = _checked(state, "body.customizations")
    name, description = body.name or template.display_name, body.description or template.description
    _prepare(tenant, ref_id="", name=name, description=description, category=template.category, state=state)
    record = store.create(
        tenant,
        state=state,
        name=name,
        description=description,
        category=template.category,
        status=body.status,
        template_source=template.name,
        metadata={"template_version": template.version, "customizations": body.customizations},
        source="template",
        reindex=_reindex,
    )
    return _out(record, validation)


_SHOWN = ("state", "variables", "metadata", "name", "description")
_Shown = TypeVar("_Shown", bound=BaseModel)  # a stored workflow or one of its versions


def _shown(record: _Shown, fields: tuple[str, ...] = _SHOWN) -> _Shown:
    """A record as it may leave: rows stored before secrets were moved out (until `python -m lib
    secrets sweep` ran) are scrubbed on the way. Stored rows hold references only, so this finds
    nothing on them."""
    from lib.secrets import scrub

    docs = {k: getattr(record, k) for k in fields}
    clean, found = scrub(docs)
    return record.model_copy(update=clean) if found else record


def read(tenant: str, id: str) -> WorkflowOut:
    return _out(_shown(store.get(tenant, id)))


def etag(workflow: WorkflowOut) -> str:
    """`"<version>-<digest of metadata>"`: If-Match reads the version; the digest changes when
    metadata changes without a new version (a stored validation result), so a cached GET is
    never served stale."""
    digest = hashlib.sha256(json.dumps(workflow.metadata, sort_keys=True, default=str).encode()).hexdigest()
    return f'"{workflow.version}-{digest[:12]}"'


def _if_match(if_match: str | None) -> int | None:
    """The version an If-Match header names (`"3"`, `W/"3"`, `3` or the ETag `"3-…"`); None without it."""
    if if_match is None:
        return None
    m = _IF_MATCH.match(if_match.strip())
    if m is None:
        raise InvalidInput(
            'If-Match must be the workflow version you read, e.g. "3"', field="header.if-match"
        )
    return int(m.group(1))


def _expected_version(body: ReplaceWorkflowIn, if_match: str | None) -> int:
    header = _if_match(if_match)
    if body.version is not None and header is not None and body.version != header:
        raise InvalidInput("body.version and If-Match disagree; send one of them", field="body.version")
    version = body.version if body.version is not None else header
    if version is None:
        raise InvalidInput(
            "send the version you read (body.version or an If-Match header) so a concurrent change is not lost",
            field="body.version",
        )
    return version


def replace(tenant: str, id: str, body: ReplaceWorkflowIn, if_match: str | None = None) -> WorkflowOut:
    """Replace state and fields if the caller's version is current (stale → Conflict, 409)."""
    version = _expected_version(body, if_match)
    from lib.sim.state import unwrap

    state, _meta = unwrap(body.state)
    validation = _checked(state, "body.state")
    if body.name is not None and body.description is not None and body.category is not None:
        _prepare(
            tenant,
            ref_id=id,
            name=body.name,
            description=body.description,
            category=body.category,
            state=state,
        )
    else:  # the stored fields the body leaves out, read on their own connection before the transaction
        from lib.store import db

        try:
            with db.detached():
                held = store.get(tenant, id)
        except NotFound:
            held = None  # the transaction answers 404
        if held is not None:
            _prepare(
                tenant,
                ref_id=id,
                name=body.name if body.name is not None else held.name,
                description=body.description if body.description is not None else held.description,
                category=body.category if body.category is not None else held.category,
                state=state,
            )
    record = store.replace(
        tenant,
        id,
        state=state,
        expected_version=version,
        name=body.name,
        description=body.description,
        category=body.category,
        status=body.status,
        metadata=body.metadata,
        reindex=_reindex,
    )
    return _out(record, validation)


def delete(tenant: str, id: str, if_match: str | None = None) -> None:
    """Delete; with If-Match, only if that is still the current version (stale → Conflict, 409)."""
    store.delete(tenant, id, expected_version=_if_match(if_match))


def version_number(n: str) -> int:
    """A version number from the path (no such version → 404)."""
    if not _VERSION.match(n):
        raise NotFound(f"there is no version {n[:20]!r}; versions are numbered from 1", field="n")
    return int(n)


def history(tenant: str, id: str) -> VersionList:
    return VersionList(workflow_id=id, versions=[_shown(v, ("name",)) for v in versions.history(tenant, id)])


def version(tenant: str, id: str, n: int) -> VersionRecord:
    return _shown(versions.get(tenant, id, n))


def restore(tenant: str, id: str, n: int, if_match: str | None = None) -> WorkflowOut:
    """Bring version `n` back as a new version; the current one goes to the history first.

    The state, name, status, metadata and variables come back; description and category come
    back when the version had one (an empty one leaves the current value).
    """
    old = versions.get(tenant, id, n)
    record = store.replace(
        tenant,
        id,
        state=old.state,
        expected_version=_if_match(if_match),
        name=old.name,
        description=old.description,
        category=old.category,
        status=old.status,
        metadata={**old.metadata, "restored_from": n},
        variables=old.variables,
        reason="restore",
        reindex=_reindex,
    )
    from lib.validation import validate

    report = validate(record.state)
    summary = ValidationSummary(
        valid=report.valid, era=report.era, findings=[f.model_dump() for f in report.findings]
    )
    return _out(record, summary)


def page(tenant: str, query: ListQuery) -> WorkflowList:
    """One page, newest first; `next_cursor` continues after it, stable under concurrent inserts.

    Only the listed columns are read, and each row becomes its summary model once."""
    rows, cursor = store.page_rows(
        tenant,
        category=query.category,
        status=query.status,
        q=query.q,
        limit=query.limit,
        cursor=query.cursor,
    )
    return WorkflowList.model_validate({"workflows": [_listed(r) for r in rows], "next_cursor": cursor})


_KNOWN_CLEAN: set[bytes] = set()  # digests of (name, description) pairs scrub found nothing in
_KNOWN_CLEAN_MAX = 50_000


def _listed(row: dict[str, Any]) -> dict[str, Any]:
    """A list row as it may leave: name and description scrubbed when a legacy row holds a secret.

    Scanning costs ≈ 30 µs a row, most of a page's time, so a pair found clean is remembered by its
    digest (never a text that held a secret: those are scanned every time and kept nowhere)."""
    import hashlib

    text = f"{row['name']}\x00{row['description'] or ''}".encode()
    digest = hashlib.blake2b(text, digest_size=16).digest()
    if digest in _KNOWN_CLEAN:
        return row
    from lib.secrets import scrub

    clean, found = scrub({"name": row["name"], "description": row["description"]})
    if found:
        return {**row, **clean}
    if len(_KNOWN_CLEAN) >= _KNOWN_CLEAN_MAX:
        _KNOWN_CLEAN.clear()
    _KNOWN_CLEAN.add(digest)
    return row


def reveal_secrets(tenant: str, id: str, *, actor: str, request_id: str | None) -> RevealedSecrets:
    """Clear values of the secrets a workflow references; the caller checked the admin role."""
    from lib.store import secrets

    needed, values = secrets.reveal(tenant, id, actor=actor, request_id=request_id)
    return RevealedSecrets(
        workflow_id=id,
        required_env=needed,
        secrets=[SecretValue(name=k, value=v) for k, v in sorted(values.items())],
        missing=[n for n in needed if n not in values],
    )
