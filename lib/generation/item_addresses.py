"""Each item's address found by a function block, not read from one guessed field.

"Email each customer" over a fetched list puts the customer's address in `to` as a field of the loop's
current item, and the name of that field is a guess: `email` in an API's records, `fields.Email` in
Airtable's, `Contact.EmailAddress` in Xero's. July 2025 Sim stops the whole run when a reference names
a field the item does not have ("No value found at path … in loop item", found by running generated
states in Sim's executor), so one column called "E-mail address" instead of "Email" fails every run.
A function block before the step takes the guessed field when the item has it, else the first field
whose name says what it holds, else the first value shaped like one. A sheet's rows reach the loop with
their cells under the column names (`sheet_rows`), so they are looked up the same way.

An item that holds none (a row whose e-mail cell is empty, an event whose description has no number) is passed
over: inside a loop a test after the function sends only when it found an address, and its other side ends that
item at a block saying why (`pass_over_addressless`). A function that threw there stopped the whole run, so one
incomplete row kept everyone after it from getting their message. Outside a loop the function still stops the run
with its message: there is nobody else to send to.
"""

from __future__ import annotations

import json

from lib.generation import rx as re
from lib.generation import services
from lib.generation.lexicon import lexicon
from lib.generation.plan import PlanBlock, PlanEdge, PlanValue, WorkflowPlan
from lib.generation.shaping import free_name, function_before
from lib.sim.names import REFERENCE_RE, normalize_name

# What each recipient field holds: (what it is called, a field name that says so, a value shaped like one,
# what a value in any other field must also match)
_KINDS = {
    "email": ("e-mail address", r"e-?mail", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}", "@"),
    # (a number in a field not named for a phone counts only in international form: an order id is digits too)
    # (a chat id only from a field named for one: any number would look like one)
    "chat": ("chat id", r"chat.?id|telegram", r"-?\d{5,}", r"(?!)"),
    "phone": (
        "phone number",
        r"phone|mobile|cell|tel|whatsapp|sms|wa_?id",
        r"[+(]?\d[\d\s().-]{6,}\d",
        r"^\s*\+",
    ),
}
_FIELDS = {
    "to": "email",
    "cc": "email",
    "attendees": "email",
    "phoneNumber": "phone",
    "phoneNumbers": "phone",
    "chatId": "chat",
}
# (a column the user names may hold spaces: 'Email Address')
_ITEM_FIELD = re.compile(
    r"^<(?P<container>loop|parallel)\.currentItem\.(?P<path>[A-Za-z_][\w.-]*(?: [\w.-]+)*)>$"
)


def _stop(message: str) -> str:
    """The line of a finder's code that stops the run when nothing was found (`pass_over_addressless` turns it into
    a pass-over inside a loop)."""
    return f"if (found == null) throw new Error({json.dumps(message)});"


_STOP = re.compile(r"^if \(found == null\) throw new Error\((?P<message>\"(?:[^\"\\]|\\.)*\")\);$", re.M)
_PASSED_OVER = "passed over"
# the names of the test and the end this module adds ('Any email address for Gmail 1', 'No phone number for …')
_ADDED = re.compile(r"^(?:Any|No) (?:e-?mail address|phone number|chat id|email) for ")


# the names of the finders ('Email address for Gmail 1', 'Phone number for Twilio SMS 1', 'Email for API 1')
_FINDER = re.compile(r"^(?:E-?mail address|Phone number|Chat id|Email) for ")


def added_here(block_name: str) -> bool:
    """Whether a block of that name is one this module adds around a send (not a step the user asked for)."""
    return bool(_ADDED.match(block_name))


def finder_named(block_name: str) -> bool:
    """Whether a block of that name is a finder of an address this module adds before a step."""
    return bool(_FINDER.match(block_name))


