"""cycles: the graph is acyclic; iteration is expressed only with loop containers (sim-format §2.3.4).

Edges between a container and a block nested inside it (start edges, HEAD's child → container
edges) are the container's own plumbing and are left out of the search.
"""

from __future__ import annotations

from collections.abc import Iterator

from lib.validation.base import Finding, Rule
from lib.validation.context import Context, EdgeView


def _components(nodes: list[str], succ: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components of size > 1 (iterative Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, pos = work.pop()
            if pos == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            children = succ.get(node, [])
            if pos < len(children):
                work.append((node, pos + 1))
                child = children[pos]
                if child not in index:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    item = stack.pop()
                    on_stack.discard(item)
                    component.append(item)
                    if item == node:
                        break
                if len(component) > 1:
                    result.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return result


def _check(ctx: Context) -> Iterator[Finding]:
    if ctx.edges_acyclic:
        return  # the edges below are a subset of an acyclic graph
    succ: dict[str, list[str]] = {}
    by_pair: dict[tuple[str, str], EdgeView] = {}
    descendants: dict[str, set[str]] = {}
    for edge in ctx.edges:
        s, t = edge.source, edge.target
        if s == t or s not in ctx.blocks or t not in ctx.blocks:
            continue  # self loops and dangling ends are the edges rule's
        skip = False
        for container, other in ((s, t), (t, s)):
            if ctx.is_container(container):
                inner = descendants.setdefault(container, ctx.descendants(container))
                if other in inner:
                    skip = True
        if skip:
            continue
        succ.setdefault(s, []).append(t)
        by_pair.setdefault((s, t), edge)
    for component in _components(list(succ), succ):
        members = set(component)
        edge = min(
            (e for (s, t), e in by_pair.items() if s in members and t in members),
            key=lambda e: e.index,
        )
        names = ", ".join(ctx.label(b) for b in ctx.blocks if b in members)
        yield RULE.finding(
            "cycle",
            edge.path,
            f"Edges form a cycle through {names}; Sim runs acyclic graphs only. Remove one edge of the "
            "cycle (e.g. this one) and put the repeated blocks in a loop container.",
        )


RULE = Rule.define(
    "cycles",
    "No cycles outside loop containers (a container's edges to its own children are not cycles).",
    {"cycle": ("error", "A set of blocks that reach each other along edges.")},
    _check,
)
