"""The fields a user names for a row are its cells: "add the customer's name, email and order total to the sheet".

A row written from an event or an item put the whole data in one cell as JSON, so the sheet got one unreadable column
and none of the ones asked for. A function block before the write ('Format …', plumbing) makes one cell per field said,
in the order said, found in the data by its name when the run happens: the field whose name is the words said
('order number' → `order_number`), else one of its other names (lexicon.json 'column_fields': a Shopify order's
`total_price` for 'total'), else one whose name holds the last word; said of an owner ("the customer's name"), it is
looked for in the owner's object first; a name made of a first and a last name is both. A field the data does not
have is an empty cell, never a guess. Airtable takes the cells as fields named as said.
"""

from __future__ import annotations

import json

from lib.generation import rx as re
from lib.generation.lexicon import lexicon
from lib.generation.plan import WorkflowPlan
from lib.generation.services import webhook_paths
from lib.generation.shaping import function_before, in_code
from lib.sim.names import REFERENCE_RE

# the row writes and the field each takes its cells in (a list of rows of cells, or Airtable's records)
_WRITES = {"google_sheets": "values", "microsoft_excel": "values", "airtable": "records"}
_ARTICLE = r"(?:the|their|its|his|her|our|each|every)\s+"
_ITEM = r"[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,2}"
_LIST = rf"(?P<list>{_ITEM}(?:\s*,\s*(?:and\s+)?(?:{_ARTICLE})?{_ITEM})*\s*,?\s+and\s+(?:{_ARTICLE})?{_ITEM})"
# 'add the customer's name, email and order total to …', '… a row with the order number, customer name and total'
_SAID = (
    re.compile(
        rf"\b(?:add|log|save|record|put|write|append|store|copy|insert|enter)\s+(?:{_ARTICLE})?{_LIST}\s+"
        r"(?:to|into|in|on)\s+(?:the\s+|a\s+|an\s+|our\s+|my\s+|that\s+)?",
        re.I,
    ),
    re.compile(rf"\brows?\b[^.;]*?\bwith\s+(?:{_ARTICLE})?{_LIST}\s*(?:$|[.;]|\s+(?:to|in|into|on)\b)", re.I),
)
# words that name no field: the data as a whole, or a place
_NOT_FIELDS = re.compile(
    r"^(?:it|them|this|that|everything|all|details?|data|info|information|rest|row|rows|record|records|sheet|table|"
    r"spreadsheet|slack|email\s+address\s+book)$",
    re.I,
)


def said_columns(clause: str) -> list[str]:
    """The fields `clause` names for the row it writes, in the order said (two or more), else []."""
    for pattern in _SAID:
        found = pattern.search(clause)
        if found is None:
            continue
        items = [
            re.sub(rf"^(?:and\s+)?(?:{_ARTICLE})?", "", part.strip(), flags=re.I).strip()
            for part in re.split(r"\s*,\s*|\s+and\s+", found.group("list"))
        ]
        items = [i for i in items if i]
        if len(items) >= 2 and not any(_NOT_FIELDS.match(i) for i in items):
            return items
    return []


def _names(field: str) -> tuple[str, list[str]]:
    """(the owner's key, the keys to try in order) for a field said ("customer's name" → 'customer', ['name', …])."""
    words = re.findall(r"[a-z0-9]+", field.lower().replace("'s", "").replace("’s", ""))
    other = lexicon()["column_fields"]
    whole = "".join(words)
    owner = "".join(words[:-1]) if len(words) > 1 else ""
    keys = [whole, *other.get(" ".join(words), []), words[-1], *other.get(words[-1], [])]
    return owner, list(dict.fromkeys(re.sub(r"[^a-z0-9]", "", k) for k in keys))


