"""JavaScript syntax checks for condition expressions and function code, as JUL25 Sim compiles them.

Sim wraps a condition as `with(context) { return <expr> }` and function code as
`(async () => { <code> })` after substituting `<block.path>` references and `{{ENV}}` values.
We substitute both (only the tags Sim's resolver resolves, see `tags`) with a neutral identifier (the values' types are not known before a run) and
parse the wrapped text with tree-sitter's JavaScript grammar. The parser is loaded on first use
and results are cached by source text, so re-validating the same state costs a dict lookup.

Most conditions and many function bodies are one short expression (`<a.b> != 'x'`,
`return <loop.currentItem>`). `simple` recognizes a deliberately small subset of JavaScript that
every parser accepts — names and member chains, one level of call arguments, numbers, plain
quoted strings, binary operators and `!`, on one line, after `return` for a function body, with
an optional trailing `//` comment — and such a text is judged valid without building a tree.
Anything outside the subset (keywords as names, escapes, newlines inside the expression,
unary minus, nested calls, ...) goes to tree-sitter as before; `tests/validation/test_tags_js.py`
checks the subset against tree-sitter on generated texts.
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


# Reserved and contextual words are never names here (`return await`, `async (x)` are left to the
# parser); true, false and null are values. The pattern refuses them wherever a name stands.
_RESERVED = frozenset(
    [
        "await",
        "break",
        "case",
        "catch",
        "class",
        "const",
        "continue",
        "debugger",
        "default",
        "delete",
        "do",
        "else",
        "enum",
        "export",
        "extends",
        "finally",
        "for",
        "function",
        "if",
        "implements",
        "import",
        "in",
        "instanceof",
        "interface",
        "let",
        "new",
        "package",
        "private",
        "protected",
        "public",
        "return",
        "static",
        "super",
        "switch",
        "this",
        "throw",
        "try",
        "typeof",
        "var",
        "void",
        "while",
        "with",
        "yield",
        "async",
        "of",
        "get",
        "set",
        "arguments",
        "eval",
    ]
)
# A name that is not a reserved word: the pattern refuses those itself, so no second pass over
# the text's words is needed.
_WORD = r"[A-Za-z_$][A-Za-z0-9_$]*"
_NAME = rf"(?!(?:{'|'.join(sorted(_RESERVED, key=len, reverse=True))})(?![A-Za-z0-9_$])){_WORD}"
_STRING = r"'[^'\\\n\r\u2028\u2029]*'|" + r'"[^"\\\n\r\u2028\u2029]*"'
_ATOM = rf"(?:{_NAME}(?:\.{_NAME})*|(?:0|[1-9][0-9]*)(?:\.[0-9]+)?|{_STRING})"
# One level of arguments, each followed by a comma that leads to another one, or by the `)`.
_CALL = rf"\((?:[ \t]*{_ATOM}[ \t]*(?:,(?=[ \t]*[^ \t)])|(?=\))))*\)"
_OPERAND = rf"!*[ \t]*(?:{_NAME}(?:\.{_NAME}|{_CALL})*|{_ATOM})"
_BINARY = r"(?:===|!==|==|!=|<=|>=|&&|\|\||[<>+*%-]|/(?![/*]))"
_EXPRESSION = rf"{_OPERAND}(?:[ \t]*{_BINARY}[ \t]*{_OPERAND})*"
_COMMENT = r"//[^\n\r\u2028\u2029]*"


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    """The subset as one pattern for both kinds (`return` and `;` only in a function body);
    compiled on first use, not at import."""
    return re.compile(rf"[ \t\r\n]*(return[ \t]+)?{_EXPRESSION}[ \t]*(;)?[ \t]*(?:{_COMMENT})?[ \t\r\n]*")


def simple(text: str, kind: str) -> bool:
    """Whether `text` (references and {{ENV}} already substituted) is in the subset every
    JavaScript parser accepts, so no parse is needed to call it valid."""
    match = _pattern().fullmatch(text)
    if match is None:
        return False
    returns, semicolon = match.group(1) is not None, match.group(2) is not None
    if kind == "function" and not returns:
        return False
    return not (kind == "condition" and (returns or semicolon))


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
    text = substitute(source, kind, "__ref")
    if "{{" in text:
        text = _ENV.sub("__env", text)
    if simple(text, kind):
        return None
    head, tail = _WRAPPERS[kind]
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
