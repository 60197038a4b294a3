"""Request and response models of the three search endpoints."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Kind = Literal["template", "workflow"]
Status = Literal["draft", "active", "archived"]
MAX_QUERY = 1000


class SearchIn(BaseModel):
    """Describe the workflow in your own words; filters narrow the results, never the page size."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    query: str = Field(min_length=1, max_length=MAX_QUERY, description="What you are looking for")
    limit: int = Field(default=10, ge=1, le=50)
    category: str | None = Field(default=None, min_length=1, max_length=64)
    kind: Kind | None = Field(default=None, description="Only templates, or only your stored workflows")
    status: Status | None = Field(
        default=None, description="Stored workflows with this status (templates have none)"
    )
    min_score: float = Field(default=0.0, ge=0.0, le=1.0, description="Drop results scoring below this")


class Matched(BaseModel):
    model_config = ConfigDict(defer_build=True)
    text: list[str] = Field(description="Words of the query found in the document's text")
    vector: float | None = Field(description="Cosine similarity of the query and document embeddings")


class SearchResult(BaseModel):
    model_config = ConfigDict(defer_build=True)
    kind: Kind
    id: str = Field(description="Workflow id, or the template's name")
    name: str
    category: str | None
    score: float = Field(
        description="Reciprocal-rank fusion of the vector and full-text ranks, scaled to 0–1"
    )
    matched: Matched


class SearchOut(BaseModel):
    model_config = ConfigDict(defer_build=True)
    results: list[SearchResult]


class SimilarQuery(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    limit: int = Field(default=10, ge=1, le=50)


class PatternIn(BaseModel):
    """A state (or Sim export envelope), or a description the offline planner turns into one."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    state: dict[str, Any] | None = None
    description: str | None = Field(default=None, min_length=3, max_length=4000)
    limit: int = Field(default=10, ge=1, le=50)
    kind: Kind | None = None
    category: str | None = Field(default=None, min_length=1, max_length=64)

    @model_validator(mode="after")
    def _one_input(self) -> PatternIn:
        if (self.state is None) == (self.description is None):
            raise ValueError("send exactly one of 'state' or 'description'")
        return self


class PatternResult(BaseModel):
    model_config = ConfigDict(defer_build=True)
    kind: Kind
    id: str
    name: str
    category: str | None
    score: float = Field(description="Weighted overlap of structure features, 0–1 (1 = same structure)")
    reasons: list[str] = Field(description="What the structures share and where they differ")


class PatternOut(BaseModel):
    model_config = ConfigDict(defer_build=True)
    results: list[PatternResult]