def _code(item_ref: str, path: str, kind: str, encoded: bool = False, only_path: bool = False) -> str:
    """The code of a function finding the address of `kind` in `item_ref`: its `path` field, else the first field named
    for one, else the first value shaped like one (`encoded`: written for a request's query string; `only_path`: the
    path alone, for an item of a fixed shape whose other addresses are someone else's, an event's organiser)."""
    what, names, shape, bare = _KINDS[kind]
    if only_path:
        searched = [
            "const shape = /" + shape + "/;",
            "const found = named != null && named !== '' ? String(named) : null;",
        ]
        said = f"this item holds no {what} at {path!r}"
    else:
        searched = [
            "const leaves = [];",
            "const walk = (v, key) => {",
            "  if (v && typeof v === 'object') for (const [k, w] of Object.entries(v)) walk(w, k);",
            "  else if (v != null && v !== '') leaves.push([String(key), String(v)]);",
            "};",
            "walk(item, '');",
            f"const shape = /{shape}/;",
            "const found = named != null && named !== '' ? String(named)",
            f"  : (leaves.find(([k, v]) => /{names}/i.test(k) && shape.test(v))",
            f"     || leaves.find(([, v]) => shape.test(v) && /{bare}/.test(v)) || [])[1];",
        ]
        said = f"this item holds no {what} (looked for a {path!r} field)"
    # (JUL25 puts a starter's object in the code unquoted, an object literal)
    return "\n".join(
        [
            f"// the {what} of this item: its '{path}' field when it has one"
            + ("" if only_path else ", else the first field"),
            *([] if only_path else ["// whose name says it holds one, else the first value shaped like one"]),
            f"const item = <{item_ref}>;",
            f"const named = {json.dumps(path)}.split('.').reduce((v, k) => (v == null ? undefined : v[k]), item);",
            *searched,
            _stop(said),
            "const match = found.match(shape);",
            "const address = match ? match[0].trim() : found;",
            "return encodeURIComponent(address);" if encoded else "return address;",
        ]
    )


# a number in a text, in international form (before any digits: a date, an order number)
_INTERNATIONAL = {"phone": r"\+\d[\d\s().-]{6,}\d"}
# a recipient field holding a whole text, not an address: an AI's pick (`<agent1.content>`), an e-mail's body
# (or the whole body a generic webhook received from a service whose answers have no fixed place: a Typeform's
# answers list, a Jotform's question ids — services.json 'webhook_bodies')
_TEXT_FIELD = re.compile(
    # (a list read whole, `<googlesheets1.data>`: 'email the first person on the sheet', its first address)
    r"^<(?P<ref>(?P<block>[\w-]+)(?:\.[\w-]+)*\.(?:content|bodyText)|[\w-]+\.data|start\.webhook\.data\.payload"
    # (a text of the event as sent: 'their email is in the issue body')
    r"(?:(?:\.[\w-]+)*\.(?:body|description|text|message|notes))?"
    # (an item's own text: 'to the parent phone written in the event description', each event's description)
    r"|(?:loop|parallel)\.currentItem(?:\.[\w-]+)*\.(?:description|body|bodyText|notes|content))>$"
)


def _text_code(ref: str, kind: str) -> str:
    what, _names, shape, _bare = _KINDS[kind]
    # (JUL25 puts a starter's text in the code unquoted: its object is read, and the field taken from it)
    head, _, key = ref.rpartition(".")
    held = f"(<{head}>)?.[{json.dumps(key)}]" if ref.startswith("start.") else f"<{ref}>"
    return "\n".join(
        [
            # (no reference in a comment or a message: Sim puts the value in its place)
            f"// the {what} written in {ref}: the first one in international form, else the first value",
            "// shaped like one",
            f"const held = {held};",
            "const text = typeof held === 'string' ? held : JSON.stringify(held ?? '');",
            f"const found = text.match(/{_INTERNATIONAL.get(kind, shape)}/) || text.match(/{shape}/);",
            _stop(f"{ref} holds no {what}"),
            "return found[0].trim();",
        ]
    )


# a person looked up by the address in a generic webhook's whole body (`?email=<…payload>`, `{Email} = '<…payload>'`,
# Supabase's `email=eq.<…payload>`): a service whose answers have no fixed place (a Typeform's, a Webflow form's)
# holds it somewhere in there
_KEYED_BODY = re.compile(
    r"(?i:e-?mail)\}?\s*={1,2}\s*(?:eq\.)?['\"]?(?P<ref><start\.webhook\.data\.payload>)"
)


