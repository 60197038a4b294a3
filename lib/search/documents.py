"""What a workflow or template says about itself, as a search document — never a secret value.

The state first goes through `lib.secrets.scrub` (secrets found by name and by value become
`{{NAME}}` references) and is redacted the way exports are (`lib.sim.redact`: registry password
fields, secret-named tool params and headers, credential-like data keys); then only human text is read:
names, descriptions, categories, tags, the integrations and operations used, block names,
prompts and other free-text fields. `{{ENV}}` references, code, credentials, selectors' ids, and
anything that looks like a key or token are left out; URLs keep only host and path.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

from lib.search import structure
from lib.secrets import scrub as scrub_secrets
from lib.secrets import scrub_text
from lib.sim.redact import is_secret_key, redact_state
from lib.sim.registry import get_block
from lib.store.search import SearchDocument

# Fields whose values are prompts or instructions (weight C, and read by the embedder); current
# Sim's agent keeps them as `messages: [{role, content}]`.
_PROMPTS = {"systemPrompt", "userPrompt", "context", "prompt", "task", "instructions", "messages"}
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
# UI types whose values are free text a person wrote.
_TEXT_TYPES = {"long-input", "short-input", "channel-selector", "combobox", "project-selector"}
# Never text: code, credentials, structured tables, conditions, file pickers.
_SKIP_TYPES = {
    "code",
    "oauth-input",
    "table",
    "condition-input",
    "tool-input",
    "file-upload",
    "file-selector",
}
_ENV_REF = re.compile(r"\{\{[^{}]*\}\}")
_REF = re.compile(r"<[A-Za-z0-9_.\-\[\]]+>")
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s\"'<>]+", re.IGNORECASE)
# Shapes of credentials: provider prefixes, JWTs, AWS ids, long opaque tokens, hex digests.
_KEYLIKE = re.compile(
    r"\b(?:sk|pk|rk|xox[abprs]|gh[pousr]|glpat|AKIA|ASIA|AIza|ya29|eyJ)[A-Za-z0-9_\-]{6,}[A-Za-z0-9_\-.]*"
    r"|\b(?=[A-Za-z0-9_\-+/=]{24,})(?=[^\s]*\d)(?=[^\s]*[A-Za-z])[A-Za-z0-9_\-+/=]{24,}\b"
    r"|\b[0-9a-f]{32,}\b",
)
MAX_FIELD = 2000
MAX_EMBED = 2000


def scrub(text: str) -> str:
    """Free text without secrets: no {{ENV}} values, no key-shaped tokens, URLs cut to host+path."""
    text = _ENV_REF.sub(" ", scrub_text(text)[0])

    def _url(m: re.Match[str]) -> str:
        raw = m.group(0)
        rest = raw.split("://", 1)[1]
        host_path = rest.split("?", 1)[0].split("#", 1)[0]
        host_path = host_path.rsplit("@", 1)[-1]  # user:password@host
        return host_path

    if "://" in text:  # (most text has no URL: the pattern would try every word)
        text = _URL.sub(_url, text)
    text = _KEYLIKE.sub(" ", text)
    return " ".join(text.split())


def _strings(value: Any, depth: int = 0) -> list[str]:
    if isinstance(value, str):
        return [value]
    if depth > 4:
        return []
    if isinstance(value, list):
        return [s for v in value for s in _strings(v, depth + 1)]
    if isinstance(value, dict):
        out = []
        for k, v in value.items():
            if is_secret_key(k):
                continue
            if k in ("name", "value", "title", "label", "description", "content") or depth == 0:
                out += _strings(v, depth + 1)
        return out
    return []


def _block_text(block: dict[str, Any]) -> tuple[list[str], list[str], list[str], list[str]]:
    """(integrations, type/operation/name words, prompts, other text) of one redacted block."""
    btype = str(block.get("type") or "")
    spec = get_block(btype)
    integrations, c_words, prompts, other = [], [], [], []
    name = block.get("name")
    if isinstance(name, str):
        c_words.append(_CAMEL.sub(" ", name))  # "competitorMonitor" → "competitor Monitor"
    c_words.append(btype.replace("_", " "))
    display = spec.name if spec is not None else btype.replace("_", " ")
    if spec is not None and spec.category == "tools":
        integrations.append(display)
    subs = found if isinstance(found := block.get("subBlocks"), dict) else {}
    secret_ids = spec.secret_ids if spec is not None else set()
    for sid, sub in subs.items():
        if not isinstance(sub, dict) or sid in secret_ids or is_secret_key(sid):
            continue
        sub_spec = spec.sub_block(sid) if spec is not None else None
        ui_type = (sub_spec.type if sub_spec is not None else None) or sub.get("type")
        value = sub.get("value")
        if sid == "operation" and isinstance(value, str):
            op = spec.operations.get(value) if spec is not None else None
            label = (op.label if op is not None else None) or value
            c_words.append(f"{display} {label}")
            continue
        if value is None or value == "":
            continue
        if isinstance(value, str) and sid in ("messages", "tools") and value.lstrip()[:1] in ("[", "{"):
            try:
                value = json.loads(value)
            except ValueError:
                continue
        if sid == "tools" or ui_type == "tool-input":
            integrations += _tool_names(value)
            continue
        if ui_type in _SKIP_TYPES:
            continue
        if sid in _PROMPTS:
            prompts += _strings(value)
        elif ui_type in _TEXT_TYPES or ui_type == "input-format":
            other += _strings(value)
    return integrations, c_words, prompts, other


def _tool_names(value: Any) -> list[str]:
    """The tools an agent may call (their titles or types; never their parameters)."""
    out = []
    for tool in value if isinstance(value, list) else ():
        if isinstance(tool, dict):
            label = tool.get("title") or tool.get("type")
            if isinstance(label, str):
                out.append(label.replace("_", " "))
    return out


def _clean(parts: list[str], limit: int = MAX_FIELD, memo: dict[str, str] | None = None) -> str:
    """The parts scrubbed, each once, joined and cut to `limit`. Parts past the cut are not scrubbed at all (they
    could not show), a part said twice is scrubbed once, and `memo` keeps scrubbed parts between the fields of one
    document: twenty agents with one 8 KB prompt cost one scrub, not forty (half of a large import's time)."""
    memo = {} if memo is None else memo
    seen, out, length = set(), [], 0
    for p in parts:
        if length >= limit:
            break
        if p not in memo:
            memo[p] = scrub(_REF.sub(" ", p))
        s = memo[p]
        if s and s.lower() not in seen:
            seen.add(s.lower())
            out.append(s)
            length += len(s) + len(" · ") * (len(out) > 1)
    return " · ".join(out)[:limit]


def build(
    *,
    kind: str,
    ref_id: str,
    name: str,
    description: str | None,
    category: str | None,
    status: str | None,
    state: dict[str, Any],
    tags: list[str] | None = None,
    source_version: int = 1,
) -> SearchDocument:
    """The search document of one workflow or template."""
    clean, _ = scrub_secrets(state if isinstance(state, dict) else {})
    redacted, _ = redact_state(clean if isinstance(clean, dict) else {}, export=True)
    blocks = found if isinstance(found := redacted.get("blocks"), dict) else {}
    integrations: list[str] = []
    c_words: list[str] = []
    prompts: list[str] = []
    other: list[str] = []
    for block in blocks.values():
        if isinstance(block, dict):
            i, c, p, o = _block_text(block)
            integrations += i
            c_words += c
            prompts += p
            other += o
    category_words = (category or "").replace("-", " ")
    name = scrub(name or "")[:200] or "Untitled"
    memo: dict[str, str] = {}
    text_b = _clean([description or "", category_words, *(tags or []), *integrations], memo=memo)
    text_c = _clean([*c_words, *prompts], memo=memo)
    text_d = _clean(other, memo=memo)
    embed_text = "\n".join(
        s
        for s in (
            name,
            scrub(description or ""),
            f"Category: {category_words}" if category_words else "",
            f"Tags: {', '.join(tags)}" if tags else "",
            f"Uses: {_clean(integrations, 300, memo)}" if integrations else "",
            f"Steps: {_clean(c_words, 500, memo)}",
            f"Prompts: {_clean(prompts, 700, memo)}" if prompts else "",
        )
        if s
    )[:MAX_EMBED]
    feats = structure.features(state if isinstance(state, dict) else {})
    # The hash of what the embedder reads: a vector is stale exactly when this changes.
    digest = hashlib.sha256(embed_text.encode()).hexdigest()
    return SearchDocument(
        kind=kind,
        ref_id=ref_id,
        name=name,
        category=category,
        status=status,
        text_b=text_b,
        text_c=text_c,
        text_d=text_d,
        embed_text=embed_text,
        content_hash=digest,
        features=feats,
        shape=structure.shape(feats),
        source_version=source_version,
    )


def for_workflow(record: Any) -> SearchDocument:
    """A stored workflow (a WorkflowRecord, or a row with the same fields)."""
    get: Callable[[str], Any] = record.get if isinstance(record, dict) else lambda k: getattr(record, k)
    return build(
        kind="workflow",
        ref_id=get("id"),
        name=get("name"),
        description=get("description"),
        category=get("category"),
        status=get("status"),
        state=get("state") or {},
        source_version=get("version") or 1,
    )


def for_template(template: Any) -> SearchDocument:
    return build(
        kind="template",
        ref_id=template.name,
        name=template.display_name,
        description=template.description,
        category=template.category,
        status=None,
        state=template.state,
        tags=list(template.tags or []),
    )
