"""Exports of a stored workflow: Sim's JSON envelope or JUL25 YAML, always redacted.

`target="jul25"` exports the state as stored. `target="current"` also makes it loadable by
today's Sim, whose registry still has every JUL25 type except `webhook` and `stagehand_agent`:
those blocks are rewritten to their current equivalents and every rewrite is listed.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from lib.sim.rows import spec_of

__all__ = ["BlockTypes", "Export", "ExportQuery", "block_types", "export_workflow", "map_to_current"]

Target = Literal["jul25", "current"]

# Today's generic_webhook trigger fields (HEAD triggers/generic/webhook.ts), used when the registry lacks it.
_GENERIC_WEBHOOK = {
    "webhookUrlDisplay": "short-input",
    "requireAuth": "switch",
    "token": "short-input",  # nosec B105  # a subBlock type named token, not a password
    "secretHeaderName": "short-input",
    "acceptOtherMethods": "switch",
    "exposeRequestHeaders": "switch",
    "idempotencyField": "short-input",
    "responseMode": "dropdown",
    "verifyTestEvents": "switch",
    "responseStatusCode": "short-input",
    "responseBody": "code",
    "inputFormat": "input-format",
    "triggerInstructions": "text",
}
# stagehand_agent became the `agent` operation of today's `stagehand` block; its fields kept their ids.
_STAGEHAND_KEEP = ("startUrl", "task", "variables", "apiKey", "outputSchema")


class ExportQuery(BaseModel):
    """Query of GET /api/workflows/{id}/export."""

    model_config = ConfigDict(defer_build=True, extra="forbid")
    format: Literal["json", "yaml"] = "json"
    target: Target = "jul25"


class Export(BaseModel):
    """What an export produced: the body, its media type, a file name, and what changed on the way."""

    model_config = ConfigDict(defer_build=True)

    body: Any
    media_type: str
    filename: str
    mappings: list[dict[str, Any]] = Field(default_factory=list)
    redacted: list[str] = Field(default_factory=list)
    required_env: list[str] = Field(default_factory=list)

    @property
    def content(self) -> bytes:
        if isinstance(self.body, str):
            return self.body.encode()
        return json.dumps(self.body, ensure_ascii=False, indent=2).encode()


def _sub(sid: str, ui_type: str, value: Any) -> dict[str, Any]:
    return {"id": sid, "type": ui_type, "value": value}


def _webhook(block: dict[str, Any]) -> dict[str, Any]:
    old = block.get("subBlocks") or {}
    provider = (old.get("webhookProvider") or {}).get("value") or "generic"
    config = (old.get("providerConfig") or {}).get("value")
    config = config if isinstance(config, dict) else {}
    spec = spec_of("generic_webhook")
    fields = {s.id: s.type for s in getattr(spec, "sub_blocks", None) or []} or _GENERIC_WEBHOOK
    new = {sid: _sub(sid, t, None) for sid, t in fields.items()}
    carried = {}
    for key in ("token", "secretHeaderName", "requireAuth", "inputFormat"):
        value = config.get(key, (old.get(key) or {}).get("value"))
        if key in new and value is not None:
            new[key]["value"] = value
            carried[key] = key
    if new.get("requireAuth", {}).get("value") is None and "requireAuth" in new and new["token"]["value"]:
        new["requireAuth"]["value"] = True
    block.update(type="generic_webhook", subBlocks=new, triggerMode=True)
    note = (
        None
        if provider == "generic"
        else (
            f"provider {provider!r} has its own trigger in today's Sim; "
            "its provider settings were not carried over"
        )
    )
    return {"subBlocks": carried, "dropped": sorted(set(old) - set(carried)), "note": note}


def _stagehand(block: dict[str, Any]) -> dict[str, Any]:
    old = block.get("subBlocks") or {}
    new = {
        "operation": _sub("operation", "dropdown", "agent"),
        "provider": _sub("provider", "dropdown", "openai"),
    }
    for sid in _STAGEHAND_KEEP:
        if sid in old:
            new[sid] = copy.deepcopy(old[sid])
    block.update(type="stagehand", subBlocks=new)
    return {
        "subBlocks": {sid: sid for sid in _STAGEHAND_KEEP if sid in old},
        "dropped": sorted(set(old) - set(_STAGEHAND_KEEP)),
        "note": "operation set to 'agent'; provider set to 'openai' (stagehand_agent used an OpenAI key)",
    }


_MAPPERS = {"webhook": _webhook, "stagehand_agent": _stagehand}


def map_to_current(state: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(copy of the state with removed JUL25 types rewritten, one entry per rewritten or unmappable block)."""
    out = copy.deepcopy(state)
    mappings: list[dict[str, Any]] = []
    for bid, block in (out.get("blocks") or {}).items():
        btype = block.get("type") if isinstance(block, dict) else None
        mapper = _MAPPERS.get(btype) if isinstance(btype, str) else None
        if mapper is not None:
            detail = mapper(block)
            mappings.append(
                {"block": bid, "name": block.get("name"), "from": btype, "to": block["type"], **detail}
            )
            continue
        if isinstance(btype, str) and btype not in ("loop", "parallel") and spec_of(btype) is None:
            mappings.append(
                {
                    "block": bid,
                    "name": block.get("name"),
                    "from": btype,
                    "to": None,
                    "note": "unknown block type with no current equivalent; today's Sim will refuse "
                    "it until the block is replaced by hand",
                }
            )
    return out, mappings


