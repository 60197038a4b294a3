"""Safe, precomputed views of a state, shared by all rules.

The state may be any JSON. Everything here filters to the well-typed parts (blocks that are
objects, edges with string ends, ...) so each rule can stay short and never has to guard
against a list where an object belongs; the structure rule reports the rest.

Validation is one pass: `Context` reads each block's own keys once (its views, the structure
rule's type test, the ids/containers flags) and hands its subBlocks to `facts.gather`; one loop
over the edges builds their views, judges their JSON types and sets aside the plain ones the
edges rule need not look at. The rules then read these records and look closer only where they
flag something; pointers, messages and findings are built only for a finding.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from typing import Any, Generic, NamedTuple, TypeVar, overload

from lib.sim import branches, registry
from lib.validation import scan
from lib.validation.base import Era
from lib.validation.exfiltration import may_send_secret
from lib.validation.facts import (
    NO_PLAN,
    PLAIN_KEYS,
    Facts,
    TypePlan,
    gather,
    plain_own_keys,
    plan_for,
    tagged_in,
)
from lib.validation.shape import FLAGS, NUMBERS, OPT_NUMBERS, OPT_STRS, STR
from lib.validation.tags import normalized_name

CONTAINER_TYPES = frozenset({"loop", "parallel"})
START_HANDLES = frozenset({"loop-start-source", "parallel-start-source"})
END_HANDLES = frozenset({"loop-end-source", "parallel-end-source"})
# Types that make a state "current Sim" even if the registry had no record of them.
CURRENT_ONLY_TYPES = frozenset({"start_trigger", "note"})
_EMPTY: dict[str, Any] = {}
_EDGE_KEYS = frozenset({"id", "source", "target", "sourceHandle", "targetHandle", "type", "data"})
_NO_PREDS: frozenset[str] = frozenset()
_T = TypeVar("_T")


class once(Generic[_T]):
    """`functools.cached_property` without the lock Python 3.11 takes on every first read (a
    context is read by one thread): the value is computed once and kept in the instance."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> once[_T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> _T: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


_NO_TAGS: list[tuple[str, tuple[Any, ...], str]] = []
_normalize = normalized_name


class EdgeView(NamedTuple):
    """An edge whose `source` and `target` are strings (they may still name missing blocks)."""

    index: int  # type: ignore[assignment]  # the edge's place in `edges` (tuple.index is not used)
    id: Any
    source: str
    target: str
    source_handle: str | None
    target_handle: str | None
    raw: dict[str, Any]

    @property
    def path(self) -> str:
        return f"/edges/{self.index}"


_new_edge = tuple.__new__  # EdgeView(...) without its Python __new__


_SPECS: dict[str, Any] = {}


def _spec_for(block_type: Any) -> Any:
    if not isinstance(block_type, str) or not block_type:
        return None
    if block_type in _SPECS:
        return _SPECS[block_type]
    try:
        spec = registry.get_block(block_type)
    except Exception:  # a broken registry file must not take validation down (nor be cached)
        return None
    _SPECS[block_type] = spec
    return spec


# What a block's type makes it, as bits: an entry point, a container, a type only today's Sim has,
# a type whose plain outgoing edge ('source' or no handle) the edges rule refuses, a type that
# takes no incoming edge (a note, or a registry type whose target handle is off).
_TRIGGER, _CONTAINER, _CURRENT, _NO_PLAIN_OUT, _CLOSED = 1, 2, 4, 8, 16


def _kind_of(block_type: str, spec: Any) -> int:
    """The type's bits."""
    kind = 0
    if block_type == "starter" or (spec is not None and spec.trigger):
        kind |= _TRIGGER
    if block_type in CONTAINER_TYPES or (spec is not None and spec.container):
        kind |= _CONTAINER
    if block_type in CURRENT_ONLY_TYPES or (spec is not None and spec.era == "head"):
        kind |= _CURRENT
    handles = getattr(spec, "handles", None) if spec is not None else None
    # The edges rule judges the handles of registered types and containers (`_judge_source`).
    if (spec is not None or kind & _CONTAINER) and not (
        handles is not None and getattr(handles, "source", False)
    ):
        kind |= _NO_PLAIN_OUT
    if block_type == "note" or (handles is not None and getattr(handles, "target", True) is False):
        kind |= _CLOSED
    return kind


