"""secrets: credentials written in plain text where a `{{ENV_VAR}}` belongs.

Found by name (secret fields, tool params, header rows) and by value (lib.secrets: key formats,
random tokens in URL queries, code and prompts). Sim runs such states (sim-format §9.10), so
these are warnings; stored workflows never keep them (lib.store moves them out on write).
OAuth credential ids point at stored tokens and are not secrets.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lib.sim.names import pointer
from lib.validation import exfiltration
from lib.validation.base import Finding, Rule
from lib.validation.context import Context
from lib.validation.scan import plaintext as _plaintext
from lib.validation.scan import secret_name
from lib.validation.tables import per_spec, tables

_NONE_DECLARED: dict[str, Any] = {}


def secret_key(name: Any) -> bool:
    """Whether a parameter/field name looks like it holds a credential (one list: lib.secrets.detect)."""
    return secret_name(name)


def _tools(value: Any) -> list[Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return value if isinstance(value, list) else []


def _env_name(hint: Any) -> str:
    name = re.sub(r"[^A-Za-z0-9]+", "_", re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", str(hint))).strip("_").upper()
    return name or "SECRET"


def _value_pointer(block_id: str, sub_id: str) -> str:
    return pointer("blocks", block_id, "subBlocks", sub_id, "value")


@per_spec
def _plan(spec: Any) -> tuple[frozenset[str], dict[str, Any], frozenset[str]]:
    """(secret field ids, declared fields, ids declared as tables) of a type, derived once."""
    try:
        secret_ids = frozenset(getattr(spec, "secret_ids", None) or ())
    except Exception:
        secret_ids = frozenset()
    declared = tables(spec).sub if spec is not None else _NONE_DECLARED
    table_ids = frozenset(k for k, sub in declared.items() if getattr(sub, "type", None) == "table")
    return secret_ids, declared, table_ids


_NO_PLAN: tuple[frozenset[str], dict[str, Any], frozenset[str]] = (frozenset(), {}, frozenset())


def _check_block(ctx: Context, block_id: str, out: list[Finding]) -> None:
    """Secrets kept under a secret name in one block, appended to `out` in field order."""
    suspects = ctx.facts.secret_suspects.get(block_id)
    if not suspects:
        return  # the walk found no field a credential could hide under by name
    spec = ctx.spec(block_id)
    secret_ids, declared_subs, table_ids = _plan(spec) if spec is not None else _NO_PLAN
    subs = ctx.facts.subs[block_id]
    for sub_id in suspects:  # the walk passed every other subBlock
        sub = subs[sub_id]
        stored_type = sub.get("type")
        if stored_type == "oauth-input":
            continue
        if sub_id in secret_ids or (sub_id not in declared_subs and secret_name(sub_id)):
            if _plaintext(sub.get("value")):
                out.append(
                    RULE.finding(
                        "plaintext_secret",
                        _value_pointer(block_id, sub_id),
                        f"'{sub_id}' of {ctx.label(block_id)} holds a plain-text secret; store it as an "
                        f"environment variable and write {{{{{_env_name(sub_id)}}}}} instead.",
                    )
                )
        if sub_id == "tools" or stored_type == "tool-input":
            for i, tool in enumerate(_tools(sub.get("value"))):
                params = tool.get("params") if isinstance(tool, dict) else None
                if not isinstance(params, dict):
                    continue
                for name, param in params.items():
                    if secret_name(name) and _plaintext(param):
                        out.append(
                            RULE.finding(
                                "plaintext_tool_secret",
                                _value_pointer(block_id, sub_id) + pointer(i, "params", name),
                                f"Tool {i} of {ctx.label(block_id)} has a plain-text '{name}'; write "
                                f"{{{{{_env_name(name)}}}}} and keep the value in an environment variable.",
                            )
                        )
        if stored_type == "table" or sub_id in table_ids:
            value = sub.get("value")
            if isinstance(value, list):
                _check_rows(ctx, block_id, sub_id, value, out)


def _check_rows(ctx: Context, block_id: str, sub_id: str, rows: list[Any], out: list[Finding]) -> None:
    for row_index, row in enumerate(rows):
        cells = row.get("cells") if isinstance(row, dict) else None
        if not isinstance(cells, dict):
            continue
        header = cells.get("Key")
        if secret_name(header) and _plaintext(cells.get("Value")):
            out.append(
                RULE.finding(
                    "plaintext_header_secret",
                    _value_pointer(block_id, sub_id) + pointer(row_index, "cells", "Value"),
                    f"Row '{header}' of '{sub_id}' in {ctx.label(block_id)} carries a plain-text "
                    f"credential; write e.g. 'Bearer {{{{{_env_name(header)}}}}}' and keep the secret in an "
                    "environment variable.",
                )
            )


def _check_hosts(ctx: Context, block_id: str) -> Iterator[Finding]:
    """{{ENV_VAR}} secrets an api block sends to a host that is not their provider's."""
    subs = ctx.sub_blocks(block_id)
    values = {field: subs[field].get("value") for field in exfiltration.FIELDS if field in subs}
    for leak in exfiltration.leaks(values):
        if leak.severity == "error":
            why = (
                f"'{leak.variable}' is a credential for {', '.join(leak.allowed)}, so sending it to "
                f"{leak.host} leaks it"
            )
        else:
            why = f"nothing in '{leak.variable}' names {leak.host}; make sure this secret belongs to that service"
        yield RULE.finding(
            "secret_to_foreign_host",
            _value_pointer(block_id, leak.field) + leak.suffix,
            f"{ctx.label(block_id)} sends {{{{{leak.variable}}}}} in its {leak.field} to {leak.host}: {why}. "
            "Remove it from this request (or point the URL at the provider's own API).",
            severity=leak.severity,  # type: ignore[arg-type]
        )


