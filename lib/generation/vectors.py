"""A search that takes a vector is given the embedding of its words, made just before it.

Qdrant's search in July 2025 Sim takes `vector` (a list of numbers), not text: left empty the tool refuses the call,
and a question's words put there are no vector either. Where services.json gives a block an `embed` entry, the words
the planner put in that field (the question asked in a chat, the words said after "search … for") go to the block
that makes an embedding of them (OpenAI's embeddings), placed just before the search, and the search reads the
vector it returns.
"""

from __future__ import annotations

from lib.generation import services
from lib.generation.plan import PlanBlock, PlanValue, WorkflowPlan
from lib.generation.shaping import block_before, free_name
from lib.sim.names import normalize_name


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