def find_keyed_addresses(plan: WorkflowPlan) -> list[str]:
    """Put a function block before each step that looks a person up by the address a generic webhook's body holds
    in no fixed field, and point the look-up at the address it finds. Changes `plan` in place; returns a note per
    function."""
    notes: list[str] = []
    for block in list(plan.blocks):
        for field in block.values:
            if field.id == "code" or not isinstance(field.value, str):
                continue
            match = _KEYED_BODY.search(field.value)
            if match is None or block.type in ("function", "agent"):
                continue
            local, name = function_before(
                plan, block, f"Email for {block.name}", _text_code("start.webhook.data.payload", "email")
            )
            field.value = field.value.replace(match.group("ref"), f"<{local}.result>")
            notes.append(f"'{name}' finds the e-mail address {block.name} looks up in the event's body")
    return notes


def _finder_before(
    plan: WorkflowPlan, block: PlanBlock, field: PlanValue, kind: str, code: str
) -> tuple[str, str]:
    """Put a function running `code` just before `block` and point `field` at the address it returns; gives what the
    address is ('e-mail address') and the function's name."""
    what = _KINDS[kind][0]
    label = f"{what.replace('e-mail', 'email').capitalize()} for {block.name}"
    local, name = function_before(plan, block, label, code)
    field.value = f"<{local}.result>"
    return what, name


def find_text_addresses(plan: WorkflowPlan) -> list[str]:
    """Put a function block before each step that sends to an address held in a text (the person an AI picked
    from a sheet, a customer's number in an order e-mail), and point the step at the address it finds there:
    Sim would send to the whole text. Changes `plan` in place; returns a note per function."""
    notes: list[str] = []
    for block in list(plan.blocks):
        for field in block.values:
            kind = _FIELDS.get(field.id, "")
            match = _TEXT_FIELD.match(str(field.value or "").strip()) if kind else None
            if match is None:
                continue
            what, name = _finder_before(plan, block, field, kind, _text_code(match.group("ref"), kind))
            notes.append(f"'{name}' finds the {what} for {block.name} in <{match.group('ref')}>")
    return notes


def find_item_addresses(plan: WorkflowPlan) -> list[str]:
    """Put a function block before each step inside a loop that sends to a field of the current item,
    and point the step at the address it finds. Changes `plan` in place; returns a note per function."""
    notes: list[str] = []
    types = {b.id: b.type for b in plan.blocks} | {"start": "starter"}
    shaped = set(lexicon()["user_shaped_items"])
    # the loops whose items come from a source the user shaped (lexicon.json 'user_shaped_items')
    containers = {
        b.id
        for b in plan.blocks
        if b.type in ("loop", "parallel")
        and any(
            types.get(normalize_name(r.group("block"))) in shaped
            for r in REFERENCE_RE.finditer(b.collection or "")
        )
    }
    loops = {b.id for b in plan.blocks if b.type in ("loop", "parallel")}
    for block in list(plan.blocks):
        if block.parent not in loops:
            continue
        for field in block.values:
            kind = _FIELDS.get(field.id, "")
            match = _ITEM_FIELD.match(field.value.strip()) if kind else None
            if match is None or match.group("path").split(".")[0].isdigit():
                continue
            # (an item of a fixed shape: only an address in a list it holds, which may be empty — an event's
            # `attendees.0.email`, and Sim stops the whole run at an event without guests)
            listed = any(part.isdigit() for part in match.group("path").split("."))
            if block.parent not in containers and not listed:
                continue
            code = _code(
                f"{match.group('container')}.currentItem",
                match.group("path"),
                kind,
                only_path=block.parent not in containers,
            )
            what, name = _finder_before(plan, block, field, kind, code)
            notes.append(
                f"'{name}' finds the {what} for {block.name} in each item: its '{match.group('path')}' field, "
                f"else the first field named for one"
            )
    return notes