def _check(ctx: Context) -> list[Finding]:
    found: list[Finding] = []
    reported: list[str] = []
    flagged, sends = ctx.facts.secret_suspects, ctx.sends_secrets
    if flagged or sends:  # only the blocks the context's walk flagged, in block order
        types = ctx.types
        for block_id in ctx.blocks:
            if (block_id not in flagged and block_id not in sends) or types.get(block_id) == "note":
                continue
            before = len(found)
            _check_block(ctx, block_id, found)
            if len(found) > before:
                reported.extend([f.path for f in found[before:]])
            if block_id in sends:  # an api block
                found.extend(_check_hosts(ctx, block_id))
    found.extend(_by_value(ctx, reported))
    return found


def _by_value(ctx: Context, reported: list[str]) -> Iterator[Finding]:
    """What the name checks above miss: keys by format or randomness anywhere (prompts, code, URL
    queries, JSON bodies), and credential-named `data` keys. Never quotes the value."""
    if ctx.secrets_clean:
        return  # the context's walk judged every string: `find` would report nothing
    from lib.secrets import find

    notes = {pointer("blocks", b) for b in ctx.blocks if ctx.is_note(b)}
    found = find({"blocks": ctx.state.get("blocks")} if isinstance(ctx.state.get("blocks"), dict) else {})
    seen: set[tuple[str, str]] = set()
    for f in found:
        if any(f.path == p or f.path.startswith(p + "/") for p in reported) or (f.path, f.kind) in seen:
            continue
        if any(f.path.startswith(n + "/") for n in notes):
            continue
        seen.add((f.path, f.kind))
        what = (
            "a credential" if f.kind in ("named", "random", "assignment") else f"a {f.kind.replace('_', ' ')}"
        )
        yield RULE.finding(
            "plaintext_secret_value",
            f.path,
            f"{f.path} holds {what} in plain text; keep it in an environment variable and write "
            f"{{{{{f.name}}}}} in its place.",
        )


RULE = Rule.define(
    "secrets",
    "Secret fields (registry secret subBlocks, secret-looking agent tool params, Authorization/API "
    "key header rows) hold {{ENV_VAR}} references, not plain-text credentials.",
    {
        "plaintext_secret": ("warning", "A secret subBlock (e.g. apiKey) holds a literal value."),
        "plaintext_tool_secret": (
            "warning",
            "An agent tool parameter that looks secret holds a literal value.",
        ),
        "plaintext_header_secret": (
            "warning",
            "A headers/params table row like Authorization or X-Api-Key holds a literal value.",
        ),
        "plaintext_secret_value": (
            "warning",
            "A known key format (sk-…, AIza…, xoxb-…, JWT, …), a random token in a URL query or header, "
            "or a credential-named key, found by value anywhere in a block.",
        ),
        "secret_to_foreign_host": (
            "error",
            "An api block sends a {{ENV_VAR}} credential to a host that is not its provider's (error when "
            "the provider's hosts are known, e.g. an Anthropic key; warning when the name says nothing).",
        ),
    },
    _check,
)