# Type name → (registry spec, walk plan, bits) of the registered types, derived once each.
_TYPES: dict[str, tuple[Any, TypePlan, int]] = {}


def _type_info(block_type: str) -> tuple[Any, TypePlan, int]:
    """What the walk needs of a type; kept for registered types (others are judged each time)."""
    spec = _spec_for(block_type)
    info = (spec, NO_PLAN if spec is None else plan_for(spec), _kind_of(block_type, spec))
    if spec is not None and block_type in _SPECS:
        _TYPES[block_type] = info
    return info


def detect_era(state: Any) -> Era:
    """'current' when any block type exists only in today's Sim (or is start_trigger/note), else 'jul25'."""
    blocks = state.get("blocks") if isinstance(state, dict) else None
    if not isinstance(blocks, dict):
        return "jul25"
    for block in blocks.values():
        block_type = block.get("type") if isinstance(block, dict) else None
        if not isinstance(block_type, str):
            continue
        if block_type in CURRENT_ONLY_TYPES:
            return "current"
        spec = _spec_for(block_type)
        if spec is not None and getattr(spec, "era", None) == "head":
            return "current"
    return "jul25"


class Context:
    """What rules read. Build once per `validate` call; all views are plain dicts/lists."""

    def __init__(self, state: Any, era: str | None) -> None:
        """`era` None: detected in the walk over the blocks, as `detect_era` would."""
        self.raw = state
        self.state: dict[str, Any] = state if isinstance(state, dict) else {}
        raw_blocks = self.state.get("blocks")
        self.blocks: dict[str, dict[str, Any]] = {}
        self.types: dict[str, str] = {}
        self.specs: dict[str, Any] = {}  # block id → registry BlockSpec or None (do not modify)
        self.names: dict[str, str] = {}
        self.by_name: dict[str, list[str]] = {}
        self.parent: dict[str, str] = {}
        # Every block's `parent_id`, self-parenting included (the containers rule reports it).
        self.parent_ids: dict[str, str] = {}
        # What one walk of each block's subBlocks found for every rule (`facts`).
        self.facts = Facts()
        self._conditions: dict[str, list[dict[str, Any]] | None] = {}
        # One pass over the blocks: every per-block view the rules read. The sets are read
        # directly by rules' per-block loops (do not modify).
        self.triggers: set[str] = set()
        self.containers: set[str] = set()
        self.disabled: set[str] = set()
        # Whether lib.secrets.find certainly reports nothing in the blocks (see `scan`).
        self.secrets_clean = True
        # The api blocks that send a {{VAR}} some host could make suspect (`exfiltration`).
        self.sends_secrets: set[str] = set()
        # Block ids by type, in block order (do not modify).
        self.of_type: dict[str, list[str]] = {}
        self._no_plain_out: set[str] = set()  # see `_kind_of`
        self._closed: set[str] = set()
        # Whether some block's id is not its key (ids), some block outside any container has
        # extent 'parent' (containers): the rules look block by block only then.
        self.odd_block_ids = False
        self.stray_extents = False
        if isinstance(raw_blocks, dict):
            # Locals, not attributes, in the loop: it runs once per block of every state.
            blocks, types, specs, names, by_name = (
                self.blocks,
                self.types,
                self.specs,
                self.names,
                self.by_name,
            )
            triggers, containers, disabled = self.triggers, self.containers, self.disabled
            sends_secrets, of_type = self.sends_secrets, self.of_type
            no_plain_out, closed = self._no_plain_out, self._closed
            parent_ids, parents, facts = self.parent_ids, self.parent, self.facts
            clean, current = True, False
            clean_texts, pending = scan.CLEAN, facts.pending
            for bid, block in raw_blocks.items():
                if type(bid) is not str or type(block) is not dict:
                    facts.misshapen = True  # the model takes only objects under string keys
                    if not isinstance(bid, str) or not isinstance(block, dict):
                        if isinstance(block, dict):
                            clean = False  # a key JSON cannot hold: the exact walk decides
                            current = current or detect_era({"blocks": {0: block}}) == "current"
                        continue
                blocks[bid] = block
                get = block.get
                block_type, data, own_id = get("type"), get("data"), get("id")
                name: Any = get("name")
                enabled, trigger_mode = get("enabled"), get("triggerMode")
                plan = NO_PLAN
                if isinstance(block_type, str):
                    types[bid] = block_type
                    same_type = of_type.get(block_type)
                    if same_type is None:
                        of_type[block_type] = [bid]
                    else:
                        same_type.append(bid)
                    info = _TYPES.get(block_type)
                    if info is None:
                        info = _type_info(block_type)
                    spec, plan, kind = info
                    specs[bid] = spec
                    if kind:  # most types are none of these
                        if kind & _TRIGGER:
                            triggers.add(bid)
                        if kind & _CONTAINER:
                            containers.add(bid)
                        if kind & _CURRENT:
                            current = True  # a type only today's Sim has (`detect_era`)
                        if kind & _NO_PLAIN_OUT:
                            no_plain_out.add(bid)
                        if kind & _CLOSED:
                            closed.add(bid)
                if trigger_mode is True:
                    triggers.add(bid)
                if enabled is False:
                    disabled.add(bid)
                if own_id != bid:
                    self.odd_block_ids = True
                if isinstance(name, str):
                    normalized = names[bid] = _normalize(name)
                    if normalized:
                        owners = by_name.get(normalized)
                        if owners is None:
                            by_name[normalized] = [bid]
                        else:
                            owners.append(bid)
                # `parent_id`, inlined: data.parentId, else the top-level parentId.
                parent = data.get("parentId") if type(data) is dict else None
                if type(parent) is not str or not parent:
                    parent = None if type(data) is dict and "parentId" not in block else self.parent_id(block)
                if parent is not None:
                    parent_ids[bid] = parent
                    if parent != bid:  # self-parenting is reported, not followed
                        parents[bid] = parent
                elif (isinstance(data, dict) and data and data.get("extent") == "parent") or (
                    "extent" in block and get("extent") == "parent"
                ):
                    self.stray_extents = True
                # The block's own keys: a plain one (only keys the structure check reads, each
                # of the JSON type the model demands) holds text only in its name, outputs and
                # data; any other is walked key by key in `gather`.
                subs, position, outputs = get("subBlocks"), get("position"), get("outputs")
                plain = (
                    block.keys() <= PLAIN_KEYS
                    and type(subs) is dict
                    and type(name) is str
                    and type(own_id) is str
                    and type(block_type) is str
                    and type(position) is dict
                    and len(position) == 2
                    and type(position.get("x")) in NUMBERS
                    and type(position.get("y")) in NUMBERS
                    and type(enabled) is bool
                    and type(trigger_mode) in FLAGS
                    and type(get("horizontalHandles")) in FLAGS
                    and type(get("isWide")) in FLAGS
                    and type(get("advancedMode")) in FLAGS
                    and type(get("locked")) in FLAGS
                    and type(get("height")) in OPT_NUMBERS
                    and (outputs is None or type(outputs) is dict)
                    and (data is None or type(data) is dict)
                )
                if plain:
                    # `name` is no secret name: its text is judged with the others at the end.
                    if clean and len(name) >= 8 and name not in clean_texts:
                        pending.append((name, "name"))
                    if outputs or data:
                        clean = plain_own_keys(facts, bid, outputs, data, clean)
                clean = gather(facts, bid, block, subs, plan, clean, plain)
                if block_type == "api" and may_send_secret(facts.subs[bid]):
                    sends_secrets.add(bid)
            if clean and facts.pending:
                clean = scan.all_clean(facts.pending)
            self.secrets_clean = clean
            if era is None:
                era = "current" if current else "jul25"
        self.era: str = era or "jul25"
        raw_edges = self.state.get("edges")
        self.edges: list[EdgeView] = []
        self.out_edges: dict[str, list[EdgeView]] = {}
        self.in_edges: dict[str, list[EdgeView]] = {}
        # Whether every edge has the JSON types the state model demands (`shape.edge_typed`).
        self.edges_typed = False
        # Whether some edge (with string ends) names a block that does not exist.
        self.dangling = False
        self._edges_in_order = False
        # The edges the edges rule must look at, in order: all but the plain ones (both ends
        # distinct blocks in one container scope, 'source' or no handle out of a type that has
        # it, 'target' or none into a block that takes edges); all of them once two edges
        # repeat the same ends and handles (`edges_repeat`).
        self.odd_edges: list[EdgeView] = []
        self.edges_repeat = False
        if isinstance(raw_edges, list):
            edges, out_edges, in_edges, blocks = self.edges, self.out_edges, self.in_edges, self.blocks
            odd_edges, parent_of = self.odd_edges, self.parent.get
            no_plain_out, closed, triggers = self._no_plain_out, self._closed, self.triggers
            typed = True
            for index, edge in enumerate(raw_edges):
                if type(edge) is not dict and not isinstance(edge, dict):
                    typed = False
                    continue
                get = edge.get
                source, target = get("source"), get("target")
                source_handle, target_handle = get("sourceHandle"), get("targetHandle")
                if typed and not (
                    type(source) is str
                    and type(target) is str
                    and type(get("id")) is str
                    and type(source_handle) in OPT_STRS
                    and type(target_handle) in OPT_STRS
                    and (edge.keys() <= _EDGE_KEYS or STR.issuperset(map(type, edge)))
                    and type(edge) is dict
                ):
                    typed = False
                if isinstance(source, str) and isinstance(target, str):
                    # '' and null mean the same to Sim (its duplicate check treats them alike).
                    # (a non-empty text, the usual handle, is kept after one test)
                    if source_handle.__class__ is not str or not source_handle:
                        if not isinstance(source_handle, str) or not source_handle:
                            source_handle = None
                    if target_handle.__class__ is not str or not target_handle:
                        if not isinstance(target_handle, str) or not target_handle:
                            target_handle = None
                    view = _new_edge(
                        EdgeView, (index, get("id"), source, target, source_handle, target_handle, edge)
                    )
                    edges.append(view)
                    found = out_edges.get(source)
                    if found is None:
                        out_edges[source] = [view]
                    else:
                        # A repeat (same ends and handles) leaves a source that has another edge:
                        # only such a source's earlier edges are compared.
                        if not self.edges_repeat:
                            for other in found:
                                if (
                                    other.target == target
                                    and other.source_handle == source_handle
                                    and other.target_handle == target_handle
                                ):
                                    self.edges_repeat = True
                                    break
                        found.append(view)
                    found = in_edges.get(target)
                    if found is None:
                        in_edges[target] = [view]
                    else:
                        found.append(view)
                    if source not in blocks or target not in blocks:
                        self.dangling = True
                        odd_edges.append(view)
                    elif not (
                        (source_handle is None or source_handle == "source")
                        and (target_handle is None or target_handle == "target")
                        and source != target
                        and source not in no_plain_out
                        and target not in closed
                        and target not in triggers
                        and parent_of(source) == parent_of(target)
                    ):
                        odd_edges.append(view)
            self.edges_typed = typed
        self.loops = self._subflows("loops")
        self.parallels = self._subflows("parallels")
        self.children: dict[str, list[str]] = {}
        for bid, parent in self.parent.items():
            self.children.setdefault(parent, []).append(bid)

    # --- small accessors -----------------------------------------------------------------------

    def _subflows(self, key: str) -> dict[str, dict[str, Any]]:
        raw = self.state.get(key)
        if not isinstance(raw, dict):
            return {}
        return {k: v for k, v in raw.items() if isinstance(k, str) and isinstance(v, dict)}

    @staticmethod
    def parent_id(block: dict[str, Any]) -> str | None:
        """`data.parentId`, else the top-level `parentId` JUL25's loader also copies there."""
        data = block.get("data")
        if isinstance(data, dict) and isinstance(data.get("parentId"), str) and data["parentId"]:
            return data["parentId"]
        top = block.get("parentId")
        return top if isinstance(top, str) and top else None

    def spec(self, block_id: str) -> Any:
        """The registry BlockSpec of a block, or None for unknown/missing types."""
        return self.specs.get(block_id)

    def type_of(self, block_id: str) -> str | None:
        return self.types.get(block_id)

    def data(self, block_id: str) -> dict[str, Any]:
        data = self.blocks.get(block_id, {}).get("data")
        return data if isinstance(data, dict) else {}

    def sub_blocks(self, block_id: str) -> dict[str, dict[str, Any]]:
        """The block's subBlocks that are objects (do not modify)."""
        return self.facts.subs.get(block_id, _EMPTY)

    def value(self, block_id: str, sub_id: str) -> Any:
        sub = self.facts.subs.get(block_id, _EMPTY).get(sub_id)
        return None if sub is None else sub.get("value")

    def tagged(self, block_id: str) -> list[tuple[str, tuple[Any, ...], str]]:
        """(subBlock id, path inside its value, text) of every string in the block's subBlock
        values that holds a '<' — what the reference and tag checks read."""
        return self.facts.tagged.get(block_id, _NO_TAGS)

    def label(self, block_id: str) -> str:
        """How messages name a block: its name and id."""
        name = self.blocks.get(block_id, {}).get("name")
        return f"'{name}' ({block_id})" if isinstance(name, str) and name else f"block {block_id}"

    def resolves_tag(self, block_id: str, ref: str) -> bool:
        """Whether JUL25 Sim's resolver finds a block for a tag's first segment, seen from `block_id`
        (by id, by normalized name, `start`, or `loop`/`parallel` from inside one)."""
        lowered = ref.lower()
        if lowered == "start":
            return any(t == "starter" for t in self.types.values())
        if lowered in ("loop", "parallel") and any(
            self.type_of(c) == lowered for c in self.ancestors_of_parent(block_id)
        ):
            return True
        return ref in self.blocks or _normalize(ref) in self.by_name

    def is_container(self, block_id: str) -> bool:
        return block_id in self.containers

    def is_note(self, block_id: str) -> bool:
        return self.types.get(block_id) == "note"

    def enabled(self, block_id: str) -> bool:
        return block_id not in self.disabled

    def is_trigger(self, block_id: str) -> bool:
        """Entry point: a trigger type, or any block switched into trigger mode."""
        return block_id in self.triggers

    def ancestors_of_parent(self, block_id: str) -> list[str]:
        """Enclosing containers, innermost first (stops on parent cycles)."""
        chain: list[str] = []
        seen = {block_id}
        current = self.parent.get(block_id)
        while current is not None and current not in seen:
            chain.append(current)
            seen.add(current)
            current = self.parent.get(current)
        return chain

    def descendants(self, container_id: str) -> set[str]:
        """Blocks nested (at any depth) in a container."""
        found: set[str] = set()
        queue = deque(self.children.get(container_id, ()))
        while queue:
            bid = queue.popleft()
            if bid in found or bid == container_id:
                continue
            found.add(bid)
            queue.extend(self.children.get(bid, ()))
        return found

    def conditions(self, block_id: str) -> list[dict[str, Any]] | None:
        """Parsed `conditions` of a condition block (JSON string or list); None when unreadable.
        Parsed once per block (edges, code and tag checks all read it; do not modify)."""
        if block_id in self._conditions:
            return self._conditions[block_id]
        found = self._conditions[block_id] = _json_list(self.value(block_id, "conditions"))
        return found

    def routes(self, block_id: str) -> list[dict[str, Any]] | None:
        return _json_list(self.value(block_id, "routes"))

    # --- graph views -------------------------------------------------------------------------

    @once
    def flow_predecessors(self) -> dict[str, set[str]]:
        """Data-flow predecessors: edges, plus a container's inner blocks before what follows it.

        A block after a loop can read the loop's inner blocks, so each edge leaving a container by
        its end (or plain) handle also gets every block nested in the container as a predecessor.
        """
        preds: dict[str, set[str]] = {}
        for edge in self.edges:
            if edge.source not in self.blocks or edge.target not in self.blocks:
                continue
            into = preds.setdefault(edge.target, set())
            into.add(edge.source)
            if self.is_container(edge.source) and edge.source_handle not in START_HANDLES:
                into.update(self.descendants(edge.source))
        return preds

    @once
    def _bit(self) -> dict[str, int]:
        """A bit per block (and per dangling edge end): ancestor sets are ints, unions are `|`."""
        bits = {bid: 1 << index for index, bid in enumerate(self.blocks)}
        if self.dangling:
            for edge in self.edges:
                for end in (edge.source, edge.target):
                    if end not in bits:
                        bits[end] = 1 << len(bits)
        return bits

    @once
    def _upstream_masks(self) -> dict[str, int]:
        """upstream() for every block as a bit mask: the closure of the flow's predecessors and
        each block's container (`_closure`), computed in one pass over the blocks when each one's
        predecessors come before it (the edges into it, read straight from `in_edges`)."""
        blocks, parents, bits, in_edges = self.blocks, self.parent, self._bit, self.in_edges
        containers = self.containers
        masks: dict[str, int] = {}
        get = masks.get
        inside: dict[str, set[str]] = {}
        for bid in blocks:
            mask = 0
            parent = parents.get(bid)
            if parent is not None and parent in blocks:
                found = get(parent)
                if found is None:
                    return self._upstream_swept()
                mask = bits[parent] | found
            for edge in in_edges.get(bid, ()):
                source = edge.source
                found = get(source)
                if found is None:
                    if source in blocks:
                        return self._upstream_swept()
                    continue  # a dangling end is no flow predecessor
                mask |= bits[source] | found
                if source in containers and edge.source_handle not in START_HANDLES:
                    nested = inside.get(source)
                    if nested is None:
                        nested = inside[source] = self.descendants(source)
                    for inner in nested:  # `flow_predecessors`: the container's inner blocks
                        found = get(inner)
                        if found is None:
                            return self._upstream_swept()
                        mask |= bits[inner] | found
            masks[bid] = mask
        return masks

    def _upstream_swept(self) -> dict[str, int]:
        """`_upstream_masks` for blocks out of flow order."""
        flow, parents, blocks = self.flow_predecessors, self.parent, self.blocks
        preds: dict[str, AbstractSet[str]] = {}
        for bid in blocks:  # the flow's own sets where nothing is added (most blocks)
            found: AbstractSet[str] = flow.get(bid, _NO_PREDS)
            parent = parents.get(bid)
            if parent is not None and parent in blocks:
                found = found | {parent}
            preds[bid] = found
        return _closure_swept(preds, self._bit)

    @once
    def _edge_masks(self) -> dict[str, int]:
        """Every block with a path of edges into each block (Sim's BlockPathCalculator), as masks:
        one pass over the blocks when every edge's source comes before its target (then no
        block reaches itself), else the closure of the edges' predecessor sets."""
        blocks, bits, in_edges = self.blocks, self._bit, self.in_edges
        masks: dict[str, int] = {}
        get = masks.get
        for bid in blocks:
            mask = 0
            for edge in in_edges.get(bid, ()):
                source = edge.source
                found = get(source)
                if found is None:
                    if source in blocks:
                        return self._edge_masks_swept()
                    found = 0  # a dangling end: a source
                mask |= bits[source] | found
            masks[bid] = mask
        self._edges_in_order = True
        return masks

    def _edge_masks_swept(self) -> dict[str, int]:
        """`_edge_masks` for edges out of block order."""
        preds: dict[str, AbstractSet[str]] = dict.fromkeys(self.blocks, _NO_PREDS)
        for edge in self.edges:
            found = preds.get(edge.target)
            if found is _NO_PREDS:
                preds[edge.target] = {edge.source}  # a set of its own on the first edge in
            elif found is not None:
                found.add(edge.source)  # type: ignore[attr-defined]
        return _closure_swept(preds, self._bit)

    @once
    def edges_acyclic(self) -> bool:
        """True when no block reaches itself along edges (self loops included): then no subset
        of the edges has a cycle either. Read off the edge masks references need anyway (edges
        that all lead forward in block order have none)."""
        masks, bits = self._edge_masks, self._bit
        return self._edges_in_order or all(not masks[bid] & bits[bid] for bid in self.blocks)

    @once
    def _starter_mask(self) -> int:
        mask = 0
        for bid, block_type in self.types.items():
            if block_type == "starter":
                mask |= self._bit[bid]
        return mask

    @property
    def bits(self) -> dict[str, int]:
        """The bit of each block (and dangling edge end) in the masks below."""
        return self._bit

    @property
    def upstream_masks(self) -> dict[str, int]:
        """`upstream_mask` of every block, as a dict (for loops over all blocks; do not modify)."""
        return self._upstream_masks

    @property
    def edge_masks(self) -> dict[str, int]:
        """Per block, the blocks with a path of edges into it, as masks (do not modify)."""
        return self._edge_masks

    @property
    def starter_mask(self) -> int:
        """The starters' bits (`readable_mask` is a block's edge mask with these)."""
        return self._starter_mask

    def upstream_mask(self, block_id: str) -> int:
        """upstream(block_id) as a mask of `bits`."""
        return self._upstream_masks.get(block_id, 0)

    def readable_mask(self, block_id: str) -> int:
        """What JUL25 Sim lets `block_id` read, as a mask: blocks with a path of edges into it, and
        the starter (lib/block-path-calculator at 2f57d8a884f0); a block never reads itself, so
        callers leave its own bit out."""
        return self._edge_masks.get(block_id, 0) | self._starter_mask

    @staticmethod
    def _upstream_bfs(block_id: str, preds: Mapping[str, AbstractSet[str]]) -> set[str]:
        seen: set[str] = set()
        queue = deque(preds.get(block_id, ()))
        while queue:
            bid = queue.popleft()
            if bid not in seen:
                seen.add(bid)
                queue.extend(preds.get(bid, ()))
        return seen

    def upstream(self, block_id: str) -> frozenset[str]:
        """Every block with a path to `block_id` (its enclosing containers and their upstream too)."""
        mask = self._upstream_masks.get(block_id, 0)
        return frozenset(bid for bid, bit in self._bit.items() if mask & bit)

    def reachable_from(self, roots: Iterable[str]) -> set[str]:
        """Blocks reached along edges from `roots` (a container's children only through its start
        edges): the roots, and the blocks whose edge mask holds one of them (a path of edges
        through blocks)."""
        blocks, bits = self.blocks, self._bit
        kept = [root for root in roots if root in blocks]
        wanted = 0
        for root in kept:
            wanted |= bits[root]
        reached = set(kept)
        if wanted:
            reached.update(bid for bid, mask in self._edge_masks.items() if mask & wanted)
        return reached

    def _reachable_walk(self, roots: Iterable[str]) -> set[str]:
        """`reachable_from` as a walk along the edges (what the masks must agree with)."""
        seen: set[str] = set()
        queue = deque(roots)
        while queue:
            bid = queue.popleft()
            if bid in seen or bid not in self.blocks:
                continue
            seen.add(bid)
            for edge in self.out_edges.get(bid, ()):
                queue.append(edge.target)
        return seen