def find_record_addresses(plan: WorkflowPlan) -> list[str]:
    """Put a function block before each step that sends to a field of a record the event named only by its id and a
    block fetched (services.json webhook `lookups` with a 'block': an Airtable record, whose columns the user named),
    and point the step at the address it finds among the record's fields. Changes `plan` in place; returns a note per
    function."""
    provider = (
        plan.value("start", "webhookProvider") if plan.value("start", "startWorkflow") == "webhook" else None
    )
    lookups = (services.webhook_paths(provider).get("lookups") or {}) if provider else {}
    records = {f"{normalize_name(e['name'])}.{e['output']}" for e in lookups.values() if "block" in e}
    notes: list[str] = []
    for block in list(plan.blocks):
        for field in block.values:
            kind = _FIELDS.get(field.id, "")
            value = str(field.value or "").strip()
            record = next((r for r in records if value.startswith(f"<{r}.") and value.endswith(">")), None)
            if not kind or record is None:
                continue
            path = value[len(record) + 2 : -1]
            what, name = _finder_before(plan, block, field, kind, _code(record, path, kind))
            notes.append(
                f"'{name}' finds the {what} for {block.name} among the fields of <{record}>: its '{path}' column, "
                "else the first column named for one"
            )
    return notes


def pass_over_addressless(plan: WorkflowPlan) -> list[str]:
    """Inside a loop, let each address finder give an empty address for an item that holds none, and put a test
    after it: its `if` into the step that sends, its `else` to a block ending that item saying why. Changes `plan`
    in place; returns a note per test added."""
    loops = {b.id for b in plan.blocks if b.type in ("loop", "parallel")}
    notes = [
        pass_over(plan, finder)
        for finder in [b for b in plan.blocks if b.type == "function" and b.parent in loops]
    ]
    return [note for note in notes if note]


def pass_over(plan: WorkflowPlan, finder: PlanBlock, tested: str = "result", empty: str = '""') -> str | None:
    """Let `finder` (a function whose code stops the run when it finds nothing, `_stop`) give "" instead, and put a
    test after it: its `if` into the steps it served, its `else` to a block ending there saying why. Changes `plan`
    in place; returns a note, or None when the function has no such stop. (`tested`: the path of its result that is
    "" when it found nothing, `empty` that result as code.)"""
    code = next((v for v in finder.values if v.id == "code"), None)
    stop = _STOP.search(str(code.value or "")) if code else None
    if code is None or stop is None:
        return None
    reason = f"{json.loads(stop.group('message'))}: {_PASSED_OVER}"
    # (no reference in the comment: Sim puts a reference's value in its place, in comments too)
    code.value = code.value.replace(
        stop.group(0), f"if (found == null) return {empty}; // {reason.replace('<', '')}"
    )
    taken = {normalize_name(b.name) for b in plan.blocks} | {b.id for b in plan.blocks}
    found_name = free_name(f"Any {finder.name[0].lower()}{finder.name[1:]}", taken)
    end_name = free_name(
        f"No {finder.name[0].lower()}{finder.name[1:]}", taken | {normalize_name(found_name)}
    )
    test = [
        {"id": "if", "title": "if", "value": f'<{finder.id}.{tested}> !== ""'},
        {"id": "else", "title": "else", "value": ""},
    ]
    found = PlanBlock(
        id=normalize_name(found_name),
        type="condition",
        name=found_name,
        parent=finder.parent,
        values=[PlanValue(id="conditions", value=json.dumps(test))],
    )
    end = PlanBlock(
        id=normalize_name(end_name),
        type="function",
        name=end_name,
        parent=finder.parent,
        values=[PlanValue(id="code", value=f"return {{ skipped: true, reason: {json.dumps(reason)} }};")],
    )
    at = plan.blocks.index(finder) + 1
    plan.blocks[at:at] = [found, end]
    for edge in plan.edges:
        if edge.source == finder.id:
            edge.source, edge.handle = found.id, "if"
    plan.edges += [
        PlanEdge(source=finder.id, target=found.id, handle="source"),
        PlanEdge(source=found.id, target=end.id, handle="else"),
    ]
    return (
        f"'{found_name}' goes on only when '{finder.name}' found what it looks for; otherwise the run is "
        f"{_PASSED_OVER} at '{end_name}'"
        + (", and the loop goes on to the next item" if finder.parent else "")
    )
