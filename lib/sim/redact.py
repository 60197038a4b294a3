"""Secret values → null, the same way every time: the export's last safety net.

Stored states hold no clear secret (lib.store moves them into the secrets table on write, and
`lib.secrets.scrub` is the call for anything else that leaves the process). Export still runs
`redact_state` after scrubbing: a value survives only when it holds nothing but `{{ENV_VAR}}`
references (`Bearer {{X}}` included), the form Sim resolves at run time (sim-format §4.12).
What counts as secret: the registry's password fields, agent tool params with secret-looking
keys, credential headers in api-style tables, `data.*` keys matching the credential pattern,
and (on export) `oauth-input` credential ids, which only mean something in the source workspace.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from lib.sim.names import is_env_ref, pointer
from lib.sim.rows import spec_of

__all__ = ["CREDENTIAL_KEY", "SECRET_HEADERS", "is_secret_key", "redact_state", "redact_value"]

# sim-format §4.12: Sim's own sanitizer pattern for credential-bearing keys.
CREDENTIAL_KEY = re.compile(
    r"credential|oauth|api[_-]?key|token|secret|auth|password|bearer|passphrase|private[_-]?key",
    re.IGNORECASE,
)
# Keys that match the pattern but hold no secret (counts, modes, flags, references to ids elsewhere).
_NOT_SECRET = re.compile(
    r"^(max|min)?tokens?$|^(auth|authentication)(method|mode|type)$|canonicalmodes|tokenizer", re.IGNORECASE
)
# Header names whose values are credentials (compared lowercased).
SECRET_HEADERS = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "x-api-key",
        "api-key",
        "apikey",
        "x-auth-token",
        "cookie",
        "set-cookie",
        "x-access-token",
        "x-goog-api-key",
        "x-subscription-token",
    }
)
# Secret subBlock ids common across Sim's registry, for block types the registry does not know.
_SECRET_IDS = frozenset(
    {
        "apiKey",
        "botToken",
        "authToken",
        "accessToken",
        "password",
        "secretAccessKey",
        "accessKeyId",
        "clientSecret",
        "privateKey",
        "passphrase",
        "secretValue",
        "webhookSecret",
        "bedrockSecretKey",
        "bedrockAccessKeyId",
        "token",
        "secret",
        "serviceAccountKey",
    }
)


def is_secret_key(key: Any) -> bool:
    """True for a key that names a credential (apiKey, client_secret, Authorization, ...)."""
    return isinstance(key, str) and bool(CREDENTIAL_KEY.search(key)) and not _NOT_SECRET.search(key)


def _keep(value: Any) -> bool:
    """Empty, or references only (`{{X}}`, `Bearer {{X}}`, `Basic {{X}}`, `<block.field>`): nothing clear."""
    if value is None or value == "" or is_env_ref(value):
        return True
    from lib.secrets.detect import is_literal

    return isinstance(value, str) and not is_literal(value) and "{{" in value


class _Redactor:
    def __init__(self, export: bool) -> None:
        self.export = export
        self.paths: list[str] = []

    def blank(self, holder: dict, key: str, *path: Any) -> None:
        if not _keep(holder.get(key)):
            holder[key] = None
            self.paths.append(pointer(*path))

    def block(self, bid: str, block: dict[str, Any]) -> None:
        spec = spec_of(block.get("type"))
        secret_ids = set(getattr(spec, "secret_ids", None) or ()) or _SECRET_IDS
        sub_blocks = block.get("subBlocks")
        for sid, sub in sub_blocks.items() if isinstance(sub_blocks, dict) else ():
            if not isinstance(sub, dict):
                continue
            where = ("blocks", bid, "subBlocks", sid, "value")
            ui_type = sub.get("type")
            spec_sub = spec.sub_block(sid) if spec is not None and hasattr(spec, "sub_block") else None
            ui_type = getattr(spec_sub, "type", None) or ui_type
            if sid in secret_ids:
                self.blank(sub, "value", *where)
            elif ui_type == "oauth-input" or (self.export and sid in ("credential", "oauthCredential")):
                if self.export:
                    self.blank(sub, "value", *where)
            elif ui_type == "tool-input" or sid == "tools":
                self.tools(sub, where)
            elif isinstance(sub.get("value"), list):
                self.table(sub["value"], where)
        data = found if isinstance(found := block.get("data"), dict) else {}
        for key in list(data):
            if is_secret_key(key):
                self.blank(data, key, "blocks", bid, "data", key)

    def tools(self, sub: dict[str, Any], where: tuple[Any, ...]) -> None:
        value = sub.get("value")
        parsed = value
        if isinstance(value, str):
            try:
                parsed = json.loads(value)
            except ValueError:
                return
        if not isinstance(parsed, list):
            return
        before = len(self.paths)
        for i, tool in enumerate(parsed):
            params = tool.get("params") if isinstance(tool, dict) else None
            if not isinstance(params, dict):
                continue
            for key in list(params):
                if is_secret_key(key) or key in _SECRET_IDS:
                    self.blank(params, key, *where, i, "params", key)
        if isinstance(value, str) and len(self.paths) > before:
            sub["value"] = json.dumps(parsed)

    def table(self, rows: list[Any], where: tuple[Any, ...]) -> None:
        """Key/Value tables (api headers, params): blank the values of credential-named keys."""
        for i, row in enumerate(rows):
            cells = row.get("cells") if isinstance(row, dict) else None
            if not isinstance(cells, dict):
                continue
            key = found if isinstance(found := cells.get("Key"), str) else ""
            if key.strip().lower() in SECRET_HEADERS or is_secret_key(key):
                self.blank(cells, "Value", *where, i, "cells", "Value")


def redact_state(state: dict[str, Any], *, export: bool = False) -> tuple[dict[str, Any], list[str]]:
    """(copy of the state with secrets nulled, JSON pointers of what was nulled). Input unchanged."""
    out = copy.deepcopy(state)
    red = _Redactor(export)
    blocks = out.get("blocks") if isinstance(out, dict) else None
    for bid, block in blocks.items() if isinstance(blocks, dict) else ():
        if isinstance(block, dict):
            red.block(str(bid), block)
    return out, red.paths


def redact_value(value: Any, _depth: int = 0) -> Any:
    """Loose JSON (log fields, cache payloads, search snippets): a copy with secret-keyed values nulled.

    Workflow states found inside are redacted with the full rules.
    """
    if _depth > 64:
        return None
    if isinstance(value, dict):
        if isinstance(value.get("blocks"), dict):
            value = redact_state(value)[0]
        out = {}
        for key, item in value.items():
            out[key] = (
                None
                if is_secret_key(key) and not _keep(item) and not isinstance(item, (dict, list))
                else redact_value(item, _depth + 1)
            )
        return out
    if isinstance(value, list):
        return [redact_value(v, _depth + 1) for v in value]
    return value
