"""Which services the planner can reach, read from data: the block registry plus `services.json`.

Every JUL25 tool block is an integration: its name (and the aliases in `services.json`) names it,
each operation reads or writes (from its label's verb, or the data), handles some objects
('issues', 'events') and puts its main result somewhere in the block's output. Services Sim JUL25
has no block for (HubSpot, Zendesk, Sentry …) are HTTP requests to their real endpoints.
Adding an integration is adding data: a registry file, or an entry here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

from lib.generation import rx as re
from lib.sim.names import normalize_name

_FILE = Path(__file__).with_name("services.json")
# Fields that carry the message or body an action writes, in order of preference.
_TEXT_FIELDS = (
    "text",
    "content",
    "body",
    "message",
    "data",
    "records",
    "values",
    "thought",
    "prompt",
    "task",
)
_QUERY_FIELDS = ("query", "q", "searchQuery")
_NOT_INTEGRATIONS = {
    "agent",
    "api",
    "condition",
    "function",
    "router",
    "response",
    "starter",
    "loop",
    "parallel",
}


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    return json.loads(_FILE.read_text(encoding="utf-8"))


def _mode_of(label: str) -> str | None:
    low = label.lower()
    for word in sorted(data()["write_verbs"], key=len, reverse=True):
        if low.startswith(word):
            return "write"
    for word in sorted(data()["read_verbs"], key=len, reverse=True):
        if low.startswith(word):
            return "read"
    return None


def _objects_of(label: str) -> list[str]:
    words = re.findall(r"[a-z]+", label.lower())[1:]
    return [w for w in words if w not in ("a", "an", "the", "with", "to", "of", "from", "data", "new")]


@lru_cache(maxsize=1)
def operations() -> dict[str, dict[str, dict[str, Any]]]:
    """block type → operation id → {mode, objects, result, required}: registry facts + data overrides."""
    from lib.sim.registry import all_blocks

    out: dict[str, dict[str, dict[str, Any]]] = {}
    for spec in all_blocks().values():
        if spec.era != "jul25" or spec.type in _NOT_INTEGRATIONS or spec.category == "triggers":
            continue
        extra = data()["blocks"].get(spec.type, {})
        ops: dict[str, dict[str, Any]] = {}
        if spec.operations:
            for op_id, op in spec.operations.items():
                given = extra.get("operations", {}).get(op_id, {})
                ops[op_id] = {
                    "mode": given.get("mode") or _mode_of(op.label or op_id) or "read",
                    "objects": given.get("objects") or _objects_of(op.label or op_id),
                    "result": given.get("result"),
                    "fields": given.get("fields", {}),
                    "required": list(op.required),
                    "link": given.get("link"),  # where the output holds the URL of what the write made
                }
        else:
            tool = spec.tools[0] if spec.tools else spec.type
            mode = extra.get("mode") or _mode_of(tool.split("_", 1)[-1].replace("_", " ")) or "read"
            required = [s.id for s in spec.emit_sub_blocks if s.required]
            ops[""] = {"mode": mode, "objects": [], "result": extra.get("result"), "required": required}
        out[spec.type] = ops
    return out


def result_path(block_type: str, operation: str | None) -> str | None:
    """Where the main data of `operation` lives in the block's output ('' = the whole output)."""
    ops = operations().get(block_type, {})
    op = ops.get(operation or "") or (ops.get("") if not operation else None)
    if op is not None and op.get("result") is not None:
        return op["result"]
    given = data()["blocks"].get(block_type, {}).get("result")
    if given is not None:
        return given
    from lib.sim.registry import get_block

    spec = get_block(block_type)
    declared = spec.operations[operation].outputs if spec and operation in spec.operations else None
    if declared == "list":  # the tool returns the list itself
        return ""
    if isinstance(declared, list) and declared:  # what this operation really returns (registry)
        return next((k for k in MAIN_OUTPUTS if k in declared), declared[0])
    return None


# Free-text fields a write operation without a message field in the data may carry the data in.
_FREE_TEXT_FIELDS = ("content", "description", "body", "text", "message", "notes")
# Fields that take rows (a JSON array of arrays): the text goes in as one row of one cell.
_ROW_FIELDS = ("values", "rows")


def _shown(sub: Any, operation: str | None) -> bool:
    """Whether a sub-block is shown for `operation` (its registry condition on the operation field)."""
    cond = getattr(sub, "condition", None)
    if not isinstance(cond, dict) or cond.get("field") != "operation":
        return True
    values = cond.get("value")
    hit = operation in values if isinstance(values, list) else operation == values
    return hit != bool(cond.get("not"))


