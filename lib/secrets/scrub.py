"""Replace every clear secret in a JSON document by an `{{ENV_VAR}}` reference, and say what moved.

One walker serves states, envelopes, workflow variables, metadata, log fields and cache
payloads: it knows where Sim keeps names (a subBlock's id, a table row's `Key` cell, a
variable's `name`, a dict key) and asks `detect` about each string with that name. A secret
that is a whole value becomes `{{NAME}}`; one inside a larger string (a prompt, function code,
a URL query, `Bearer …`) is replaced in place, so the text around it survives. References that
are already there (`Bearer {{X}}`) are never touched, so scrubbing twice changes nothing.

Names are readable and stable: a known format names its variable (`sk-proj-…` →
`OPENAI_API_KEY`, `xoxb-…` → `SLACK_BOT_TOKEN`), anything else is named after the block and
field (`API_1_AUTHORIZATION`). The same value gets the same name; a name already used for another
value, or already referenced in the document, gets a suffix (`OPENAI_API_KEY_2`). Who decides the
final name is a `namer`: in memory by default, the tenant's secrets table when storing.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lib.secrets import detect
from lib.sim.names import ENV_REF, escape_pointer

__all__ = ["Found", "MemoryNamer", "Namer", "find", "mask_known", "referenced_env", "scrub", "scrub_text"]

_MAX_DEPTH = 64
_SCALARS = (bool, int, float, type(None))
_MIN_MASK = 6
Path = Any  # nested (parent path, key) pairs down from "": rendered only for what is found


@dataclass(frozen=True)
class Found:
    """One secret taken out: the variable it now lives in, where it was, and what kind it is.

    `value` is the clear text, for the caller to store encrypted; never log or return it.
    """

    name: str
    path: str
    kind: str
    value: str

    def public(self) -> dict[str, str]:
        return {"name": self.name, "path": self.path, "kind": self.kind}


# (value, suggested name, names to avoid) → final name
Namer = Callable[[str, str, "set[str]"], str]


class MemoryNamer:
    """Same value → same name, one name per value, within one call (or one namer's life)."""

    def __init__(self) -> None:
        self.by_value: dict[str, str] = {}
        self.used: set[str] = set()

    def __call__(self, value: str, suggested: str, avoid: set[str]) -> str:
        if value in self.by_value:
            return self.by_value[value]
        name, n = suggested, 1
        while name in self.used or name in avoid:
            n += 1
            name = f"{suggested}_{n}"
        self.by_value[value] = name
        self.used.add(name)
        return name


def referenced_env(doc: Any) -> list[str]:
    """Names of every `{{ENV}}` reference in a document, sorted, once each."""
    names: set[str] = set()
    stack: list[tuple[Any, int]] = [(doc, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if "{{" in value:
                names.update(m.group("name") for m in ENV_REF.finditer(value))
        elif depth < _MAX_DEPTH and isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif depth < _MAX_DEPTH and isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return sorted(names)


def _render(path: Path) -> str:
    parts = []
    while isinstance(path, tuple):
        path, key = path
        parts.append(escape_pointer(key))
    return "".join("/" + p for p in reversed(parts))


def _js_reference(code: str, start: int, end: int, ref: str) -> tuple[int, int, str]:
    """Sim's function runner swaps `{{X}}` for a variable *name*, so inside a string literal it
    must stand outside the quotes: `'sk-…'` → `{{X}}`, `'Bearer sk-…'` → `'Bearer ' + {{X}} + ''`,
    and in a template literal `${{{X}}}`."""
    line_start = code.rfind("\n", 0, start) + 1
    line_end = code.find("\n", end)
    line_end = len(code) if line_end < 0 else line_end
    for q in ("'", '"', "`"):
        left = code.rfind(q, line_start, start)
        right = code.find(q, end, line_end)
        if left < 0 or right < 0 or code[left + 1 : start].count(q) or code[end:right].count(q):
            continue
        if left + 1 == start and right == end:
            return left, right + 1, ref
        if q == "`":
            return start, end, "${" + ref + "}"
        return start, end, f"{q} + {ref} + {q}"
    return start, end, ref


def _too_deep(value: Any, path: Path) -> Any:
    """Below 64 levels nothing is walked: such a value is kept only if its text holds no secret."""
    import json

    from lib.errors import InvalidInput

    try:
        text = json.dumps(value)
    except (RecursionError, TypeError, ValueError):
        text = None
    if (
        text is None
        or detect.find_in_text(text)
        or any(detect.is_secret_name(m.group(1)) for m in re.finditer(r'"([^"]{1,64})":', text))
    ):
        raise InvalidInput(
            f"{_render(path) or '/'} is nested too deeply to be checked for secrets; flatten it",
            field="body",
        )
    return copy.deepcopy(value)


def _ids_field(field: Any) -> bool:
    """Fields that hold ids (of documents, sheets, OAuth credentials): random-looking by nature."""
    key = str(field or "").replace("_", "").replace("-", "").lower()
    return key.endswith(("id", "ids")) or "credential" in key


class _Walk:
    """Walks a document in reading order; `rebuild=False` only finds (no copy is built, so
    `value` returns None for containers) — the same Found list, for callers that need no copy."""

    def __init__(self, namer: Namer, doc: Any, rebuild: bool = True) -> None:
        self.namer = namer
        self.doc = doc
        self.rebuild = rebuild
        self.avoid: set[str] | None = None
        self.found: list[Found] = []

    def _name(self, value: str, suggested: str) -> str:
        if self.avoid is None:  # names the document already references: computed only when needed
            self.avoid = set(referenced_env(self.doc))
        return self.namer(value, suggested, self.avoid)

    def string(
        self, text: str, path: Path, owner: Any, field: Any, named_secret: bool, js: bool = False
    ) -> str:
        """`text` with its secrets replaced; `owner` and `field` name the variable when no format does."""
        hits: list[detect.Hit] = []
        if named_secret:
            span = detect.secret_part(text)
            if span is not None:
                part = text[span[0] : span[1]]
                known = [h for h in detect.find_in_text(part) if h.env and h.value == part]
                hits = [
                    detect.Hit(
                        span[0],
                        span[1],
                        part,
                        known[0].kind if known else "named",
                        known[0].env if known else None,
                    )
                ]
        if not hits:
            if len(text) < 8:  # find_in_text's own floor: nothing this short is a secret by value
                return text
            hits = detect.find_in_text(text, random_tokens=len(text) < 20 or not _ids_field(field))
        if not hits:
            return text
        out = text
        named = []
        for hit in sorted(hits, key=lambda h: h.start):  # names in reading order
            suggested = hit.env or detect.env_name(owner, hit.label or field)
            named.append((hit, self._name(hit.value, suggested)))
            self.found.append(Found(named[-1][1], _render(path), hit.kind, hit.value))
        if not self.rebuild:
            return text
        for hit, name in reversed(named):  # replace from the end so earlier offsets hold
            start, end, ref = hit.start, hit.end, "{{" + name + "}}"
            if js:
                start, end, ref = _js_reference(out, start, end, ref)
            out = out[:start] + ref + out[end:]
        return out

    def value(
        self, value: Any, path: Path, owner: Any, field: Any, named_secret: bool, depth: int, js: bool = False
    ) -> Any:
        if isinstance(value, str):
            return self.string(value, path, owner, field, named_secret, js)
        if type(value) in _SCALARS:
            return value
        if depth >= _MAX_DEPTH:
            return _too_deep(value, path)
        if isinstance(value, list):
            if not self.rebuild:
                for i, v in enumerate(value):
                    if type(v) not in _SCALARS:
                        self.value(v, (path, i), owner, field, False, depth + 1)
                return None
            return [self.value(v, (path, i), owner, field, False, depth + 1) for i, v in enumerate(value)]
        if isinstance(value, dict):
            return self.mapping(value, path, owner, depth)
        return value

    def mapping(self, obj: dict[str, Any], path: Path, owner: Any, depth: int) -> dict[str, Any]:
        if isinstance(obj.get("blocks"), dict):
            return self.state(obj, path, owner, depth)
        cells = obj.get("cells")
        if isinstance(cells, dict) and "Value" in cells:  # a Key/Value table row (headers, params)
            header = cells.get("Key")
            out = {
                k: self.value(v, (path, k), owner, k, False, depth + 1)
                for k, v in obj.items()
                if k != "cells"
            }
            out["cells"] = {
                **cells,
                "Value": self.value(
                    cells["Value"],
                    ((path, "cells"), "Value"),
                    owner,
                    header if isinstance(header, str) and header else "value",
                    detect.is_secret_name(header),
                    depth + 2,
                ),
            }
            return out
        # {name, value} pairs (workflow variables, input formats) are named by `name`
        pair_name = obj.get("name") if isinstance(obj.get("name"), str) and "value" in obj else None
        out = {}
        for key, item in obj.items():
            field = pair_name if key == "value" and pair_name else key
            if type(item) in _SCALARS:  # nothing to scan; a name only matters for strings
                out[key] = item
                continue
            named = type(item) is str and detect.is_secret_name(field)
            out[key] = self.value(item, (path, key), owner, field, named, depth + 1)
        return out

    def sub_block(
        self,
        sub: Any,
        path: Path,
        block: dict[str, Any],
        owner: Any,
        sid: str,
        secret_ids: set[str],
        depth: int,
    ) -> Any:
        if not isinstance(sub, dict) or sub.get("type") == "oauth-input":
            # OAuth credential ids point at stored tokens: not secrets
            return copy.deepcopy(sub) if self.rebuild else None
        named = sid in secret_ids or detect.is_secret_name(sid)
        js = block.get("type") == "function" and sid == "code"
        if not self.rebuild:  # only `value` is scanned; the other keys are copied as they are
            if "value" in sub:
                self.value(sub["value"], (path, "value"), owner, sid, named, depth + 4, js)
            return None
        return {
            k: self.value(v, (path, "value"), owner, sid, named, depth + 4, js)
            if k == "value"
            else copy.deepcopy(v)
            for k, v in sub.items()
        }

    def state(self, state: dict[str, Any], path: Path, owner: Any, depth: int) -> dict[str, Any]:
        from lib.sim.rows import spec_of

        out = dict(state)
        blocks = {}
        for bid, block in state["blocks"].items():
            bpath = ((path, "blocks"), bid)
            if not isinstance(block, dict):
                blocks[bid] = block
                continue
            name = block.get("name") if isinstance(block.get("name"), str) else block.get("type")
            spec = spec_of(block.get("type"))
            try:
                secret_ids = set(getattr(spec, "secret_ids", None) or ())
            except Exception:
                secret_ids = set()
            new = {}
            for key, item in block.items():
                if key == "subBlocks" and isinstance(item, dict):
                    new[key] = {
                        sid: self.sub_block(
                            sub,
                            ((bpath, "subBlocks"), sid),
                            block,
                            name,
                            sid,
                            secret_ids,
                            depth,
                        )
                        for sid, sub in item.items()
                    }
                elif key in ("id", "type") or type(item) in _SCALARS:
                    new[key] = item
                else:
                    new[key] = self.value(
                        item,
                        (bpath, key),
                        name,
                        key,
                        detect.is_secret_name(key),
                        depth + 2,
                    )
            blocks[bid] = new
        out["blocks"] = blocks
        for key, item in state.items():
            if key != "blocks":
                out[key] = self.value(item, (path, key), owner, key, detect.is_secret_name(key), depth + 1)
        return out


def scrub(doc: Any, *, namer: Namer | None = None, owner: str | None = None) -> tuple[Any, list[Found]]:
    """(copy of `doc` with clear secrets replaced by `{{NAME}}`, what was replaced). Input unchanged.

    Takes a state, an envelope, variables, metadata or any JSON value. Call it on anything built
    from user data before it leaves the process (search documents, cache entries, log fields);
    `lib.store` calls it with a table-backed namer on every write.
    """
    walk = _Walk(namer or MemoryNamer(), doc)
    out = walk.value(doc, "", owner, None, False, 0)  # rebuilds every container: the input is not shared
    return out, walk.found


def find(doc: Any, *, namer: Namer | None = None, owner: str | None = None) -> list[Found]:
    """What `scrub(doc)` would replace (the same list, names included), without building the copy:
    for callers that only ask whether, and where, a document holds clear secrets."""
    walk = _Walk(namer or MemoryNamer(), doc, rebuild=False)
    walk.value(doc, "", owner, None, False, 0)
    return walk.found


def scrub_text(text: str, *, namer: Namer | None = None, owner: str | None = None) -> tuple[str, list[Found]]:
    """One free text (a description, a prompt, a message) with its secrets replaced."""
    out, found = scrub(text, namer=namer, owner=owner)
    return out, found


def mask_known(value: Any, found: list[Found], depth: int = 0) -> Any:
    """Copy of any JSON value with each known secret value replaced by its `{{NAME}}`.

    For what was derived from a document before it was scrubbed: validation findings, error
    details, import reports. Values shorter than 6 characters are left alone: masking "test"
    everywhere would change text that never held the secret.
    """
    if not found:
        return value
    if isinstance(value, str):
        for f in sorted(found, key=lambda f: -len(f.value)):
            if len(f.value) >= _MIN_MASK and f.value in value:
                value = value.replace(f.value, "{{" + f.name + "}}")
        return value
    if depth > _MAX_DEPTH:
        return value
    if isinstance(value, list):
        return [mask_known(v, found, depth + 1) for v in value]
    if isinstance(value, dict):
        return {k: mask_known(v, found, depth + 1) for k, v in value.items()}
    return value
