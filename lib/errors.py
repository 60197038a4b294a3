"""The domain's exception tree, described once.

Domain code raises these and never thinks about HTTP; `lib.web.errors` maps each class to a
status code in one table. Every error can name the offending `field` (e.g. ``body.description``)
and carry machine-readable `details` (validation findings, rejected rows ...).
"""

from __future__ import annotations

from typing import Any


class AgentForgeError(Exception):
    """Base of every error we raise on purpose."""

    code = "error"

    def __init__(self, message: str, *, field: str | None = None, details: list[Any] | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = details or []
        self.headers: dict[str, str] = {}


class InvalidInput(AgentForgeError):
    """The input parsed but breaks a rule (wrong type, unknown field, invalid state)."""

    code = "validation_error"


class CannotPlan(InvalidInput):
    """The description is valid text, but no workflow can be made of it without guessing."""

    code = "cannot_plan"


class MalformedInput(AgentForgeError):
    """The input could not be parsed at all (bad JSON, CSV or YAML syntax)."""

    code = "malformed_input"


class NotFound(AgentForgeError):
    code = "not_found"


class Conflict(AgentForgeError):
    """A write raced another one (stale version) or would duplicate something unique."""

    code = "conflict"


class PayloadTooLarge(AgentForgeError):
    code = "payload_too_large"


class UnsupportedMedia(AgentForgeError):
    code = "unsupported_media_type"


class Unauthorized(AgentForgeError):
    code = "unauthorized"


class Forbidden(AgentForgeError):
    code = "forbidden"


class ProviderError(AgentForgeError):
    """An upstream AI or storage provider failed in a way the caller should see."""

    code = "provider_error"


class Unavailable(AgentForgeError):
    """A dependency we cannot work without (the database) is unreachable: retry shortly."""

    code = "unavailable"
    retry_after: int | None = 2

    def __init__(self, message: str, *, retry_after: int | None = None, **kw: Any):
        super().__init__(message, **kw)
        if retry_after is not None:
            self.retry_after = retry_after


class RateLimited(AgentForgeError):
    """Too many requests in the window, or the tenant's daily LLM budget is spent."""

    code = "rate_limited"

    def __init__(self, message: str, *, retry_after: int, headers: dict[str, str] | None = None, **kw):
        super().__init__(message, **kw)
        self.retry_after = max(1, int(retry_after))
        self.headers = {**(headers or {}), "retry-after": str(self.retry_after)}


class BudgetExceeded(RateLimited):
    code = "budget_exceeded"


class SchemaMismatch(Unavailable):
    """The database's schema is not the one this code was built for (newer, or behind and not migrated)."""

    code = "schema_mismatch"