def text_field(block_type: str, operation: str | None) -> tuple[str, bool] | None:
    """The field a write operation carries its free text in ('content', 'description', …) and whether it
    takes rows ('values': a JSON array of arrays), read from the registry's sub-blocks shown for that
    operation; None when it has none."""
    from lib.sim.registry import get_block

    spec = get_block(block_type)
    if spec is None:
        return None
    for name in _FREE_TEXT_FIELDS + _ROW_FIELDS:
        sub = spec.sub_block(name)
        if sub is not None and _shown(sub, operation):
            return name, name in _ROW_FIELDS
    return None


def lookup_filter(block_type: str, operation: str | None) -> dict[str, str] | None:
    """{field, value}: how `operation` finds the one record the run's input names (services.json 'lookup')."""
    given = data()["blocks"].get(block_type, {}).get("operations", {}).get(operation or "", {}).get("lookup")
    return dict(given) if isinstance(given, dict) else None


def link_path(block_type: str, operation: str | None) -> str | None:
    """Where what a write created says its address (URL): services.json's 'link', else the operation's
    declared outputs ('url', or the 'metadata' object). A field inside a returned object is never
    guessed: Sim's tools shape each object their own way (X's tweet, Slack's channel id and Discord's
    message hold no URL; a Drive file's is `webViewLink`), and a path that is not there stops the run."""
    given = data()["blocks"].get(block_type, {}).get("operations", {}).get(operation or "", {}).get("link")
    if given is not None:
        return str(given) if given else None  # false: what it returns holds no address
    declared = _declared_outputs(block_type, operation)
    for key in ("url", "link", "htmlUrl", "webViewLink", "permalink"):
        if key in declared:
            return key
    if "metadata" in declared:  # the whole object: it holds the address when the service returns one
        return "metadata"
    return None


def window_fields(block_type: str, operation: str | None) -> tuple[str, str] | None:
    """(start field, end field) of a read that takes a time window (services.json 'window'), else None."""
    given = data()["blocks"].get(block_type, {}).get("operations", {}).get(operation or "", {}).get("window")
    return (str(given["from"]), str(given["to"])) if given else None


def file_fields(block_type: str, operation: str | None) -> tuple[str, str] | None:
    """(name field, content field) of an operation that stores a file (services.json 'file'), else None."""
    given = data()["blocks"].get(block_type, {}).get("operations", {}).get(operation or "", {}).get("file")
    return (str(given["name"]), str(given["content"])) if given else None


def made_object(block_type: str, operation: str | None) -> str | None:
    """The one object a write returns ('issue'), for a message about it when it holds no address."""
    objects = [
        k
        for k in _declared_outputs(block_type, operation)
        if k not in ("ts", "success", "status", "message", "error")
    ]
    return objects[0] if len(objects) == 1 else None


def made_id(block_type: str, operation: str | None) -> str | None:
    """The output a write returns its new record's identifier in ('issueKey', 'id'), when it declares one
    (services.json 'id': a path inside the output — Airtable's create returns the records it made)."""
    given = data()["blocks"].get(block_type, {}).get("operations", {}).get(operation or "", {}).get("id")
    if given:
        return str(given)
    return next(
        (k for k in _declared_outputs(block_type, operation) if re.search(r"(?:key|id)$", k, re.I)), None
    )


def _declared_outputs(block_type: str, operation: str | None) -> list[str]:
    """The output keys the registry declares for `operation` ([] when it declares none or a list)."""
    from lib.sim.registry import get_block

    spec = get_block(block_type)
    op = spec.operations.get(operation or "") if spec and spec.operations else None
    return op.outputs if op is not None and isinstance(op.outputs, list) else []


# Output keys that hold a list of items (what a loop can repeat over).
_LIST_KEYS = {
    "messages",
    "issues",
    "records",
    "tweets",
    "results",
    "items",
    "posts",
    "comments",
    "files",
    "searchResults",
    "matches",
    "memories",
    "contacts",
    "tasks",
    "notes",
    "pages",
    "sources",
    "events",
}
# The output that holds a block's main result, in order of preference, when the data names none.
MAIN_OUTPUTS = (
    "content",
    "data",
    "results",
    "items",
    "searchResults",
    "messages",
    "records",
    "issues",
    "tweets",
    "posts",
    "result",
    "answer",
    "output",
)