_CLOSURE_PASSES = 3


def _closure(preds: dict[str, AbstractSet[str]], bits: dict[str, int]) -> dict[str, int]:
    """For each node of `preds`, the mask of every node with a path into it (`preds`: direct
    predecessors; ends that are not keys count as sources, with an empty mask).

    The masks are the least fixpoint of mask[t] = OR over preds p of (bit[p] | mask[p]), cycles
    included. States list blocks mostly in flow order: when every node's predecessors come
    before it, one pass in that order computes each mask from final ones, and nothing needs
    confirming. Otherwise the (target, pred) pairs are swept (`_closure_swept`)."""
    result: dict[str, int] = {}
    get = result.get
    for bid, ps in preds.items():
        mask = 0
        for p in ps:
            found = get(p)
            if found is None:
                if p in preds:
                    return _closure_swept(preds, bits)  # a predecessor still to come (or itself)
                found = 0  # a dangling end: a source
            mask |= bits[p] | found
        result[bid] = mask
    return result


def _closure_swept(preds: dict[str, AbstractSet[str]], bits: dict[str, int]) -> dict[str, int]:
    """`_closure` for blocks out of flow order: sweeping the (target, pred) pairs in block order
    settles most graphs in a few passes (the last one confirms); a graph that needs more is
    handed to the topological walk below, which gives the same masks."""
    pairs = [(bid, p, bits[p]) for bid, ps in preds.items() for p in ps]
    result = dict.fromkeys(preds, 0)
    get = result.get
    for _ in range(_CLOSURE_PASSES):
        changed = False
        for bid, p, bit in pairs:
            mask = result[bid] | bit | get(p, 0)
            if mask != result[bid]:
                result[bid] = mask
                changed = True
        if not changed:
            return result
    return _closure_in_order(preds, bits)


