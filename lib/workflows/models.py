"""Request and response models of the workflow API."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from lib.store.versions import VersionSummary

Status = Literal["draft", "active", "archived"]


class ValidationSummary(BaseModel):
    """The validators' verdict on the stored state (warnings are allowed; errors are refused)."""

    model_config = ConfigDict(defer_build=True)

    valid: bool
    era: str
    findings: list[dict[str, Any]]


class WorkflowSummary(BaseModel):
    """A stored workflow without its state (list rows)."""

    model_config = ConfigDict(defer_build=True, extra="ignore")

    id: str
    name: str
    description: str | None = None
    category: str | None = None
    status: str
    template_source: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    version: int
    color: str | None = None
    is_deployed: bool = False
    run_count: int = 0
    created_at: datetime
    updated_at: datetime


class WorkflowOut(WorkflowSummary):
    """A stored workflow with its Sim state; `validation` is present on writes."""

    state: dict[str, Any]
    variables: dict[str, Any] = Field(default_factory=dict)
    validation: ValidationSummary | None = None


class WorkflowList(BaseModel):
    model_config = ConfigDict(defer_build=True)

    workflows: list[WorkflowSummary]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page")


class ListQuery(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    category: str | None = Field(default=None, max_length=64)
    status: Status | None = None
    q: str | None = Field(default=None, max_length=200, description="Substring of the name or description")
    limit: int = Field(default=50, ge=1, le=200)
    cursor: str | None = Field(default=None, max_length=200)


class _Fields(BaseModel):
    model_config = ConfigDict(defer_build=True)

    name: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=2000)
    category: str | None = Field(default=None, max_length=64)
    status: Status | None = None
    metadata: dict[str, Any] | None = None


class CreateWorkflowIn(_Fields):
    """A state to store: `{name?, …, state}`, or a bare state / Sim export envelope as the whole body.

    Any key besides the fields above is read as part of the posted state or envelope.
    """

    model_config = ConfigDict(extra="allow")

    state: dict[str, Any] | None = None
    variables: dict[str, Any] | None = None


class ReplaceWorkflowIn(_Fields):
    """A full replacement; `version` (or an If-Match header) must be the version you read."""

    model_config = ConfigDict(extra="forbid")

    state: dict[str, Any]
    version: int | None = Field(default=None, ge=1)


class VersionList(BaseModel):
    """A workflow's versions, newest first; the current one has `current: true`."""

    workflow_id: str
    versions: list[VersionSummary]


class SecretValue(BaseModel):
    model_config = ConfigDict(defer_build=True)

    name: str = Field(description="Environment variable name, as referenced by {{NAME}} in the workflow")
    value: str


class RevealedSecrets(BaseModel):
    """GET /api/workflows/{id}/secrets (admin, audited): the values a migration to Sim needs."""

    model_config = ConfigDict(defer_build=True)

    workflow_id: str
    required_env: list[str] = Field(description="Every {{NAME}} the workflow references")
    secrets: list[SecretValue] = Field(
        description="Clear values of the names this tenant's secrets table holds"
    )
    missing: list[str] = Field(description="Referenced names with no stored value: set them in Sim yourself")
