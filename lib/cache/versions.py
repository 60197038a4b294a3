"""What produced a cached answer: generator, its version, model, prompt, block registry, catalogue,
and the validators that passed it.

All of it is part of the cache key, so changing any of them (a new model, an edited prompt, a
planner fix, a block type added to the registry, a stricter rule) turns every older entry into a
miss without a manual flush. Versions are content hashes of the files that define each part, computed once per
process.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from lib.config import ROOT, settings


def _hash_files(*patterns: str) -> str:
    digest = hashlib.sha256()
    for pattern in patterns:
        for path in sorted(ROOT.glob(pattern)):
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def generator_version() -> str:
    """The generation code and the planner's vocabulary."""
    return _hash_files("lib/generation/*.py", "lib/generation/*.json")


@lru_cache(maxsize=1)
def registry_version() -> str:
    return _hash_files("lib/sim/blocks/*.json", "lib/sim/registry.py")


@lru_cache(maxsize=1)
def catalogue_version() -> str:
    return _hash_files("lib/templates/catalogue/*.json")


@lru_cache(maxsize=1)
def validator_version() -> str:
    """The validators and what they read (Sim's names and state model, the secret formats) and the
    id rewriting applied when serving: an entry stored as valid stays valid while this holds."""
    return _hash_files(
        "lib/validation/**/*.py",
        "lib/validation/*.json",
        "lib/sim/*.py",
        "lib/secrets/*.py",
        "lib/secrets/*.json",
        "lib/templates/reid.py",
    )


@lru_cache(maxsize=1)
def prompt_version() -> str:
    """The prompt Claude receives before the user's text (rules, block catalogue, examples)."""
    from lib.generation import claude

    prefix = getattr(claude, "system_prefix", None)
    text = prefix() if callable(prefix) else Path(claude.__file__).read_text(encoding="utf-8")
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def context(generator: str) -> dict[str, Any]:
    """The key part that says what would produce (or produced) the answer now."""
    claude = generator == "claude"
    return {
        "generator": generator,
        "generator_version": generator_version(),
        "model": settings().anthropic_model if claude else None,
        "prompt_version": prompt_version() if claude else None,
        "registry_version": registry_version(),
        "catalogue_version": catalogue_version(),
        "validator_version": validator_version(),
    }


def preferred_generator() -> str:
    """Which generator would answer this request first."""
    from lib.generation import claude

    return "claude" if claude.available() else "planner"