def _closure_in_order(preds: dict[str, AbstractSet[str]], bits: dict[str, int]) -> dict[str, int]:
    """`_closure` for any graph: topological order where acyclic, a BFS for nodes on or after
    cycles."""
    pending = {bid: len(p) for bid, p in preds.items()}
    succ: dict[str, list[str]] = {}
    for bid, ps in preds.items():
        for p in ps:
            succ.setdefault(p, []).append(bid)
    ready = deque(bid for bid, n in pending.items() if n == 0)
    ready.extend(p for p in succ if p not in preds)  # dangling ends are sources
    result: dict[str, int] = {}
    while ready:
        bid = ready.popleft()
        mask = 0
        for p in preds.get(bid, ()):
            mask |= bits[p] | result.get(p, 0)
        result[bid] = mask
        for nxt in succ.get(bid, ()):
            pending[nxt] -= 1
            if pending[nxt] == 0:
                ready.append(nxt)
    for bid in preds:  # blocks on or after a cycle
        if bid not in result:
            mask = 0
            for other in Context._upstream_bfs(bid, preds):
                mask |= bits[other]
            result[bid] = mask
    return result


def tagged_strings(value: Any) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(path inside `value`, text) of the strings that hold a '<', in document order.

    The path is a tuple of keys/indexes, turned into a JSON pointer only for a finding."""
    if type(value) is str:
        if "<" in value:
            yield (), value
    elif value is not None:
        yield from tagged_in(value, (), 0)


def _json_list(value: Any) -> list[dict[str, Any]] | None:
    entries = branches.parse(value)
    return None if entries is None else [item for item in entries if isinstance(item, dict)]
