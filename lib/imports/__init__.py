"""Importing Sim workflows: CSV table exports, JSON states and envelopes, JUL25 YAML.

`run_import(tenant, [Source(name, data)])` imports files now (the HTTP route, the CLI); uploads
too large for a request body go through `lib.imports.storage`, which runs the same staged batches
(`lib.imports.jobs`) a time budget at a time.

The names below load on first access: a route that only needs `lib.imports.models` (the
validation and progress routes) does not import the pipeline and the Sim parsers with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lib.imports.models import Imported, ImportReport, Rejected
    from lib.imports.pipeline import Source, detect_kind, run_import

__all__ = ["ImportReport", "Imported", "Rejected", "Source", "detect_kind", "run_import"]

_HOME = {
    "ImportReport": "lib.imports.models",
    "Imported": "lib.imports.models",
    "Rejected": "lib.imports.models",
    "Source": "lib.imports.pipeline",
    "detect_kind": "lib.imports.pipeline",
    "run_import": "lib.imports.pipeline",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'lib.imports' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
