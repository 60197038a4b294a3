"""Block facts: what every rule needs from a block's subBlocks, gathered in one pass over them.

Five rules used to visit every subBlock of every block (the context tagging strings and judging
them for secrets, structure checking their JSON types, ids comparing keys with ids, block_types
checking stored UI types and dropdown values, secrets looking for credential-named fields). Now
`gather` visits each subBlock once, driven by its type's `TypePlan` (derived once per registry
spec: for each declared field, the stored types that raise no mismatch, the dropdown choices,
whether the field is secret or a table; and, per pair of subBlock id and stored UI type, a
`verdict` of what needs looking at, so the common subBlock costs one lookup), and keeps flat
records keyed by block id (`Facts`). The rules read the records: a subBlock the walk found
unremarkable is never looked at again, and only the few it flags (`type_suspects`,
`secret_suspects`, `odd_ids`) go through a rule's full check, which builds pointers, messages and
findings only when there is one. The context reads the block's own keys in the same visit: a
plain block (only the keys the structure check reads, each of the JSON type the model demands)
is judged by a few type tests and holds text only in its name, outputs and data, so the
structure rule reads `misshapen` instead of walking the blocks again; the secrets rule's
by-name checks look only at a field whose text is plain, a table row whose credential-named
key holds plain text, a tool list.
This module keeps nothing across states but the per-type plans.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson

from lib.validation import scan
from lib.validation.shape import STR as _STR
from lib.validation.shape import block_typed, data_typed
from lib.validation.tables import TypeTables, per_spec, tables

_SCALAR_TYPES = frozenset({bool, int, float, type(None)})
# A block's own keys that the structure check reads (`shape.block_typed`), and Sim's `locked`.
PLAIN_KEYS = frozenset(
    {
        "id",
        "type",
        "name",
        "position",
        "subBlocks",
        "outputs",
        "enabled",
        "horizontalHandles",
        "isWide",
        "advancedMode",
        "triggerMode",
        "height",
        "data",
        "locked",
    }
)
_NO_IDS: frozenset[str] = frozenset()


class FieldPlan:
    """What the walk asks of one declared field: (stored types that raise no mismatch, None for
    any), (dropdown choices as text, or None), whether the type declares it secret, whether it is
    declared as a table."""

    __slots__ = ("choices", "ok", "secret", "table")

    def __init__(self, ok: frozenset[str] | None, choices: frozenset[str] | None, secret: bool, table: bool):
        self.ok = ok
        self.choices = choices
        self.secret = secret
        self.table = table


class TypePlan:
    """Per block type (per registry spec), derived once: the plan of each declared field and the
    type's secret field ids (what the secret scan judges a value under)."""

    __slots__ = ("_kept", "fields", "secret_ids", "table", "verdicts")

    def __init__(self, spec: Any) -> None:
        self.table: TypeTables | None = None
        # (subBlock id, stored UI type or None) → the `verdict` bits; bounded (ids come from input).
        self.verdicts: dict[str, dict[str | None, int]] = {}
        self._kept = 0
        try:
            self.secret_ids: frozenset[str] = frozenset(getattr(spec, "secret_ids", None) or ())
        except Exception:  # a broken registry entry: no field is secret by declaration
            self.secret_ids = _NO_IDS
        self.fields: dict[str, FieldPlan] = {}
        if spec is None:
            return
        table = self.table = tables(spec)
        for sub_id, sub_spec in table.sub.items():
            choice = table.options.get(sub_id)
            self.fields[sub_id] = FieldPlan(
                table.stored_ok[sub_id],
                None if choice is None else choice[0],
                sub_id in self.secret_ids,
                getattr(sub_spec, "type", None) == "table",
            )

    def verdict(self, sub_id: str, stored_type: str | None) -> int:
        """What the walk must look at in a subBlock stored under `sub_id` with UI type
        `stored_type` (None: not a string), as bits: everything here depends on those two only,
        so it is decided once per type and pair, never per value."""
        by_type = self.verdicts.get(sub_id)
        found = None if by_type is None else by_type.get(stored_type)
        if found is not None:
            return found
        field = self.fields.get(sub_id)
        named = sub_id in self.secret_ids or bool(scan.secret_name(sub_id))
        bits = NAMED if named else 0
        if stored_type == "oauth-input":
            bits |= OAUTH
        if field is None:  # undeclared: block_types reports it; secrets judge it by its name
            bits |= TYPE
        elif field.ok is not None and stored_type is not None and stored_type not in field.ok:
            bits |= TYPE  # a UI type the field does not take
        elif field.choices is not None:
            bits |= CHOICES  # a dropdown: the value decides
        if stored_type != "oauth-input":  # where the secrets rule's by-name checks look
            if field.secret if field is not None else named:
                bits |= WATCH | WATCH_TEXT
            if sub_id == "tools" or stored_type == "tool-input":
                bits |= WATCH | WATCH_TOOLS
            if stored_type == "table" or (field is not None and field.table):
                bits |= WATCH | WATCH_ROWS
        if self._kept < _MAX_VERDICTS:
            self.verdicts.setdefault(sub_id, {})[stored_type] = bits
            self._kept += 1
        return bits