def list_path(block_type: str, operation: str | None, integration: str | None = None) -> str | None:
    """Where the list of items of a read lives ('' = the whole output), or None when it returns no list."""
    known = data()["blocks"].get(block_type, {}).get("operations", {})
    op = operations().get(block_type, {}).get(operation or "", {})
    if not operation and len(known) == 1 and op.get("result") is None:
        op = next(
            iter(known.values())
        )  # a block with no operation field (YouTube's search) does its one thing
    listed = (known.get(operation or "") or op).get("list")
    if listed is not None:
        return listed
    if block_type == "api":
        facts = external().get(integration or "", {})
        return facts.get("result", "data")
    path = op.get("result") if op.get("result") is not None else result_path(block_type, operation)
    if path is None:
        return None
    return path if path == "" or path.split(".")[-1] in _LIST_KEYS else None


def aliases(block_type: str) -> list[str]:
    from lib.sim.registry import get_block

    spec = get_block(block_type)
    given = data()["blocks"].get(block_type, {}).get("aliases")
    if given is not None:  # the data's list is complete (a name like 'Workflow' or 'File' names nothing)
        return list(given)
    return [spec.name.lower()] if spec else []


def derived_integrations(known: dict[str, Any]) -> dict[str, Any]:
    """Lexicon-shaped entries for every JUL25 tool block the hand-written lexicon does not list."""
    from lib.secrets.detect import env_name
    from lib.sim.registry import get_block

    search_types: set[str] = set()
    out: dict[str, Any] = {}
    for block_type, ops in operations().items():
        if block_type in known or block_type in search_types:
            continue
        spec = get_block(block_type)
        if spec is None:
            continue
        entry: dict[str, Any] = {
            "type": block_type,
            "phrases": aliases(block_type),
            "values": dict(data()["blocks"].get(block_type, {}).get("values", {})),
            "target": "none",
            "derived": True,
            "query_from_data": bool(data()["blocks"].get(block_type, {}).get("query_from_data")),
        }
        if data()["blocks"].get(block_type, {}).get("named_by"):
            entry["named_by"] = data()["blocks"][block_type]["named_by"]
        for mode in ("read", "write"):
            # the default operation of a mode: the first one the data describes, else the registry's first
            listed = data()["blocks"].get(block_type, {}).get("operations", {})
            op_id = next((k for k in listed if k in ops and ops[k]["mode"] == mode), None)
            op_id = op_id or next((k for k, op in ops.items() if op["mode"] == mode), None)
            if op_id is None:
                continue
            op = ops[op_id]
            fields = {s.id for s in spec.emit_sub_blocks}
            mode_entry: dict[str, Any] = {}
            if op_id:
                mode_entry["operation"] = op_id
            text = data()["blocks"].get(block_type, {}).get("text") or next(
                (f for f in _TEXT_FIELDS if f in op["required"] or (f in fields and not op["required"])), None
            )
            if mode == "write" and text:
                mode_entry["text"] = text
                shape = data()["blocks"].get(block_type, {}).get("text_shape")
                if shape is not None:  # the JSON the field takes (Pinecone's records: an id and the text)
                    mode_entry["text_shape"] = shape
                elif text in _ROW_FIELDS:  # Excel's 'values' is parsed as a JSON array of rows, as Sheets'
                    mode_entry["text_shape"] = [["{prev}"]]
            if mode == "write" and data()["blocks"].get(block_type, {}).get("title"):
                mode_entry["title"] = data()["blocks"][block_type]["title"]
            query = data()["blocks"].get(block_type, {}).get("query") or next(
                (f for f in _QUERY_FIELDS if f in op["required"]), None
            )
            if mode == "read" and query:
                mode_entry["query"] = query
            if data()["blocks"].get(block_type, {}).get("instruction"):
                mode_entry["instruction"] = data()["blocks"][block_type]["instruction"]
            entry[mode] = mode_entry
        # a secret only as a variable, one the user sets once: the API key, and every credential the block always
        # needs (S3's access key pair, Clay's token) — left empty, Sim stops the run before the tool is called
        for sub in spec.emit_sub_blocks:
            needed = sub.id == "apiKey" or sub.secret and sub.required and sub.condition is None
            if needed and sub.id not in entry["values"]:
                entry["values"][sub.id] = "{{" + env_name(block_type, sub.id) + "}}"
        mode = data()["blocks"].get(block_type, {}).get("mode")
        if mode == "process":
            entry["process"] = True
            entry.setdefault("write", {"text": data()["blocks"][block_type].get("text", "")})
        out[block_type] = entry
    return out


