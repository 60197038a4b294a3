"""The planner's `re` (lib/generation/rx.py): the standard module's answers, over a cache that keeps the
patterns in use while one-off patterns come and go."""

from __future__ import annotations

import re as stdlib_re
import subprocess
import sys
from pathlib import Path

from lib.generation import rx

ROOT = Path(__file__).resolve().parents[2]
GENERATION = ROOT / "lib" / "generation"


def test_it_answers_as_the_standard_module():
    text = "Every Monday at 9, read the 'Orders' sheet; email ops@example.com if total > 1,000."
    cases = [
        ("search", (r"(?P<day>monday)", text, stdlib_re.I)),
        ("match", (r"every\s+(\w+)", text, stdlib_re.I)),
        ("fullmatch", (r".*com.*", text, 0)),
        ("findall", (r"\d[\d,]*", text, 0)),
        ("split", (r"[;,]\s*", text, 0)),
        ("sub", (r"\s+", "_", text, 0, 0)),
        ("subn", (r"o", "0", text, 2, 0)),
    ]
    for name, args in cases:
        mine, theirs = getattr(rx, name)(*args), getattr(stdlib_re, name)(*args)
        if isinstance(theirs, stdlib_re.Match):
            assert (mine.span(), mine.groupdict()) == (theirs.span(), theirs.groupdict()), name
        else:
            assert mine == theirs, name
    assert [m.span() for m in rx.finditer(r"\w+@\w+", text)] == [
        m.span() for m in stdlib_re.finditer(r"\w+@\w+", text)
    ]
    assert rx.escape("a.b") == stdlib_re.escape("a.b") and rx.I == stdlib_re.I


def test_a_pattern_in_use_stays_while_one_off_patterns_pass_through():
    # In a process of its own: filling the cache with one-off patterns would evict every pattern this test
    # worker's planner has compiled, and the descriptions planned after it would pay for all of them again.
    probe = """
from lib.generation import rx
rx.compile.cache_clear()
hot = r"(?<![\\w#@/])google sheets?(?![\\w@/])"
size = rx.compile.cache_info().maxsize
for n in range(size + 100):  # more one-off patterns than the cache holds, the hot one used in between
    rx.search(rf"\\bword{n}\\b", "text")
    rx.search(hot, "the google sheet")
info = rx.compile.cache_info()
print(info.currsize, size, info.misses)
"""
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    currsize, size, misses = map(int, done.stdout.split())
    assert currsize == size
    assert misses == size + 100 + 1  # every one-off compiled once, the hot one only the first time


def test_every_planner_module_uses_it():
    """A module that imported the standard `re` would recompile its data-built patterns for every description.
    (Read line by line, not parsed: parsing the planner's modules took longer than everything else here.)"""
    importing_re = stdlib_re.compile(
        r"^[ \t]*(?:import[ \t]+[^\n#]*\bre\b|from[ \t]+re[ \t]+import\b)", stdlib_re.M
    )
    direct = [
        path.name
        for path in sorted(GENERATION.glob("*.py"))
        if path.name != "rx.py" and importing_re.search(path.read_text(encoding="utf-8"))
    ]
    assert direct == []
    assert importing_re.search("import json, re\n") and importing_re.search("    from re import sub\n")
    assert not importing_re.search("from lib.generation import rx as re\nimport requests\n")