# Verdict bits. TYPE: block_types must look (undeclared, or a UI type the field does not take);
# CHOICES: a dropdown, its value decides; WATCH: a secret or credential-named field, a tool list
# or a table, the value decides (`_may_hide_secret`); NAMED: the secret scan judges the value
# under a secret name; OAUTH: an OAuth credential id, never searched for secrets.
TYPE, CHOICES, WATCH, NAMED, OAUTH = 1, 2, 4, 8, 16
# What a WATCH subBlock's value is asked (`_may_hide_secret`): a plain text (a secret field, or an
# undeclared one under a secret name), a tool list, a table's credential-named rows.
WATCH_TEXT, WATCH_TOOLS, WATCH_ROWS = 32, 64, 128
_NAMED_OR_OAUTH = NAMED | OAUTH
_MAX_VERDICTS = 4096
plan_for = per_spec(TypePlan)
NO_PLAN = TypePlan(None)
_NO_SUBS: dict[str, dict[str, Any]] = {}
_NO_VERDICTS: dict[str | None, int] = {}


class Facts:
    """The subBlock facts of a state's blocks, as flat records keyed by block id, in subBlock order.
    Only what is there is kept (a block missing from `tagged` has no tagged string, one missing
    from `type_suspects` flags nothing), so the common block adds no object but its tagged list.

    - `subs`: every walked block's subBlocks that are objects under string keys (the stored dict
      itself when all are)
    - `tagged`: (subBlock id, path inside its value, text) of every string holding a '<'
    - `untyped`: blocks with no subBlocks object or a subBlock that is not an object with string
      `id` and `type` under a string key (what the structure walk demands of them)
    - `odd_ids`: keys whose subBlock carries a different string `id` (ids)
    - `type_suspects`: keys the type does not declare, stored under a UI type it does not accept,
      or holding a dropdown value that is not plainly one of its options (block_types)
    - `secret_suspects`: keys a credential may hide under: secret or credential-named fields,
      tool lists, tables with rows (secrets)
    - `placeholders`: keys whose text may hold a placeholder left to fill (YOUR_SHOP,
      PHONE_FIELD_ID; block_types)
    - `misshapen`: some block is not of the JSON types the state model demands (structure)
    """

    __slots__ = (
        "misshapen",
        "odd_ids",
        "outputs",
        "pending",
        "placeholders",
        "secret_suspects",
        "subs",
        "tagged",
        "type_suspects",
        "untyped",
    )

    def __init__(self) -> None:
        self.subs: dict[str, dict[str, dict[str, Any]]] = {}
        self.tagged: dict[str, list[tuple[str, tuple[Any, ...], str]]] = {}
        self.untyped: set[str] = set()
        self.odd_ids: dict[str, list[str]] = {}
        self.type_suspects: dict[str, list[str]] = {}
        self.secret_suspects: dict[str, list[str]] = {}
        self.placeholders: dict[str, list[str]] = {}
        # (text, field) of the plain texts under no secret name still to judge for secrets: all
        # at once, when the walk ends (`scan.all_clean`).
        self.pending: list[tuple[str, str]] = []
        # Blocks with output keys stored on them (a non-empty `outputs` object).
        self.outputs: set[str] = set()
        # Whether some block, or the blocks object itself, is not what the state model demands
        # (`shape.block_typed`): then the structure rule asks the model.
        self.misshapen = False

    def typed(self, block_id: str) -> bool:
        """Whether the walk found every subBlock of the block well typed."""
        return block_id in self.subs and block_id not in self.untyped


def plain_own_keys(facts: Facts, bid: str, outputs: Any, data: Any, clean: bool) -> bool:
    """The secret scan and the remaining structure checks of a plain block's outputs and data
    (the context decides `plain`: only keys the structure check reads — `PLAIN_KEYS` — each of
    the JSON type the model demands; such a block holds text only in its name, outputs and
    data, and the context judges the name)."""
    if outputs:  # `outputs` and `data` are no secret names either
        facts.outputs.add(bid)
        if not _STR.issuperset(map(type, outputs)):
            facts.misshapen = True
        if clean and not _SCALAR_TYPES.issuperset(map(type, outputs.values())):
            clean = scan.clean_value(outputs, "outputs", False, 2)
    if data:
        if not data_typed(data):
            facts.misshapen = True
        if clean and not _SCALAR_TYPES.issuperset(map(type, data.values())):
            clean = scan.clean_value(data, "data", False, 2)
    return clean