def external() -> dict[str, Any]:
    return data()["external"]


def external_in(text: str) -> list[tuple[int, str]]:
    """(position, key) of services without a JUL25 block named in `text`. An e-mail address names where a message
    goes, not a service to call ('forward it to tickets@acme.zendesk.com'): blanked, so positions hold."""
    from lib.generation.lexicon import EMAIL_RE

    low = EMAIL_RE.sub(lambda m: " " * len(m.group(0)), text.lower())
    hits = []
    for key, entry in external().items():
        found = [
            m.start()
            for a in entry["aliases"]
            if a in low  # (a substring test first: most services are absent)
            # not part of a channel's or a hyphenated name ('#stripe-alerts', 'sentry-noise'; 'OpenWeatherMap-API' is it)
            for m in [re.search(r"(?<![#\w-])" + re.escape(a) + r"\b(?!-(?!api\b)\w)", low)]
            if m
        ]
        # a name that is also a common word ('greenhouse', 'square', 'canvas') names the service only
        # beside a word of what it holds ('candidates', 'sales', 'course')
        # … or beside its API ('from square (their api)', 'via the Square API', "Canvas's API")
        if found and (
            not entry.get("context")
            or re.search(entry["context"], low)
            or any(
                re.search(
                    r"(?<![#\w-])" + re.escape(a) + r"(?:'s)?\s*(?:\(\s*(?:via\s+|through\s+|using\s+)?"
                    r"(?:their|its|the)\s+)?(?:rest\s+)?api\b",
                    low,
                )
                for a in entry["aliases"]
            )
        ):
            hits.append((min(found), key))
    return sorted(hits)


# the fields every entry of services.json 'webhook_bodies' may give a path for
FIELDS = ("email", "name", "phone", "amount", "items", "id", "number", "status", "date", "link")
# the service whose body the generic webhook of the workflow being planned receives (`webhook_body`)
_BODY: ContextVar[str | None] = ContextVar("webhook_body", default=None)


def webhook_bodies() -> dict[str, Any]:
    """Services with no JUL25 trigger, and where the body they POST to a generic webhook holds each common field
    (services.json 'webhook_bodies')."""
    return data()["webhook_bodies"]


def body_service(head: str, text: str) -> str | None:
    """The service whose event a generic webhook receives: the one the trigger's words name ('when a Shopify order
    comes in'), else the only one the whole text names."""
    bodies = webhook_bodies()
    for where in (head, text):
        named = sorted(
            (found.start(), key)
            for key, entry in bodies.items()
            for found in [re.search(entry["words"], where, re.I)]
            if found
        )
        if named and (where is head or len(named) == 1):
            return named[0][1]
    return None


@contextmanager
def webhook_body(service: str | None) -> Iterator[None]:
    """While planning one workflow: the generic webhook's body is `service`'s (`webhook_paths` reads its fields)."""
    token = _BODY.set(service)
    try:
        yield
    finally:
        _BODY.reset(token)


def _body_paths(hook: dict[str, Any]) -> dict[str, Any]:
    """The generic webhook's paths when the service that POSTs to it is known: its address and number where the
    service puts them (the whole body, for a function to find them in, when they have no fixed place), its amount's
    scale, and its fields as the event's."""
    service = _BODY.get()
    entry = webhook_bodies().get(service or "")
    if entry is None:
        return hook
    fields = entry["fields"]
    body = hook["data"]
    hook = {
        **hook,
        "service": service,
        **({"amount_scale": entry["amount_scale"]} if "amount_scale" in entry else {}),
    }
    for key, field in (("sender", "email"), ("phone", "phone")):
        path = fields.get(field, "find")
        hook[key] = body if path == "find" else f"{body}.{path}"
    hook["fields"] = {"_event": {k: v for k, v in fields.items() if v != "find"}}
    return hook


def webhook_paths(provider: str) -> dict[str, Any]:
    """Where the provider's event puts its data (services.json 'webhooks'); a person's address kept in a record the
    event names only by id ('@record.Email') is given as the path under the block that fetches it. A generic
    webhook a known service POSTs to reads that service's fields (`webhook_body`)."""
    hooks = data()["webhooks"]
    hook = {**hooks["_default"], **hooks.get(provider, {})}
    if provider == "generic":
        hook = _body_paths(hook)
    for key in ("sender", "phone", "user"):
        if str(hook.get(key, "")).startswith("@"):
            hook[key] = _record_path(hook, hook[key])
    return hook


