"""A search that takes a vector is given the embedding of its words, made just before it.

Qdrant's search in July 2025 Sim takes `vector` (a list of numbers), not text: left empty the tool refuses the call,
and a question's words put there are no vector either. Where services.json gives a block an `embed` entry, the words
the planner put in that field (the question asked in a chat, the words said after "search … for") go to the block
that makes an embedding of them (OpenAI's embeddings), placed just before the search, and the search reads the
vector it returns.
"""

from __future__ import annotations

from lib.generation import services
from lib.generation.empty_lists import guard_list
from lib.generation.plan import PlanBlock, PlanValue, WorkflowPlan
from lib.generation.shaping import block_before, free_name
from lib.sim.names import REFERENCE_RE, normalize_name


def embed_queries(plan: WorkflowPlan) -> list[str]:
    """Put an embedding step before each search that takes a vector, fed with the words the search was given.
    Changes `plan` in place; returns a note per embedding."""
    notes: list[str] = []
    for block in list(plan.blocks):
        embed = services.data()["blocks"].get(block.type, {}).get("embed")
        field = next((v for v in block.values if embed and v.id == embed["field"]), None)
        if embed is None or field is None or not field.value.strip():
            continue
        taken = {normalize_name(b.name) for b in plan.blocks} | {b.id for b in plan.blocks}
        name = free_name(embed["name"].replace("{name}", block.name), taken)
        local = normalize_name(name)
        values = [PlanValue(id=embed["input"], value=field.value)]
        values += [PlanValue(id=k, value=v) for k, v in embed["values"].items()]
        block_before(plan, block, PlanBlock(id=local, type=embed["block"], name=name, values=values))
        notes.append(
            f"'{block.name}' searches with a vector: '{name}' makes it from {field.value} just before"
        )
        field.value = f"<{local}.{embed['output']}>"
    return notes


# An item's point id: its own id when Qdrant takes it (an unsigned integer or a UUID), else a UUID made from its own
# id or its text, so the same item written again updates its point. (No '<' or '>': Sim reads them as tags.)
_POINT_HELPERS = """const text = (v) => (typeof v === 'string' ? v : JSON.stringify(v));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const pointId = (v) => {
  const own = v && typeof v === 'object' ? (v.id ?? v.fields?.id) : undefined;
  if (Number.isInteger(own) && own >= 0) return own;
  if (typeof own === 'string' && UUID.test(own)) return own;
  const seed = own !== undefined && own !== null && own !== '' ? String(own) : text(v);
  const hex = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b]
    .map((start) => {
      let h = start >>> 0;
      for (const c of seed) h = Math.imul(h ^ c.codePointAt(0), 16777619) >>> 0;
      return h.toString(16).padStart(8, '0');
    })
    .join('');
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20, 32)].join('-');
};"""


def _items_of(plan: WorkflowPlan, reference: str) -> str:
    """The list a reference's block holds (`<notion1.content>` → `<notion1.metadata.results>`), else the reference."""
    match = REFERENCE_RE.fullmatch(reference)
    block = plan.block(normalize_name(match.group("block"))) if match else None
    if block is None:
        return reference
    listed = services.list_path(block.type, plan.value(block.id, "operation"))
    return f"<{block.id}.{listed}>" if listed else reference


def _function(name: str, code: str) -> PlanBlock:
    return PlanBlock(
        id=normalize_name(name), type="function", name=name, values=[PlanValue(id="code", value=code)]
    )


def embed_points(plan: WorkflowPlan) -> list[str]:
    """Give each write that takes points (services.json `embed_points`) the items it was handed as points: their
    texts embedded by one call, then a function pairing each item with its vector. Changes `plan` in place."""
    notes: list[str] = []
    for block in list(plan.blocks):
        spec = services.data()["blocks"].get(block.type, {}).get("embed_points")
        field = next((v for v in block.values if spec and v.id == spec["field"]), None)
        found = REFERENCE_RE.search(field.value) if field is not None else None
        if spec is None or field is None or found is None:
            continue
        data = found.group(0)
        made = plan.block(normalize_name(found.group("block")))
        if made is not None and made.type == spec["block"]:  # 'embed … and upsert': the embedding step said
            said = REFERENCE_RE.search(plan.value(made.id, spec["input"]) or "")
            data, embedding = (said.group(0) if said else data), made
        else:
            embedding = None
        items = _items_of(plan, data)
        taken = {normalize_name(b.name) for b in plan.blocks} | {b.id for b in plan.blocks}
        texts_name = free_name(f"Texts for {block.name}", taken)
        texts = _function(
            texts_name,
            f"const items = [].concat({items} ?? []);\n"
            "return items.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));",
        )
        if embedding is None:
            name = free_name(spec["name"].replace("{name}", block.name), taken | {texts.id})
            embedding = PlanBlock(id=normalize_name(name), type=spec["block"], name=name, values=[])
            embedding.values = [PlanValue(id=k, value=v) for k, v in spec["values"].items()]
            embedding.values.append(PlanValue(id=spec["input"], value=""))
            block_before(plan, block, embedding)
        block_before(plan, embedding, texts)
        found_list = REFERENCE_RE.fullmatch(items)
        if (
            found_list
            and texts.parent is None
            and normalize_name(found_list.group("block")) not in ("start", "loop", "parallel")
        ):
            # (a read that found nothing: OpenAI refuses to embed an empty list, so the run ends before it)
            guard_list(plan, texts, items, f"nothing for {block.name} to store")
        for value in embedding.values:
            if value.id == spec["input"]:
                value.value = f"<{texts.id}.result>"
        points_name = free_name(
            f"Points for {block.name}", taken | {texts.id, embedding.id, normalize_name(embedding.name)}
        )
        points = _function(
            points_name,
            f"{_POINT_HELPERS}\nconst items = [].concat({items} ?? []);\n"
            f"const vectors = <{embedding.id}.{spec['output']}>;\n"
            "return items.map((item, i) => ({\n  id: pointId(item),\n  vector: vectors[i],\n"
            "  payload: item && typeof item === 'object' && !Array.isArray(item) ? item : { text: text(item) },\n"
            "}));",
        )
        block_before(plan, block, points)
        field.value = f"<{points.id}.result>"
        notes.append(
            f"'{block.name}' stores points: '{texts_name}' gives each item's text, '{embedding.name}' embeds them "
            f"and '{points_name}' pairs each item with its vector (its id: the item's own, else one made from it)"
        )
    return notes
