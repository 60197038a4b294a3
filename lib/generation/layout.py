"""A clean left-to-right layout: columns by longest path from the entry, rows in plan order.

Children of a loop are laid out the same way inside it (positions relative to the container,
as Sim stores them), and the container is sized to hold them.
"""

from __future__ import annotations

from collections import defaultdict

BLOCK_W, BLOCK_H = 350, 150
GAP_X, GAP_Y = 100, 80
ORIGIN = (100.0, 100.0)
PAD_X, PAD_TOP = 60.0, 100.0


def _depths(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, int]:
    depth = dict.fromkeys(nodes, 0)
    inside = set(nodes)
    for _ in range(len(nodes)):  # longest path by relaxation; bounded, so a cycle cannot hang it
        changed = False
        for s, t in edges:
            if s in inside and t in inside and depth[t] < depth[s] + 1:
                depth[t] = depth[s] + 1
                changed = True
        if not changed:
            break
    return depth


def layout(
    order: list[str], parent: dict[str, str | None], edges: list[tuple[str, str]]
) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    """(positions, container sizes) for block ids in plan order."""
    groups: dict[str | None, list[str]] = defaultdict(list)
    for node in order:
        groups[parent.get(node)].append(node)
    sizes: dict[str, tuple[float, float]] = {}
    positions: dict[str, tuple[float, float]] = {}

    def place(group: str | None) -> tuple[float, float]:
        nodes = groups.get(group, [])
        for node in nodes:  # inner containers first, so their sizes are known
            if node in groups:
                sizes[node] = place(node)
        depth = _depths(nodes, edges)
        columns: dict[int, list[str]] = defaultdict(list)
        for node in nodes:
            columns[depth[node]].append(node)
        x0, y0 = ORIGIN if group is None else (PAD_X, PAD_TOP)
        x, width, height = x0, 0.0, 0.0
        for col in sorted(columns):
            y, col_w = y0, 0.0
            for node in columns[col]:
                w, h = sizes.get(node, (BLOCK_W, BLOCK_H))
                positions[node] = (float(x), float(y))
                y += h + GAP_Y
                col_w = max(col_w, w)
            x += col_w + GAP_X
            width, height = x, max(height, y)
        return (max(width - GAP_X + PAD_X, 500.0), max(height - GAP_Y + 60.0, 300.0))

    place(None)
    return positions, sizes
