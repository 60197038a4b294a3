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
from collections.abc import Callable, Container
from dataclasses import dataclass
from typing import Any

import orjson

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


# (value, suggested name, names to avoid) → final name. `avoid` answers `in` only: it is worked
# out on the first question (a walk of the whole document), which most calls never ask — a value
# the namer knows already keeps its name.
Namer = Callable[[str, str, Container[str]], str]


class MemoryNamer:
    """Same value → same name, one name per value, within one call (or one namer's life)."""

    def __init__(self) -> None:
        self.by_value: dict[str, str] = {}
        self.used: set[str] = set()

    def __call__(self, value: str, suggested: str, avoid: Container[str]) -> str:
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
    """Names of every `{{ENV}}` reference in a document's values, sorted, once each.

    Read off the document's JSON text (one C pass), which also sees strings in tuples and past
    64 levels, unless the text could say otherwise than the strings (`_UNSURE`); a document
    orjson cannot write is walked, 64 levels deep."""
    try:
        text = orjson.dumps(doc)
    except (orjson.JSONEncodeError, TypeError):  # not JSON (other types, too deep): walked
        text = None
    if text is not None:
        if b"{{" not in text:  # JSON never escapes a brace: no string holds one
            return []
        decoded = text.decode()
        if _UNSURE.search(decoded) is None:
            return sorted({m.group("name") for m in ENV_REF.finditer(decoded)})
    names: set[str] = set()
    _collect_env(doc, 0, names)
    return sorted(names)


# Where the document's JSON text does not say the same as its strings: '{{' in an object key
# (the walk reads values only), or an escape between '{{' and '}}' (`{{\nX}}` is a reference).
# Elsewhere a match cannot span two strings (it holds no quote), so the text's matches are the
# strings' matches.
_UNSURE = re.compile(r'\{\{(?:[^"\\]|\\.)*":|\{\{[^}"]*\\')


def _collect_env(value: Any, depth: int, names: set[str]) -> None:
    if isinstance(value, str):
        if "{{" in value:
            names.update(m.group("name") for m in ENV_REF.finditer(value))
        return
    if depth >= _MAX_DEPTH:
        return
    if isinstance(value, dict):
        value = value.values()
    elif not isinstance(value, list):
        return
    for item in value:
        kind = type(item)
        if kind is str:
            if "{{" in item:
                names.update(m.group("name") for m in ENV_REF.finditer(item))
        elif kind is dict or kind is list or isinstance(item, (str, dict, list)):
            _collect_env(item, depth + 1, names)


class _Referenced:
    """The `{{ENV}}` names a document references, found on the first `in` (see `Namer`)."""

    __slots__ = ("doc", "names")

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.names: frozenset[str] | None = None

    def __contains__(self, name: object) -> bool:
        if self.names is None:
            self.names = frozenset(referenced_env(self.doc))
        return name in self.names


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


_SECRET_IDS: dict[str, frozenset[str]] = {}
_secret_name = detect._secret_name  # `detect.is_secret_name` for a str, its cache without the type test
_OWN_KEYS = ("id", "type")  # a block's keys the walk never scans


def _secret_ids(block_type: Any) -> frozenset[str]:
    """The ids of a block type's secret fields (Sim's `password: true`), kept per type."""
    from lib.sim.rows import spec_of

    ids = _SECRET_IDS.get(block_type) if type(block_type) is str else None
    if ids is None:
        spec = spec_of(block_type)
        try:
            ids = frozenset(getattr(spec, "secret_ids", None) or ())
        except Exception:
            ids = frozenset()
        if spec is not None and len(_SECRET_IDS) < 4096:
            _SECRET_IDS[block_type] = ids
    return ids


def _plain(text: str) -> bool:
    """True when `_Walk.string` returns `text` as it is and finds nothing in it, unless it is kept
    under a secret name: `find_in_text`'s floor and its cheap pre-check."""
    return len(text) < 8 or not detect.may_hold_secret(text)


