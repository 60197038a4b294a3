"""Importing Sim workflows: CSV table exports, JSON states and envelopes, JUL25 YAML.

`run_import(tenant, [Source(name, data)])` imports files now (the HTTP route, the CLI); uploads
too large for a request body go through `lib.imports.storage`, which runs the same staged batches
(`lib.imports.jobs`) a time budget at a time.
"""

from lib.imports.models import Imported, ImportReport, Rejected
from lib.imports.pipeline import Source, detect_kind, run_import

__all__ = ["ImportReport", "Imported", "Rejected", "Source", "detect_kind", "run_import"]
