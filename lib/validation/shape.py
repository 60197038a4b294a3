"""A cheap test that a state has exactly the JSON types `lib.sim.state.WorkflowState` demands.

The structure rule needs Pydantic only to word its errors: when this plain walk says the state is
well typed, Pydantic (strict mode) would find nothing either, so the model is skipped. Anything this
walk is unsure about answers False and the model decides.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lib.validation.facts import Facts


def _number(value: Any) -> bool:
    return (type(value) is int or type(value) is float) and value is not True and value is not False


def _opt_number(value: Any) -> bool:
    return value is None or _number(value)


def _opt_str(value: Any) -> bool:
    return value is None or type(value) is str


def _opt_bool(value: Any) -> bool:
    return value is None or value is True or value is False


STR = _STR = frozenset({str})
NUMBERS = _NUMBERS = frozenset({int, float})  # type(True) is bool, never int
OPT_NUMBERS = _OPT_NUMBERS = frozenset({int, float, type(None)})
OPT_STRS = _OPT_STRS = frozenset({str, type(None)})
FLAGS = _FLAGS = frozenset({bool, type(None)})


def _str_keys(mapping: dict[Any, Any]) -> bool:
    return _STR.issuperset(map(type, mapping))


def block_typed(block: Any, subs_typed: bool) -> bool:
    """`subs_typed`: the context's walk already found every subBlock well typed (`Facts.typed`).

    Types are compared by set membership (a bool's type is never int: JSON numbers and flags
    cannot be confused), so the common block costs a few lookups and no calls."""
    if type(block) is not dict:
        return False
    get = block.get
    if type(get("id")) is not str or type(get("type")) is not str or type(get("name")) is not str:
        return False
    position = get("position")
    if type(position) is not dict or not (
        type(position.get("x")) in _NUMBERS and type(position.get("y")) in _NUMBERS
    ):
        return False
    if type(get("enabled")) is not bool:
        return False
    subs = get("subBlocks")
    if type(subs) is not dict:
        return False
    if not subs_typed and not _sub_blocks(subs):
        return False
    outputs = get("outputs")
    if outputs is not None and (type(outputs) is not dict or not _STR.issuperset(map(type, outputs))):
        return False
    # The optional flags: absent, null or a bool; height absent, null or a number.
    if not (
        type(get("horizontalHandles")) in _FLAGS
        and type(get("isWide")) in _FLAGS
        and type(get("advancedMode")) in _FLAGS
        and type(get("triggerMode")) in _FLAGS
        and type(get("height")) in _OPT_NUMBERS
        and type(get("parentId")) in _OPT_STRS
    ):
        return False
    extent = get("extent")
    if extent is not None and extent != "parent":
        return False
    data = get("data")
    if data is not None:
        if type(data) is not dict:
            return False
        if data and not data_typed(data):
            return False
    return _STR.issuperset(map(type, block))


def _sub_blocks(subs: dict[Any, Any]) -> bool:
    """String keys, and objects with a string `id` and `type` under them."""
    if not _STR.issuperset(map(type, subs)):
        return False
    for sub in subs.values():
        if (
            sub.__class__ is not dict
            or sub.get("id").__class__ is not str
            or sub.get("type").__class__ is not str
        ):
            return False
    return True


def data_typed(data: dict[Any, Any]) -> bool:
    if not _STR.issuperset(map(type, data)):
        return False
    dget = data.get
    if not (_opt_str(dget("parentId")) and _opt_number(dget("count"))):
        return False
    if not (_opt_str(dget("loopType")) and _opt_str(dget("parallelType"))):
        return False
    return dget("extent") in (None, "parent")


def edge_typed(edge: Any) -> bool:
    if type(edge) is not dict:
        return False
    get = edge.get
    return (
        type(get("id")) is str
        and type(get("source")) is str
        and type(get("target")) is str
        and type(get("sourceHandle")) in _OPT_STRS
        and type(get("targetHandle")) in _OPT_STRS
        and _STR.issuperset(map(type, edge))
    )


def _subflow(entry: Any, count_key: str, type_key: str) -> bool:
    if type(entry) is not dict or not _str_keys(entry):
        return False
    nodes = entry.get("nodes", [])
    if type(nodes) is not list or not all(type(n) is str for n in nodes):
        return False
    return _opt_str(entry.get("id")) and _opt_number(entry.get(count_key)) and _opt_str(entry.get(type_key))


def well_typed(state: Any, facts: Facts | None = None, edges_typed: bool = False) -> bool:
    """True only when WorkflowState.model_validate(state) certainly succeeds. `facts`: the
    context's `Facts` of these very blocks (when its walk found every block well typed, they are
    not walked again; else its `typed` spares the subBlock walk); `edges_typed`: the context's
    edge walk found every edge well typed."""
    if type(state) is not dict or not _str_keys(state):
        return False
    blocks = state.get("blocks")
    if type(blocks) is not dict:
        return False
    if facts is None or facts.misshapen:
        for key, block in blocks.items():
            if type(key) is not str:
                return False
            if not block_typed(block, facts is not None and facts.typed(key)):
                return False
    edges = state.get("edges", [])
    if type(edges) is not list or not (edges_typed or all(edge_typed(e) for e in edges)):
        return False
    loops = state.get("loops", {})
    if type(loops) is not dict or not all(
        type(k) is str and _subflow(v, "iterations", "loopType") for k, v in loops.items()
    ):
        return False
    parallels = state.get("parallels", {})
    return type(parallels) is dict and all(
        type(k) is str and _subflow(v, "count", "parallelType") for k, v in parallels.items()
    )