def _json_clean(value: Any) -> bool:
    """True when nothing in a container can be a secret, judged on its JSON text (one C pass):
    the walk below would change nothing in it and report nothing."""
    try:
        text = orjson.dumps(value)
    except (orjson.JSONEncodeError, TypeError):
        return False
    return not detect.json_may_hold_secret(text)


def _rebuilt(value: Any) -> Any:
    """What the walk returns for a container with nothing to replace: the same new containers
    (a Key/Value row's `cells` last, as `_Walk.mapping` writes it), other values as they are."""
    if isinstance(value, dict):
        out = {k: v if type(v) is str else _rebuilt(v) for k, v in value.items()}
        cells = value.get("cells")
        if isinstance(cells, dict) and "Value" in cells:
            out["cells"] = out.pop("cells")
        return out
    if isinstance(value, list):
        return [v if type(v) is str else _rebuilt(v) for v in value]
    return value


def _scanned(sub: Any) -> bool:
    """Whether `_Walk.sub_block` scans this subBlock's value (OAuth credential ids it does not)."""
    return isinstance(sub, dict) and sub.get("type") != "oauth-input"


def _quiet_sub_blocks(subs: dict[str, Any], secret_ids: frozenset[str]) -> bool:
    """True when the walk would find nothing in a block's subBlocks, decided on one JSON text of
    the values it scans, then the values kept under secret ids (any literal there is a secret)."""
    values = [
        sub.get("value")
        for sub in subs.values()
        if isinstance(sub, dict) and sub.get("type") != "oauth-input"  # `_scanned`
    ]
    if not _json_clean(values):
        return False
    named = _secret_name
    for sid, sub in subs.items():
        if (
            (sid in secret_ids or (isinstance(sid, str) and named(sid)))  # `detect.is_secret_name`
            and _scanned(sub)
            and type(value := sub.get("value")) is str
            and detect.secret_part(value) is not None
        ):
            return False
    return True


def _rebuilt_sub_blocks(subs: dict[str, Any]) -> dict[str, Any]:
    """`_Walk.sub_block`'s copies of quiet subBlocks (see `_quiet_sub_blocks`)."""
    return {
        sid: {
            k: _rebuilt(v)
            if k == "value"
            else v
            if type(v) is str or type(v) in _SCALARS
            else copy.deepcopy(v)
            for k, v in sub.items()
        }
        if _scanned(sub)
        else copy.deepcopy(sub)
        for sid, sub in subs.items()
    }


