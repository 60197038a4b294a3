"""The template catalogue: one JSON data file per template under `catalogue/`, read once, lazily.

Adding a template is adding a file; this module only loads, checks the metadata shape and
answers the catalogue's questions (list with facets, one by name).
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path

from lib.errors import NotFound
from lib.templates.models import (
    CATEGORIES,
    CategoryCount,
    Template,
    TemplateList,
    TemplateSummary,
)

DATA_DIR = Path(__file__).resolve().parent / "catalogue"


@lru_cache(maxsize=1)
def _load() -> dict[str, Template]:
    out: dict[str, Template] = {}
    for file in sorted(DATA_DIR.glob("*.json")):
        raw = json.loads(file.read_text(encoding="utf-8"))
        raw["block_count"] = len(raw.get("state", {}).get("blocks", {}))
        template = Template.model_validate(raw)
        if template.name != file.stem:
            raise ValueError(f"{file.name}: name {template.name!r} differs from the file name")
        if template.category not in CATEGORIES:
            raise ValueError(f"{file.name}: unknown category {template.category!r}")
        out[template.name] = template
    return out


def all_templates() -> list[Template]:
    """Every template, in category order."""
    order = {c: i for i, c in enumerate(CATEGORIES)}
    return sorted(_load().values(), key=lambda t: (order[t.category], t.name))


def get(name: str) -> Template:
    """A deep copy of one template (callers may change it); NotFound for an unknown name."""
    template = _load().get(name)
    if template is None:
        raise NotFound(f"template {name!r} not found; GET /api/templates lists them", field="name")
    return template.model_copy(update={"state": copy.deepcopy(template.state)})


def _matches(template: Template, words: list[str]) -> bool:
    haystack = " ".join(
        [
            template.name,
            template.display_name,
            template.description,
            template.category,
            *template.tags,
            *template.integrations,
        ]
    ).lower()
    return all(w in haystack for w in words)


def search(*, category: str | None = None, q: str | None = None) -> TemplateList:
    """Templates filtered by category and words, with per-category counts for the words alone."""
    words = (q or "").lower().split()
    hits = [t for t in all_templates() if _matches(t, words)]
    counts = dict.fromkeys(CATEGORIES, 0)
    for t in hits:
        counts[t.category] += 1
    chosen = [t for t in hits if category is None or t.category == category]
    return TemplateList(
        templates=[TemplateSummary.model_validate(t.model_dump(exclude={"state"})) for t in chosen],
        categories=[CategoryCount(name=c, count=n) for c, n in counts.items()],
    )
