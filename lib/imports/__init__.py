"""Importing Sim workflows: CSV table exports, JSON states and envelopes, JUL25 YAML.

`run_import(tenant, [Source(name, data)])` is the one entry point; the HTTP route, the CLI and
the object-storage runner all call it. Large files reach it through `lib.imports.storage`.
"""

from lib.imports.models import Imported, ImportReport, Rejected
from lib.imports.pipeline import Source, detect_kind, run_import

__all__ = ["ImportReport", "Imported", "Rejected", "Source", "detect_kind", "run_import"]
