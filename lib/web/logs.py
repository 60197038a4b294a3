"""Logs as JSON lines: one object per record, never a request body nor an exception's text.

The access line (`agent_forge.access`) carries request id, method, route, status, latency and
tenant as fields. An exception attached to a record is reduced to its type: its text and
traceback can quote user data, secrets included.
"""

from __future__ import annotations

import json
import logging
import sys
import time


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        if record.exc_info and record.exc_info[1] is not None:
            entry["exception"] = type(record.exc_info[1]).__name__  # the type only
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure(level: str = "INFO", *, force: bool = False) -> None:
    """JSON lines on stderr for the root logger: always with `force` (serve), else only if nothing
    is configured yet (a serverless runtime that installed its own handler keeps it)."""
    root = logging.getLogger()
    if root.handlers and not force:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines())
    root.handlers = [handler]
    root.setLevel(level.upper())
