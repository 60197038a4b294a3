"""Request and response shapes of the import, upload and validate endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from lib.errors import InvalidInput, MalformedInput

MAX_REJECTED = 1000  # listed individually; the rest are counted in one closing entry
MAX_DETAILED = 100  # imported items listed with every assumption; later ones get counts per kind


class Rejected(BaseModel):
    """Something we did not import: which file, which line (when there is one), and why."""

    model_config = ConfigDict(defer_build=True)

    file: str
    line: int | None = None
    reason: str


class Imported(BaseModel):
    """One stored workflow: its id, whether it validates, and every assumption made building it."""

    model_config = ConfigDict(defer_build=True)

    id: str
    name: str
    valid: bool
    findings: int
    assumptions: list[dict[str, Any]] = Field(default_factory=list)
    created: bool = True
    source: str | None = None


class ImportReport(BaseModel):
    model_config = ConfigDict(defer_build=True)
    imported: list[Imported] = Field(default_factory=list)
    rejected: list[Rejected] = Field(default_factory=list)
    _malformed: bool = PrivateAttr(default=False)
    _overflow: int = PrivateAttr(default=0)

    def add(self, item: Imported) -> None:
        """Append an imported item; past MAX_DETAILED its assumptions are summarised, so a huge import's
        report stays small (the full list is in the workflow's metadata.import.assumptions)."""
        if len(self.imported) >= MAX_DETAILED and item.assumptions:
            counts: dict[str, int] = {}
            for a in item.assumptions:
                counts[a.get("kind", "?")] = counts.get(a.get("kind", "?"), 0) + 1
            item.assumptions = [
                {"kind": k, "count": n, "message": "summarised; see metadata.import.assumptions"}
                for k, n in counts.items()
            ]
        self.imported.append(item)

    def reject(self, file: str, line: int | None, reason: str, *, malformed: bool = False) -> None:
        self._malformed = self._malformed or malformed
        if len(self.rejected) < MAX_REJECTED:
            self.rejected.append(Rejected(file=file, line=line, reason=reason))
        else:
            self._overflow += 1

    @property
    def malformed(self) -> bool:
        return self._malformed

    @property
    def overflow(self) -> int:
        return self._overflow

    def merge(self, other: ImportReport) -> None:
        """Take another report's items and rejections (one batch's, into the whole import's)."""
        for item in other.imported:
            self.add(item)
        for rej in other.rejected:
            self.reject(rej.file, rej.line, rej.reason)
        self._malformed = self._malformed or other._malformed
        self._overflow += other._overflow

    def finish(self) -> ImportReport:
        if self._overflow:
            self.rejected.append(Rejected(file="*", reason=f"... and {self._overflow} more rejected rows"))
            self._overflow = 0
        return self

    def raise_if_nothing_imported(self) -> None:
        """A request that imported nothing is a client error: 400 for syntax, 422 otherwise."""
        if self.imported or not self.rejected:
            return
        first = self.rejected[0]
        where = f"{first.file}" + (f" line {first.line}" if first.line else "")
        cls = MalformedInput if self._malformed else InvalidInput
        raise cls(
            f"nothing was imported: {where}: {first.reason}",
            field=first.file,
            details=[r.model_dump() for r in self.rejected],
        )


class ImportProgress(BaseModel):
    """Where a resumable import stands: POST /api/imports/{id}/run answers it with 202 while work
    remains and 200 once done (then `imported`/`rejected` read like POST /api/workflows/import's)."""

    model_config = ConfigDict(defer_build=True)

    id: str
    status: Literal["staged", "running", "indexing", "done"] = Field(
        description="staged → running (storing batches) → indexing (for search) → done"
    )
    rows_total: int = Field(description="CSV records (and JSON/YAML files) staged from the upload")
    rows_done: int
    workflows_total: int
    workflows_done: int = Field(description="workflows processed: imported or rejected")
    workflows_imported: int
    workflows_created: int = Field(description="of those imported, how many were new")
    rejected_count: int = Field(description="rejected rows and workflows")
    remaining: int = Field(description="workflows still to process; POST …/run again to continue")
    calls: int = Field(description="POST …/run calls made so far")
    imported: list[Imported] = Field(default_factory=list, description=f"the first {MAX_DETAILED}")
    rejected: list[Rejected] = Field(default_factory=list, description=f"the first {MAX_REJECTED}")
    malformed: bool = Field(default=False, exclude=True)

    def raise_if_nothing_imported(self) -> None:
        """A finished import that stored nothing is a client error, like the direct route's."""
        if self.status != "done" or self.workflows_imported or not self.rejected:
            return
        report = ImportReport(rejected=self.rejected)
        report._malformed = self.malformed
        report.raise_if_nothing_imported()


class UploadRequest(BaseModel):
    """Body of POST /api/imports: the file about to be uploaded."""

    model_config = ConfigDict(defer_build=True, extra="forbid")
    filename: str = Field(default="upload", min_length=1, max_length=200)
    content_type: str = Field(default="application/octet-stream", max_length=100)


class UploadTicket(BaseModel):
    """Where to PUT the file, and the id to run the import with afterwards."""

    model_config = ConfigDict(defer_build=True)

    id: str
    upload_url: str
    method: Literal["PUT"] = "PUT"
    headers: dict[str, str] = Field(default_factory=dict)
    expires_at: datetime


class ValidateQuery(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    era: Literal["jul25", "current"] | None = None


class ValidationOut(BaseModel):
    model_config = ConfigDict(defer_build=True)
    valid: bool
    era: str | None = None
    findings: list[dict[str, Any]]
