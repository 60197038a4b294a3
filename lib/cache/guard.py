"""Nothing secret enters the cache: a result is cached only when there is nothing to hide in it.

By the time the cache sees a request, generation has already stored any key pasted into the
description and put a `{{NAME}}` reference in its place (`lib.store.secrets.protect_text`). Here
the generated state must pass the `secrets` validator with no finding and `lib.secrets.scrub`
must find nothing in it, nor in the description or the coverage report kept beside it; otherwise the answer is simply not cached (the
request is generated every time), so no cache row can hold a secret in clear.
"""

from __future__ import annotations

from typing import Any


def refusal(description: str, state: dict[str, Any], report: Any, coverage: Any = None) -> str | None:
    """Why this result must not be cached, or None when it may be."""
    from lib.secrets import scrub, scrub_text

    if scrub_text(description)[1]:
        return "the request contains a secret"
    if any(f.validator == "secrets" for f in report.findings):
        return "the state holds a plain-text secret"
    if scrub(state)[1]:
        return "the state contains a secret"
    if coverage is not None and scrub(coverage)[1]:
        return "the coverage report contains a secret"
    return None