def _record_path(hook: dict[str, Any], path: str) -> str:
    record, _, field = path[1:].partition(".")
    entry = hook["lookups"][record]
    return f"{normalize_name(entry['name'])}.{entry.get('output', 'data')}.{field}"


def event_object(provider: str, head: str, nouns: Any) -> str | None:
    """Which of `nouns` (objects a provider's event is about: 'pull request', 'issue', 'invoice') the trigger's
    words name first; a noun's other names are its `object_words` ('PR' for a pull request)."""
    words = webhook_paths(provider).get("object_words", {})
    named = sorted(
        (found.start(), noun)
        for noun in nouns
        if noun != "_event"
        for found in [re.search(words[noun], head) if noun in words else None]
        + [re.search(re.escape(noun), head)]
        if found
    )
    return named[0][1] if named else None


def event_fields(provider: str, head: str) -> dict[str, str]:
    """Field name → path of the provider's event ('title' → `<…pull_request.title>`): its `fields` for the
    object the trigger's words name first ('a pull request is opened', 'an invoice payment fails'), over
    the fields every event of it has (`_event`). A field not listed is not guessed: the message then
    carries the event as it came."""
    hook = webhook_paths(provider)
    table = hook.get("fields") or {}
    noun = event_object(provider, head, table)
    fields = {**table.get("_event", {}), **(table[noun] if noun else {})}
    return {name: lookup_path(provider, path) for name, path in fields.items()}


def lookup_path(provider: str, path: str) -> str:
    """An event field's path as services.json writes it ('amount_due', '@customer.email') → the reference path:
    under the event's object, or under the output of the request that fetches the record the event holds only
    the id of (`lookups`, built by `event_records`)."""
    hook = webhook_paths(provider)
    if path.startswith("@"):
        return _record_path(hook, path)
    return f"{hook['data']}.{path}"


def body_as_sent(provider: str) -> bool:
    """Whether Sim passes this provider's webhook body on as it was sent (under `webhook.data.payload`,
    any field may be there); WhatsApp, Telegram, Teams, Gmail and Airtable events are reshaped into
    fixed fields, so a path invented under them stops the run."""
    return str(webhook_paths(provider)["data"]).startswith("start.webhook.data.payload")


def item_contact(block_type: str, integration: str | None) -> tuple[str, str, str]:
    """Where one item of a fetched list holds an e-mail address, a phone number and its creation time."""
    facts = (
        external()[integration]
        if block_type == "api" and integration in external()
        else data()["blocks"].get(block_type, {})
    )
    return (
        facts.get("item_email", "email"),
        facts.get("item_phone", "phone"),
        facts.get("item_created", "created_at"),
    )


def item_url(block_type: str, integration: str | None) -> str | None:
    """Where one item of a fetched list holds its address (a Drive file's `webContentLink`, a search result's
    `url`), for a step that reads each item's page or file; None: the item is the address, or not known."""
    return _item_fact(block_type, integration, "item_url")


def item_holder(block_type: str, integration: str | None) -> str | None:
    """What holds the other fields of one item of a fetched list, when the data says (an Outlook message's
    address is under `from`, its subject is its own: ''); None: told by where the item holds its address."""
    return _item_fact(block_type, integration, "item_holder")


def _item_fact(block_type: str, integration: str | None, key: str) -> str | None:
    """A fact about the items a block (or, for an `api` block, the service it calls) returns, from services.json."""
    facts = (
        external()[integration]
        if block_type == "api" and integration in external()
        else data()["blocks"].get(block_type, {})
    )
    found = facts.get(key)
    return found if isinstance(found, str) else None


def extra_required(block_type: str) -> list[str]:
    """Fields a block needs to do anything useful that Sim JUL25 does not mark required
    (a knowledge search without a knowledge base finds nothing)."""
    return list(data()["blocks"].get(block_type, {}).get("required", []))


# Words of a field's title that say how it is given, not what it names ('Select Sheet', 'Parent Folder ID').
_TITLE_NOISE = {"id", "ids", "name", "select", "parent", "manual", "the", "e", "g"}