def gather(
    facts: Facts, bid: str, block: dict[str, Any], subs: Any, plan: TypePlan, clean: bool, plain: bool
) -> bool:
    """Add the facts of block `bid` (its subBlocks `subs`, and its own keys unless the context
    found it `plain`) to `facts`; returns whether everything seen so far is still certainly free
    of secrets (`clean` in: so far; see `scan` — once a string is suspect, no other is judged)."""
    tagged: list[tuple[str, tuple[Any, ...], str]] | None = None
    clean_texts, pending = scan.CLEAN, facts.pending
    if not plain:  # walked key by key, and judged by `shape.block_typed` below
        clean = _own_keys(block, clean, pending)
        outputs = block.get("outputs")
        if isinstance(outputs, dict) and outputs:
            facts.outputs.add(bid)
        if type(subs) is not dict:
            facts.subs[bid] = _NO_SUBS
            facts.untyped.add(bid)
            facts.misshapen = True
            return clean
    facts.subs[bid] = subs
    fields, secret_ids, verdicts = plan.fields, plan.secret_ids, plan.verdicts
    filtered, typed = False, True
    value: Any
    for sub_id, sub in subs.items():
        if type(sub) is not dict or type(sub_id) is not str:
            typed = False
            if not filtered:
                facts.subs[bid] = {
                    k: v for k, v in subs.items() if isinstance(k, str) and isinstance(v, dict)
                }
                filtered = True
            if not isinstance(sub, dict):
                continue
            if not isinstance(sub_id, str):
                # Not kept for the rules; its strings are still judged for secrets.
                if clean and sub.get("type") != "oauth-input":
                    value = sub.get("value")
                    clean = scan.clean_value(
                        value, sub_id, sub_id in secret_ids or scan.secret_name(sub_id), 4
                    )
                continue
        get = sub.get
        value = get("value")
        own_id, stored_type = get("id"), get("type")
        if own_id != sub_id:
            if own_id.__class__ is not str:
                typed = False
            if isinstance(own_id, str):
                _flag(facts.odd_ids, bid, sub_id)
        if stored_type.__class__ is not str:
            typed = False
            stored_type = None  # judged as "not a string"
        # nested dicts: no key tuple to build per subBlock
        verdict = verdicts.get(sub_id, _NO_VERDICTS).get(stored_type)
        if verdict is None:
            verdict = plan.verdict(sub_id, stored_type)
        kind = type(value)
        if verdict & 7:  # something for block_types or secrets to look at
            if verdict & TYPE:
                _flag(facts.type_suspects, bid, sub_id)
            elif verdict & CHOICES and (kind is not str or value not in fields[sub_id].choices):  # type: ignore[operator]
                _flag(facts.type_suspects, bid, sub_id)  # not plainly one of the options
            # (an empty value other than '' hides nothing: no text, tool or row)
            if verdict & WATCH and (value or kind is str) and _may_hide_secret(value, verdict):
                _flag(facts.secret_suspects, bid, sub_id)
        # The context's tagging and the secret scan.
        if kind is str:
            if "<" in value:
                if tagged is None:
                    tagged = facts.tagged[bid] = []
                tagged.append((sub_id, (), value))
            if "_" in value and ("YOUR_" in value or "_FIELD_ID" in value):  # one scan for most texts
                _flag(facts.placeholders, bid, sub_id)
            # An already judged text needs no search (an OAuth credential id none at all).
            if clean:
                if verdict & _NAMED_OR_OAUTH:
                    if not verdict & OAUTH:
                        clean = scan.clean(value, sub_id, True)
                elif value not in clean_texts:
                    pending.append((value, sub_id))  # judged with the others (`scan.all_clean`)
            continue
        if kind in _SCALAR_TYPES or ((kind is list or kind is dict) and not value):
            continue  # nothing to tag, nothing that could hold a secret
        rows = scan.key_value_rows(value) if kind is list else None
        if rows is not None:  # a table as Sim stores it: its texts read directly
            for row_id, key, text in rows:
                if "<" in row_id or "<" in key or "<" in text:
                    if tagged is None:
                        tagged = facts.tagged[bid] = []
                    tagged.extend([(sub_id, inner, text) for inner, text in tagged_in(value, (), 0)])
                    break
            if clean and not verdict & OAUTH:
                clean = _clean_rows(rows, clean_texts, pending)
            continue
        if _holds_lt_serialized(value):
            if tagged is None:
                tagged = facts.tagged[bid] = []
            tagged.extend([(sub_id, inner, text) for inner, text in tagged_in(value, (), 0)])
        if clean and not verdict & OAUTH:
            clean = scan.clean_value(value, sub_id, bool(verdict & NAMED), 4)
    if not typed:
        facts.untyped.add(bid)
        facts.misshapen = True
    elif not plain and not block_typed(block, True):
        facts.misshapen = True
    return clean


