"""An HTTP request body → import sources: multipart/form-data (any number of files) or one document.

Multipart is parsed with python-multipart's streaming parser; each part is spooled (memory up to
1 MiB, then a temp file), so many or large parts never pile up in memory.
"""

from __future__ import annotations

import tempfile
from typing import Any

from python_multipart import MultipartParser
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import parse_options_header

from lib.errors import InvalidInput, MalformedInput, UnsupportedMedia
from lib.imports.pipeline import Source

__all__ = ["sources_from_body"]

_DOCUMENT_TYPES = {
    "application/json": "body.json",
    "application/yaml": "body.yaml",
    "application/x-yaml": "body.yaml",
    "text/yaml": "body.yaml",
    "text/x-yaml": "body.yaml",
    "text/csv": "body.csv",
    "application/csv": "body.csv",
    "text/plain": "body.txt",
}
_SPOOL = 1 << 20


def _parts(content: bytes, content_type: str) -> list[Source]:
    _ctype, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if not boundary:
        raise MalformedInput("multipart body has no boundary in its content-type", field="content-type")
    parts: list[dict[str, Any]] = []
    state: dict[str, Any] = {"field": b"", "value": b""}

    def on_part_begin() -> None:
        spool = tempfile.SpooledTemporaryFile(_SPOOL)
        parts.append({"headers": {}, "file": spool, "size": 0})

    def on_part_data(data: bytes, start: int, end: int) -> None:
        parts[-1]["file"].write(data[start:end])
        parts[-1]["size"] += end - start

    def on_header_field(data: bytes, start: int, end: int) -> None:
        state["field"] += data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        state["value"] += data[start:end]

    def on_header_end() -> None:
        # latin-1 keeps the raw bytes: parse_options_header re-encodes them, and names are decoded as UTF-8 below.
        parts[-1]["headers"][state["field"].decode("latin-1").lower()] = state["value"].decode("latin-1")
        state["field"], state["value"] = b"", b""

    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": on_part_begin,
            "on_part_data": on_part_data,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
        },
    )
    try:
        parser.write(content)
        parser.finalize()
    except (MultipartParseError, ValueError) as exc:
        raise MalformedInput(f"multipart body could not be parsed: {exc}", field="body") from None
    sources = []
    for i, part in enumerate(parts):
        _disp, opts = parse_options_header(part["headers"].get("content-disposition", ""))
        name = (opts.get(b"filename") or opts.get(b"name") or f"part{i + 1}".encode()).decode(
            "utf-8", "replace"
        )
        if part["size"] == 0:
            continue
        part["file"].seek(0)
        sources.append(Source(name=name, data=part["file"], size=part["size"]))
    if not sources:
        raise InvalidInput(
            "the multipart body holds no file; attach one or more CSV, JSON or YAML files", field="body"
        )
    return sources


def sources_from_body(
    content: bytes, content_type: str, full_content_type: str | None = None
) -> list[Source]:
    """Import sources from a request body; 415 for a type we cannot read, 422 for an empty body."""
    if content_type == "multipart/form-data":
        return _parts(content, full_content_type or content_type)
    if not content.strip():
        raise InvalidInput(
            "request body is empty; send files as multipart/form-data, or a JSON/YAML document", field="body"
        )
    name = _DOCUMENT_TYPES.get(content_type or "application/json")
    if name is None:
        raise UnsupportedMedia(
            f"content type {content_type} is not accepted; use multipart/form-data, "
            "application/json, application/yaml or text/csv",
            field="content-type",
        )
    return [Source(name=name, data=content, size=len(content))]
