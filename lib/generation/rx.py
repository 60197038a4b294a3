"""The `re` functions the planner calls, over a compiled-pattern cache that keeps the patterns in use.

The planner builds its patterns from data (a service's phrases, an operation's objects, the words of the
description), some 8,000 distinct ones over two evaluation sets. `re` keeps 512 compiled patterns and, when
full, drops the oldest one first, so most were compiled again for every description (about a quarter of the
planning time, measured 2026-12-06). This cache drops the least recently *used* pattern instead, so the
patterns every description needs stay while the ones built from a single description's words age out.

Modules of the planner import it as `re`; everything else is the standard module's.
"""

from __future__ import annotations

import re as _re
from collections.abc import Iterator
from functools import lru_cache
from re import ASCII, DOTALL, IGNORECASE, MULTILINE, VERBOSE, A, I, M, Match, Pattern, S, X, error
from typing import Any

__all__ = [
    "ASCII",
    "DOTALL",
    "IGNORECASE",
    "MULTILINE",
    "VERBOSE",
    "A",
    "I",
    "M",
    "Match",
    "Pattern",
    "S",
    "X",
    "compile",
    "error",
    "escape",
    "findall",
    "finditer",
    "fullmatch",
    "match",
    "search",
    "split",
    "sub",
    "subn",
]


@lru_cache(maxsize=16384)
def compile(pattern: str | Pattern[str], flags: int = 0) -> Pattern[str]:
    """`re.compile`, kept in a least-recently-used cache."""
    return _re.compile(pattern, flags)


@lru_cache(maxsize=16384)
def escape(pattern: str) -> str:
    """`re.escape`, kept: the planner escapes the same service phrases about a million times over a few hundred
    descriptions (about 5% of its time)."""
    return _re.escape(pattern)


def search(pattern: str | Pattern[str], string: str, flags: int = 0) -> Match[str] | None:
    return compile(pattern, flags).search(string)


def match(pattern: str | Pattern[str], string: str, flags: int = 0) -> Match[str] | None:
    return compile(pattern, flags).match(string)


def fullmatch(pattern: str | Pattern[str], string: str, flags: int = 0) -> Match[str] | None:
    return compile(pattern, flags).fullmatch(string)


def sub(pattern: str | Pattern[str], repl: Any, string: str, count: int = 0, flags: int = 0) -> str:
    return compile(pattern, flags).sub(repl, string, count)


def subn(
    pattern: str | Pattern[str], repl: Any, string: str, count: int = 0, flags: int = 0
) -> tuple[str, int]:
    return compile(pattern, flags).subn(repl, string, count)


def split(pattern: str | Pattern[str], string: str, maxsplit: int = 0, flags: int = 0) -> list[Any]:
    return compile(pattern, flags).split(string, maxsplit)


def findall(pattern: str | Pattern[str], string: str, flags: int = 0) -> list[Any]:
    return compile(pattern, flags).findall(string)


def finditer(pattern: str | Pattern[str], string: str, flags: int = 0) -> Iterator[Match[str]]:
    return compile(pattern, flags).finditer(string)