class _Walk:
    """Walks a document in reading order; `rebuild=False` only finds (no copy is built, so
    `value` returns None for containers) — the same Found list, for callers that need no copy."""

    def __init__(self, namer: Namer, doc: Any, rebuild: bool = True, share: bool = False) -> None:
        self.namer = namer
        self.doc = doc
        self.rebuild = rebuild
        self.share = share  # a state's quiet parts are the input's own, not copies (see `scrub`)
        self.avoid = _Referenced(doc)  # names the document already references, when asked
        self.found: list[Found] = []

    def _name(self, value: str, suggested: str) -> str:
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
                known = detect.whole_format(part)  # what names the variable, if a format does
                hits = [
                    detect.Hit(
                        span[0],
                        span[1],
                        part,
                        known.kind if known else "named",
                        known.env if known else None,
                    )
                ]
        if not hits:
            # find_in_text's own floor, then its cheap pre-check: most strings stop here
            if _plain(text):
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
            out = []
            for i, v in enumerate(value):
                kind = type(v)
                if kind in _SCALARS or (kind is str and _plain(v)):  # nothing `string` would replace
                    out.append(v)
                else:
                    out.append(self.value(v, (path, i), owner, field, False, depth + 1))
            return out
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
            kind = type(item)
            if kind in _SCALARS:  # nothing to scan; a name only matters for strings
                out[key] = item
                continue
            field = pair_name if key == "value" and pair_name else key
            if kind is str:
                named = detect.is_secret_name(field)
                if not named and _plain(item):  # what `string` returns as it is, finding nothing
                    out[key] = item
                    continue
            else:
                named = False
            out[key] = self.value(item, (path, key), owner, field, named, depth + 1)
        return out

    def sub_block(
        self,
        sub: Any,
        path: Path,
        block: dict[str, Any],
        owner: Any,
        sid: str,
        secret_ids: frozenset[str],
        depth: int,
    ) -> Any:
        if not isinstance(sub, dict) or sub.get("type") == "oauth-input":
            # OAuth credential ids point at stored tokens: not secrets
            return (sub if self.share else copy.deepcopy(sub)) if self.rebuild else None
        named = sid in secret_ids or detect.is_secret_name(sid)
        if self.share and self.rebuild:
            value = sub.get("value")
            if type(value) in _SCALARS or (isinstance(value, str) and not named and _plain(value)):
                return dict(sub)  # the comprehension below, with nothing to replace
        js = block.get("type") == "function" and sid == "code"
        if not self.rebuild:  # only `value` is scanned; the other keys are copied as they are
            if "value" in sub:
                self.value(sub["value"], (path, "value"), owner, sid, named, depth + 4, js)
            return None
        return {
            k: self.value(v, (path, "value"), owner, sid, named, depth + 4, js)
            if k == "value"
            else v
            if self.share or type(v) is str or type(v) in _SCALARS
            else copy.deepcopy(v)
            for k, v in sub.items()
        }

    def state(self, state: dict[str, Any], path: Path, owner: Any, depth: int) -> dict[str, Any]:
        out = dict(state)
        blocks = {}
        for bid, block in state["blocks"].items():
            bpath = ((path, "blocks"), bid)
            if not isinstance(block, dict):
                blocks[bid] = block
                continue
            name = block.get("name") if isinstance(block.get("name"), str) else block.get("type")
            secret_ids = _secret_ids(block.get("type"))
            subs = block.get("subBlocks")
            # Its other keys (position, outputs, data, …) judged together on their JSON text.
            rest_quiet = False
            if self.rebuild:
                rest = dict(block)  # the block but `_OWN_KEYS` and a subBlocks object, in its order
                for key in _OWN_KEYS:
                    rest.pop(key, None)
                if isinstance(subs, dict):
                    del rest["subBlocks"]
                rest_quiet = _json_clean(rest)
            quiet_subs = self.rebuild and isinstance(subs, dict) and _quiet_sub_blocks(subs, secret_ids)
            if self.share and rest_quiet and (quiet_subs or not isinstance(subs, dict)):
                blocks[bid] = block  # nothing to replace: the block itself
                continue
            new = {}
            for key, item in block.items():
                if key == "subBlocks" and isinstance(item, dict):
                    if quiet_subs:
                        new[key] = item if self.share else _rebuilt_sub_blocks(item)
                        continue
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
                elif key in _OWN_KEYS or type(item) in _SCALARS:
                    new[key] = item
                elif rest_quiet:
                    new[key] = item if self.share else _rebuilt(item)
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
        rest = dict(state)  # edges, loops, parallels, …
        del rest["blocks"]
        if self.rebuild and _json_clean(rest):
            if not self.share:  # shared: `out` holds them already
                out.update(_rebuilt(rest))
            return out
        for key, item in rest.items():
            out[key] = self.value(item, (path, key), owner, key, detect.is_secret_name(key), depth + 1)
        return out


def scrub(
    doc: Any, *, namer: Namer | None = None, owner: str | None = None, share: bool = False
) -> tuple[Any, list[Found]]:
    """(copy of `doc` with clear secrets replaced by `{{NAME}}`, what was replaced). Input unchanged.

    `share=True`, for a caller that owns `doc` and drops it (the import's freshly built states):
    the parts of a state with nothing to replace (blocks, subBlocks, edges, loops) are the
    input's own objects instead of copies; the rest is as without it.

    Takes a state, an envelope, variables, metadata or any JSON value. Call it on anything built
    from user data before it leaves the process (search documents, cache entries, log fields);
    `lib.store` calls it with a table-backed namer on every write.
    """
    # a name or description with nothing to search: returned as the walk returns it
    if type(doc) is str and _plain(doc):
        return doc, []
    walk = _Walk(namer or MemoryNamer(), doc, share=share)
    out = walk.value(doc, "", owner, None, False, 0)  # rebuilds every container unless `share`
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