def _filename(name: str, ext: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "workflow"
    return f"{stem[:80]}_workflow.{ext}"


def export_workflow(
    state: dict[str, Any],
    *,
    name: str,
    description: str | None = None,
    variables: dict[str, Any] | None = None,
    format: str = "json",
    target: str = "jul25",
) -> Export:
    """Scrub, redact, optionally map to today's types, and render as JSON envelope or YAML.

    Clear secrets become `{{NAME}}` references (stored states already hold only those); the
    environment variables the workflow needs are listed (`required_env` in the envelope, a
    comment atop the YAML).
    """
    # Loaded here, not at import: the export route's query model is all its cold start needs.
    from lib.secrets import MemoryNamer, referenced_env, scrub
    from lib.sim.envelope import make_envelope
    from lib.sim.redact import redact_state
    from lib.sim.yaml_format import to_yaml

    namer = MemoryNamer()
    state, _ = scrub(state, namer=namer)
    variables, _ = scrub(variables, namer=namer) if variables else (variables, [])
    required = referenced_env({"state": state, "variables": variables})
    redacted_state, redacted = redact_state(state, export=True)
    mappings: list[dict[str, Any]] = []
    if target == "current":
        redacted_state, mappings = map_to_current(redacted_state)
    if format == "yaml":
        header = "".join(
            f"# mapped {m['name']!r} ({m['block']}): {m['from']} -> {m['to']}\n" for m in mappings
        )
        if required:
            header = f"# required env: {', '.join(required)}\n" + header
        return Export(
            body=header + to_yaml(redacted_state),
            media_type="application/yaml",
            filename=_filename(name, "yaml"),
            mappings=mappings,
            redacted=redacted,
            required_env=required,
        )
    envelope = make_envelope(redacted_state, name=name, description=description, variables=variables)
    envelope["required_env"] = required
    if target == "current":
        envelope["mappings"] = mappings
    return Export(
        body=envelope,
        media_type="application/json",
        filename=_filename(name, "json"),
        mappings=mappings,
        redacted=redacted,
        required_env=required,
    )


class BlockTypes(BaseModel):
    """GET /api/block-types: one summary per registry entry."""

    model_config = ConfigDict(defer_build=True)

    count: int
    block_types: list[dict[str, Any]]


def block_types() -> BlockTypes:
    """Every registry entry, summarised for the dashboard and generation."""
    from lib.sim import registry

    items = []
    for btype, spec in sorted(registry.all_blocks().items()):
        items.append(
            {
                "type": btype,
                "name": spec.name,
                "category": spec.category,
                "era": spec.era,
                "hidden": spec.hidden,
                "replaced_by": spec.replaced_by,
                "trigger": spec.trigger,
                "container": spec.container,
                "secret_fields": sorted(spec.secret_ids),
                "sub_blocks": [
                    {
                        "id": s.id,
                        "type": s.type,
                        "required": s.required,
                        "secret": s.secret,
                        **({"options": s.options} if s.options else {}),
                        **({"condition": s.condition} if s.condition else {}),
                        **({"mode": s.mode} if s.mode != "both" else {}),
                    }
                    for s in spec.sub_blocks
                ],
                "outputs": sorted(spec.outputs) if isinstance(spec.outputs, dict) else [],
            }
        )
    return BlockTypes(count=len(items), block_types=items)