def resource_fields(block_type: str, operation: str | None) -> list[tuple[str, tuple[str, ...], str]]:
    """(field, nouns that name it, the selector it stands for) per field of `operation` that holds a named
    resource — a sheet, a table, a channel, a folder …: a text field or selector shown for that operation (a
    selector through its manual counterpart) whose title's last noun is one of services.json's
    'resource_nouns' (with that entry's synonyms); a block's 'resources' in the data replaces what its titles
    say. The block's 'resource' field comes first: a name written right after the service ('Supabase
    'orders'') is its."""
    from lib.sim.registry import get_block

    spec = get_block(block_type)
    if spec is None:
        return []
    facts = data()["blocks"].get(block_type, {})
    nouns: dict[str, list[str]] = data()["resource_nouns"]
    given = facts.get("resources")
    found: dict[str, tuple[str, tuple[str, ...], str]] = {}  # field → entry, one per field
    for sub in spec.emit_sub_blocks:
        if not _shown(sub, operation) or sub.type in ("long-input", "code", "table", "switch", "dropdown"):
            continue
        manual = spec.sub_block("manual" + sub.id[:1].upper() + sub.id[1:])
        field_id = manual.id if manual is not None and sub.type != "short-input" else sub.id
        if given is not None:
            named = given.get(sub.id) or given.get(field_id)
        else:
            words = [
                w
                # ('Results Per Page' counts; it names no page)
                for w in re.findall(r"[a-z]+", re.sub(r"\(.*?\)|\bper\s+\w+", "", (sub.title or "").lower()))
                if w not in _TITLE_NOISE
            ]
            noun = " ".join(words[-2:]) if " ".join(words[-2:]) in nouns else (words[-1] if words else "")
            named = nouns.get(noun)
        if named and field_id not in found:
            found[field_id] = (field_id, tuple(named), sub.id)
    # a selector and the manual field beside it ('Select Parent Folder', 'Parent Folder ID') name one thing
    typed = {f: getattr(spec.sub_block(f), "type", "") for f in found}
    out = [
        f
        for f in found.values()
        if typed[f[0]] == "short-input"
        or not any(g[1] == f[1] and typed[g[0]] == "short-input" for g in found.values())
    ]
    first = facts.get("resource")
    return sorted(out, key=lambda f: f[0] != first)


def tab_range(block_type: str, tab: str) -> str:
    """The range that reads or writes the whole tab `tab` of a workbook: the block's 'tab_range' form (Excel's
    executor wants 'Sheet!A1:B2'), else the tab's name alone (a Google Sheets range may be just that)."""
    return str(data()["blocks"].get(block_type, {}).get("tab_range", "{tab}")).replace("{tab}", tab)


def resource_after_name(block_type: str) -> str | None:
    """The field a name written right after the service's own name fills ('Airtable 'Rates'', 'Jira OPS')."""
    found = data()["blocks"].get(block_type, {}).get("resource")
    return str(found) if found else None


# A capitalised name that is not a bare acronym ('Mindbody', 'ShipBob', 'Jotform'; not 'CRM'), not quoted; a
# possessive only before 'API' ("Ramp's API").
_NAME = re.compile(
    r"(?<![\w'\"“‘’#@./-])((?-i:[A-Z])[A-Za-z0-9]*[a-z][A-Za-z0-9]*)"
    r"(?!(?!['’]s\s+(?i:(?:(?:public|rest|open|v\d+)\s+)?api)\b)[\w'\"”’@/-]|\.\w)"
)


_OWN_API = re.compile(
    r"(?<![\w'\"“‘’#@./-])([A-Za-z][A-Za-z0-9]{2,})(?=\s*\(\s*(?:via\s+|through\s+|using\s+)?(?:their|its)\s+api\s*\)"
    r"|\s+(?:via|through|using)\s+(?:their|its)\s+api\b)",
    re.I,
)


def google_api(clause: str) -> tuple[str, str] | None:
    """('Google Places', its address) for 'the Google Places API', 'via de Google Places API': Google's own APIs live
    at https://<product>.googleapis.com, those services.json knows ('unnamed' 'google') at the address it gives."""
    said = re.search(
        r"\bgoogle\s+((?:[a-z]+\s+){0,2}?[a-z]+)(?:['’]s)?\s+(?:rest\s+|web\s+)?api\b", clause, re.I
    )
    if said is None:
        return None
    product = said.group(1).lower()
    if product in (
        "cloud",
        "the",
        "my",
        "our",
        "their",
        "its",
        "sheets",
        "drive",
        "docs",
        "calendar",
        "gmail",
    ):
        return None  # a Sim block's service, or no product named
    known = data()["unnamed"]["google"]
    url = known.get(product) or f"https://{re.sub(r'[^a-z0-9]', '', product)}.googleapis.com"
    return "Google " + said.group(1), url


