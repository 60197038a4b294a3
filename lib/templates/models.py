"""What a template is (metadata + a complete JUL25 state) and how the API shows it."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

# One template per category; the slugs are part of the public API.
CATEGORIES: tuple[str, ...] = (
    "customer-support",
    "sales-leads",
    "content-marketing",
    "research",
    "crypto-trading",
    "engineering-devops",
    "data-pipeline",
    "recruiting-hr",
    "email-productivity",
    "ecommerce",
    "social-media",
    "knowledge-base",
    "finance-reporting",
)

FieldType = Literal[
    "string",
    "text",
    "integer",
    "number",
    "boolean",
    "enum",
    "time",
    "email",
    "url",
    "channel",
    "cron",
    "timezone",
    "model",
]
Complexity = Literal["beginner", "intermediate", "advanced"]


class CustomizableField(BaseModel):
    """A value a user may set when creating from the template, and where it goes in the state."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Name used in `customizations`")
    label: str
    path: str = Field(pattern=r"^/", description="JSON pointer into the template state")
    type: FieldType
    default: Any = None
    allowed: list[Any] | None = Field(default=None, description="Allowed values (enum, timezone, model)")
    pattern: str | None = Field(default=None, description="Regular expression a string value must match")
    minimum: float | None = None
    maximum: float | None = None
    description: str


class TemplateSummary(BaseModel):
    """A template as the catalogue lists it (no state)."""

    model_config = ConfigDict(defer_build=True)

    name: str = Field(description="Slug, used in URLs")
    display_name: str
    description: str
    category: str
    tags: list[str]
    integrations: list[str] = Field(description="Block types the template uses")
    complexity: Complexity
    version: str
    block_count: int
    customizable_fields: list[CustomizableField]


class Template(TemplateSummary):
    """One template with its complete Sim state (JUL25 shape)."""

    state: dict[str, Any]


class CategoryCount(BaseModel):
    model_config = ConfigDict(defer_build=True)

    name: str
    count: int


class TemplateList(BaseModel):
    model_config = ConfigDict(defer_build=True)

    templates: list[TemplateSummary]
    categories: list[CategoryCount] = Field(description="Every category with how many templates match `q`")


class TemplateQuery(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    category: str | None = Field(default=None, max_length=64)
    q: str | None = Field(
        default=None,
        max_length=200,
        description="Words matched against name, description, tags, integrations",
    )


class UseTemplateIn(BaseModel):
    """Body of POST /api/workflows/templates/{name}."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=2000)
    status: Literal["draft", "active", "archived"] = "draft"
    customizations: dict[str, Any] = Field(
        default_factory=dict, description="Values keyed by customizable field key"
    )