def _clean_rows(
    rows: list[tuple[str, str, str]], clean_texts: set[str], pending: list[tuple[str, str]]
) -> bool:
    """`scan.clean_value` of a table's Key/Value rows (`scan.key_value_rows`), as it judges them:
    a row's id under 'id', its Value under its Key (or 'value'), named when the Key is a secret
    name; the Key itself is not judged. Unnamed texts join the others at the end of the walk."""
    for row_id, key, text in rows:
        if row_id not in clean_texts:
            pending.append((row_id, "id"))
        field = key or "value"
        if scan.secret_name(key):
            if not scan.clean(text, field, True):
                return False
        elif text not in clean_texts:
            pending.append((text, field))
    return True


def _own_keys(block: dict[str, Any], clean: bool, pending: list[tuple[str, str]]) -> bool:
    """The secret scan of a block's own keys, one by one (a block that is not plain)."""
    names, clean_texts = scan.NAMES, scan.CLEAN
    for key, item in block.items():
        kind = type(item)
        if kind in _SCALAR_TYPES or (kind is dict and key == "subBlocks"):
            continue
        if not clean:
            break
        if kind is str:  # id, type, name, parentId, ...: most are short or already judged
            if key == "id" or key == "type":
                continue
            named = names.get(key)
            if named is None:
                named = scan.secret_name(key)
            if not named:
                if len(item) >= 8 and item not in clean_texts:
                    pending.append((item, key))  # judged with the others (`scan.all_clean`)
                continue
            clean = scan.clean_value(item, key, named, 2)
            continue
        if kind is dict and _SCALAR_TYPES.issuperset(map(type, item.values())):
            continue  # position, {} outputs: numbers only
        if key == "id" or key == "type":
            continue
        named = names.get(key)
        if named is None:
            named = scan.secret_name(key)
        clean = scan.clean_value(item, key, named, 2)
    return clean


def _flag(flagged: dict[str, list[str]], bid: str, sub_id: str) -> None:
    """Add `sub_id` to the block's list in one of the records (made on its first flag)."""
    found = flagged.get(bid)
    if found is None:
        flagged[bid] = [sub_id]
    else:
        found.append(sub_id)


def _may_hide_secret(value: Any, verdict: int) -> bool:
    """Whether the secrets rule's by-name checks could find something in a WATCH subBlock: a
    plain-text value in a secret or credential-named field, a tool list (its params), a table
    row whose credential-named key holds a plain-text value (`scan.plaintext` decides, as the
    rule's checks do). Which of these the subBlock is was decided with its verdict."""
    if verdict & WATCH_TEXT and scan.plaintext(value):
        return True
    kind = type(value)
    if verdict & WATCH_TOOLS and (kind is str or (kind is list and value)):
        return True
    if verdict & WATCH_ROWS and kind is list:
        for row in value:  # the rule's `_check_rows`
            cells = row.get("cells") if isinstance(row, dict) else None
            if (
                isinstance(cells, dict)
                and scan.secret_name(cells.get("Key"))
                and scan.plaintext(cells.get("Value"))
            ):
                return True
    return False


def _holds_lt_serialized(value: Any) -> bool:
    """`holds_lt`, asked of the value's JSON text (orjson, in C: a header table or tool list is
    serialized faster than Python walks it). orjson writes '<' as itself, so no '<' in the text
    means none in any string; a '<' in a key or past the depth limit only sends the value to
    `tagged_in`, which finds nothing there. What orjson cannot serialize is walked."""
    try:
        return b"<" in orjson.dumps(value)
    except (orjson.JSONEncodeError, TypeError):
        return holds_lt(value, 0)


def holds_lt(value: Any, depth: int) -> bool:
    """Whether `tagged_in` finds anything: a string holding '<' where it looks. No paths are
    built, so the common nested value without one (header rows, tool lists) is one cheap walk."""
    if type(value) is str or isinstance(value, str):
        return "<" in value
    if depth >= 64:
        return False
    if isinstance(value, dict):
        value = value.values()
    elif not isinstance(value, (list, tuple)):
        return False
    return any(isinstance(item, (str, dict, list, tuple)) and holds_lt(item, depth + 1) for item in value)


def tagged_in(value: Any, path: tuple[Any, ...], depth: int) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(path inside `value`, text) of the strings holding a '<', in document order."""
    if isinstance(value, str):
        if "<" in value:
            yield path, value
    elif isinstance(value, dict):
        if depth < 64:
            for key, item in value.items():
                if isinstance(item, (str, dict, list, tuple)):
                    yield from tagged_in(item, (*path, key), depth + 1)
    elif isinstance(value, (list, tuple)) and depth < 64:
        for index, item in enumerate(value):
            if isinstance(item, (str, dict, list, tuple)):
                yield from tagged_in(item, (*path, index), depth + 1)
