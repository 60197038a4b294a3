"""JavaScript syntax checks for condition expressions and function code, as JUL25 Sim compiles them.

Sim wraps a condition as `with(context) { return <expr> }` and function code as
`(async () => { <code> })` after substituting `<block.path>` references and `{{ENV}}` values.
We substitute both (only the tags Sim's resolver resolves, see `tags`) with a neutral identifier (the values' types are not known before a run) and
parse the wrapped text with tree-sitter's JavaScript grammar. The parser is loaded on first use
and results are cached by source text, so re-validating the same state costs a dict lookup.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from lib.validation.tags import substitute

_ENV = re.compile(r"\{\{[^{}]+\}\}")
_WRAPPERS = {
    "condition": ("function __c(context) { with (context) { return ", "\n} }"),
    "function": ("(async () => {\n", "\n})"),
}


@lru_cache(maxsize=1)
def _parser() -> Any:
    import tree_sitter
    import tree_sitter_javascript

    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_javascript.language()))


def _first_error(node: Any) -> Any:
    """The first ERROR or MISSING node, depth first (None when the tree is clean)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.is_error or current.is_missing:
            return current
        if current.has_error:
            stack.extend(reversed(current.children))
    return None


@lru_cache(maxsize=4096)
def syntax_error(source: str, kind: str) -> str | None:
    """None when `source` compiles as Sim would compile it, else a short description of where not.

    `kind` is 'condition' (an expression) or 'function' (a function body).
    """
    head, tail = _WRAPPERS[kind]
    text = _ENV.sub("__env", substitute(source, kind, "__ref"))
    tree = _parser().parse((head + text + tail).encode("utf-8"))
    if not tree.root_node.has_error:
        return None
    bad = _first_error(tree.root_node)
    body = text.encode("utf-8")
    at = max(0, min(len(body), (bad.start_byte if bad is not None else 0) - len(head.encode("utf-8"))))
    line = body[:at].count(b"\n") + 1
    near = body[at : at + 30].decode("utf-8", "replace").split("\n", 1)[0].strip()
    what = "a missing token" if bad is not None and bad.is_missing else "a syntax error"
    return f"{what} at line {line}" + (f" near '{near}'" if near else " at the end")