def _code(ref: str, fields: list[str], airtable: bool, scale: int | None = None) -> str:
    said = [[f, *_names(f)] for f in fields]
    row = (
        "[{ fields: Object.fromEntries(said.map(([f, o, ks], i) => [title(f), cells[i]])) }]"
        if airtable
        else "[cells]"
    )
    return "\n".join(
        [
            "// the fields said of the row, each a cell, found in the data by name (an owner's object first): the field",
            "// named as said, else one of its other names, else one whose name holds the last word; none is an empty cell",
            f"const data = {ref};",
            f"const said = {json.dumps(said)};",
            "const n = (x) => String(x).toLowerCase().replace(/[^a-z0-9]/g, '');",
            "const title = (f) => f.replace(/(^|\\s)\\S/g, (c) => c.toUpperCase());",
            "const objects = (root) => { const out = []; const q = [root]; while (q.length) { const x = q.shift();",
            "  if (x && typeof x === 'object') { out.push(x); q.push(...Object.values(x)); } } return out; };",
            "const plain = (v) => v !== null && typeof v !== 'object';",
            "const pick = (root, keys) => { const all = objects(root);",
            "  for (const k of keys) for (const x of all) { if (Array.isArray(x)) continue;",
            "    const f = Object.keys(x).find((y) => n(y) === k && plain(x[y])); if (f !== undefined) return x[f];",
            "    if (k === 'name') { const a = Object.keys(x).find((y) => n(y) === 'firstname'); const b = Object.keys(x).find((y) => n(y) === 'lastname');",
            "      if (a !== undefined && plain(x[a])) return [x[a], b !== undefined ? x[b] : ''].join(' ').trim(); } }",
            "  const last = keys[keys.length - 1]; for (const x of all) { if (Array.isArray(x)) continue;",
            "    const f = Object.keys(x).find((y) => n(y).includes(last) && plain(x[y])); if (f !== undefined) return x[f]; }",
            "  return undefined; };",
            "const owned = (o) => { if (!o) return data; const x = objects(data).find((y) => !Array.isArray(y) &&",
            "  Object.keys(y).some((k) => n(k) === o && y[k] && typeof y[k] === 'object'));",
            "  return x ? x[Object.keys(x).find((k) => n(k) === o)] : data; };",
            "const cells = said.map(([f, o, ks]) => { const v = pick(owned(o), ks); return v === undefined ? pick(data, ks) ?? '' : v; });",
            *(
                [
                    f"// amounts come in the currency's smallest unit (cents): divided by {scale}",
                    "said.forEach(([f, o, ks], i) => { if (ks.some((k) => k.startsWith('amount')) && typeof cells[i] === 'number')"
                    f" cells[i] = cells[i] / {scale}; }});",
                ]
                if scale
                else []
            ),
            f"return {row};",
        ]
    )


def said_cells(plan: WorkflowPlan, words: dict[str, str]) -> list[str]:
    """Give each row write whose clause names its fields a function making those cells (changes `plan` in place);
    returns a note per write (for the coverage report's assumptions)."""
    notes: list[str] = []
    starter = next((b for b in plan.blocks if b.type == "starter"), None)
    provider = next((v.value for v in starter.values if v.id == "webhookProvider"), "") if starter else ""
    scale = webhook_paths(provider).get("amount_scale") if provider and provider != "generic" else None
    for block in list(plan.blocks):
        field_id = _WRITES.get(block.type)
        value = next((v for v in block.values if v.id == field_id), None) if field_id else None
        fields = said_columns(words.get(block.id, "")) if value is not None else []
        refs = list(REFERENCE_RE.finditer(value.value)) if value is not None and fields else []
        if value is None or len(refs) != 1 or "{{" in value.value:
            continue
        # (a message's text the row was given: its fields are the message's, one level up)
        held = re.fullmatch(r"<(start\.[\w.]+)\.(?:text|bodyText|body|content|message)>", refs[0].group(0))
        up = REFERENCE_RE.search(f"<{held.group(1)}>") if held else None
        ref = in_code(up or refs[0])
        local, name = function_before(
            plan, block, f"Format {block.name}", _code(ref, fields, block.type == "airtable", scale)
        )
        value.value = f"<{local}.result>"
        notes.append(
            f"'{name}' makes {block.name}'s row of the fields said ({', '.join(fields)}), each found in the data by its "
            "name when the run happens (a field the data does not have is left empty)"
        )
    return notes