def known_host(name: str) -> str | None:
    """The API base of a service without a block that services.json ('hosts') or lexicon.json ('named_apis')
    knows by name, else None."""
    from lib.generation.lexicon import lexicon

    key = re.sub(r"[^a-z0-9]", "", name.lower())
    named = lexicon().get("named_apis", {}).get(key)
    return data()["unnamed"]["hosts"].get(key) or (named["base"] if named else None)


def unnamed_in(clause: str, description: str = "") -> list[tuple[int, str, str]]:
    """(position, name, how it is named) of services the planner has no data for, recognised by where the name
    stands: after 'from/in/into/via/through' with nothing after it or a word of a system the user has
    ('from our Mindbody account', 'from Clockify,', 'in Brevo with …') — 'from', 'in'; after a verb that
    searches, before 'for' ('check Skubana for …') — 'check'; before 'API' ('the Yelp API', 'Yelp (their
    Fusion API)') — 'api'. A name after 'the' is a resource ('the Roadmap board'), and a word the description
    also writes in small letters is a common word, never a service."""
    from lib.generation.lexicon import integrations_in, lexicon

    facts = data()["unnamed"]
    owned = "|".join(re.escape(w) for w in facts["owned"])
    holds = "|".join(re.escape(w) for w in facts["holds"])
    words = lexicon()
    never = (
        {w.lower() for w in facts["not_names"]}
        | {w.lower() for key in ("languages", "acronyms", "timezones") for w in words.get(key, [])}
        | set(facts["owned"])
        # ('Read API call with name and email.': a verb that opens a line, capitalised, is no service's name)
        | {w for key in ("read_verbs", "write_verbs") for w in data()[key] if " " not in w}
    )  # 'the store's Admin API': a word of what a service has, not its name
    out = []
    for m in _NAME.finditer(clause):
        name, before, after = m.group(1), clause[: m.start()], clause[m.end() :]
        low = name.lower()
        said_before = re.search(r"([\w'’]+)\s+$", before)
        if (
            low in never
            or integrations_in(name)
            # 'our Drive', 'my Drive': the name with the word before it is a service's alias
            or said_before is not None
            and integrations_in(f"{said_before.group(1)} {name}")
            or external_in(name)
            or low in words.get("apis", {})
            # 'the SendGrid API' is that API's own call ('check SendGrid's bounce list' is read below)
            or low in words.get("named_apis", {})
            and re.search(r"\bapi\b", clause, re.I)
            or low in words.get("search", {})
            # (not inside a host: 'their API (openapi.etsy.com)' still names Etsy)
            or re.search(r"(?<![\w.-])" + re.escape(low) + r"(?![\w-]|\.\w)", description or clause)
        ):
            continue
        how = None
        if re.match(
            r"(?:['’]s)?\s+(?:(?:" + owned + r")\s+)?(?:public\s+|rest\s+|open\s+|v\d+\s+)?api\b"
            r"|\s*\((?:their|its|the)\b[^)]*\bapi\b"
            # 'bookings from Fresha via their API', 'Fresha (through their API)'
            r"|\s*\(?\s*(?:via|through|using|with)\s+(?:their|its|the)\s+(?:[\w-]+\s+)?api\b",
            after,
            re.I,
        ) or re.search(
            # 'the API of our Tiendanube store', 'the API of our store Nuvemshop' (a Romance language's word order)
            r"\bapi\s+(?:of|from|for)\s+(?:the\s+)?(?:(?:our|my|their)\s+)?(?:(?:" + owned + r")\s+)?$",
            before,
            re.I,
        ):
            # not an API's own name after its service ('the PagerDuty Events API', 'Yelp (their Fusion API)')
            if not re.search(r"(?-i:[A-Z])[\w-]*(?:['’]s)?\s+$|\([^)]*$", before):
                how = "api"
        elif re.search(r"\b(?:check|poll|query|search|scan)\s+$", before, re.I) and re.match(
            r"\s+for\b", after, re.I
        ):
            how = "check"
        elif re.search(
            r"(?:\b(?:our|my|your|their|an?|each|every|new)|\w['’]s)\s+$", before, re.I
        ) and re.match(r"\s+(?:[a-z][\w-]*\s+)?(?:" + holds + r")(?:s|es)?\b", after):
            # 'yesterday's Chargebee invoices', 'our Brex balance', 'an Opsgenie alert': the name of what a
            # service keeps, read or written as the clause's verb says
            how = "of"
        else:
            prep = re.search(r"\b(from|in|into|via|through|to)\s+(our\s+|my\s+)?$", before, re.I)
            has = re.match(r"\s+(?:[a-z][\w-]*\s+){0,2}?(?:" + owned + r")\b", after)
            # '… from Ashby who applied today', '… in Pleo — anything over …', '… in Shippo and write …'
            ended = re.match(
                r"\s*(?:$|[,.;:!?(—–→]|-+>?\s|(?:and|then|for|with|every|each|whose)\b|"
                # 'candidates from Lever who haven't heard …', not 'leads from Maria who sends them …' (a singular
                # verb after 'who': the name is its subject, a person)
                r"(?:who|that|which|where)\b(?!\s+(?:is|was|has|does|\w+[^s\W]s)\b))",
                after,
            )
            if (
                prep
                and prep.group(1).lower() == "to"
                and not re.search(
                    # 'publish it to Contentful', 'add them to Attio' — never 'send it to Maria'
                    r"\b(?:publish|push|sync|upload|export|add|post)(?:s|es|ed|ing)?\b(?:(?!\b(?:and|then)\b)[^,;.])*$",
                    before,
                    re.I,
                )
            ):
                prep = None
            # 'the report from Maria': a bare name read from must be where things (plural) come from
            things = prep and (
                prep.group(2)
                or has
                or prep.group(1).lower() in ("in", "into", "to")
                or any(
                    re.search(r"\b" + re.escape(n) + r"\b", before, re.I) for n in words.get("item_nouns", [])
                )
                or re.search(r"\b[a-z]{3,}(?<!s)s\s+(?:from|via|through)\s+$", before)
                # 'pull the staff roster from Homebase', 'export the payroll summary from Paychex': what a system
                # gives, taken by a verb people use of systems
                or re.search(
                    r"\b(?:pull|export|download|fetch|extract|sync|import|scrape)(?:s|es|ed|ing)?\b[^,;.]*?\s"
                    r"(?:from|out\s+of)\s+(?:our\s+|my\s+)?$",
                    before,
                    re.I,
                )
                # 'someone books a demo through Calendly', 'a client signs up via Kajabi': what is done there
                or re.search(
                    r"\b(?:books?|buys?|pays?|orders?|signs?\s+up|registers?|subscribes?|donates?|enrolls?)\b"
                    r"[^,;.]{0,40}\s(?:via|through|on|in)\s+$",
                    before,
                    re.I,
                )
            )
            if prep and (has or ended) and things:
                how = prep.group(1).lower()
            elif known_host(low):
                # a service services.json knows by its API host is one wherever a verb's object names it ('pull
                # next week's job list from Jobber', 'check our UptimeRobot monitors', 'the ClickUp list …')
                how = prep.group(1).lower() if prep else "of"
        if how:
            out.append((m.start(), name, how))
    # 'pull this week's tips from fresha (their api)': a name written in small letters is a service's too when
    # 'their/its API' follows it
    for m in _OWN_API.finditer(clause):
        name = m.group(1)
        # (the name a place: 'from fresha (their api)', 'in Pipedrive via their API'; not 'send them via their API')
        placed = re.search(
            r"\b(?:from|in|into|to|on|at|with|of|for)\s+(?:our\s+|my\s+)?$", clause[: m.start()], re.I
        )
        if placed and not (
            name.lower() in never
            or name.lower()
            in ("them", "it", "this", "that", "these", "those", "him", "her", "us", "everything", "all")
            or any(at == m.start() for at, _, _ in out)
            or integrations_in(name)
            or external_in(name)
            or name.lower() in words.get("apis", {})
        ):
            out.append((m.start(), name, "api"))
    # 'check my etsy shop every 30 min thru their api': a service services.json knows by its API host, written in
    # small letters with words between it and the 'their/its API' that calls it
    called = re.search(r"\b(?:via|through|using|with|from)\s+(?:their|its)\s+api\b", clause, re.I)
    if called:
        hosts = "|".join(re.escape(k) for k in sorted(facts["hosts"], key=len, reverse=True))
        for m in re.finditer(r"(?<![\w'\"“‘’#@./-])(" + hosts + r")(?![\w'’@/-]|\.\w)", clause, re.I):
            if (
                m.start() < called.start()
                and not any(n.lower() == m.group(1).lower() for _, n, _ in out)
                and m.group(1).lower() not in never
            ):
                out.append((m.start(), m.group(1), "api"))
    return sorted(out)
