"""The route table, derived from the api/ file tree exactly as Vercel derives it.

`api/health.py` → `/api/health`; `api/workflows/index.py` → `/api/workflows`;
`api/workflows/[id].py` → `/api/workflows/{id}`; files starting with `_` are not routes.
Static segments win over dynamic ones, as Vercel's filesystem routes precede its rewrites.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from lib.config import ROOT

API_DIR = ROOT / "api"


@dataclass(frozen=True)
class ApiRoute:
    file: Path
    path: str  # public path with {param} segments
    pattern: re.Pattern[str]
    dynamic: int  # number of dynamic segments (fewer wins)

    @property
    def module_name(self) -> str:
        rel = self.file.relative_to(ROOT).with_suffix("")
        return ".".join(rel.parts)

    def load(self) -> ModuleType:
        return load_module(self.file)


def _public_path(file: Path) -> str:
    parts = list(file.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "index":
        parts = parts[:-1]
    return "/" + "/".join(re.sub(r"^\[(\w+)\]$", r"{\1}", p) for p in parts)


def _pattern(path: str) -> re.Pattern[str]:
    regex = re.sub(r"{(\w+)}", r"(?P<\1>[^/]+)", re.escape(path).replace(r"\{", "{").replace(r"\}", "}"))
    return re.compile(f"^{regex}/?$")


@lru_cache(maxsize=1)
def discover(api_dir: Path = API_DIR) -> tuple[ApiRoute, ...]:
    routes = []
    for file in sorted(api_dir.rglob("*.py")):
        if any(part.startswith("_") for part in file.relative_to(api_dir).parts):
            continue
        path = _public_path(file)
        routes.append(ApiRoute(file, path, _pattern(path), path.count("{")))
    return tuple(sorted(routes, key=lambda r: (r.dynamic, -len(r.path), r.path)))


def match(path: str) -> tuple[ApiRoute, dict[str, str]] | None:
    for route in discover():
        m = route.pattern.match(path)
        if m:
            return route, m.groupdict()
    return None


def load_module(file: Path) -> ModuleType:
    """Import an api/ file by path, under the module name Vercel gives it (e.g. api.workflows.[id])."""
    name = ".".join(file.resolve().relative_to(ROOT).with_suffix("").parts)
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, file)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load route file {file}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module
