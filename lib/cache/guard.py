"""Nothing secret enters the cache: a result is cached only when there is nothing to hide in it.

The generated state must pass the `secrets` validator with no finding and come out of
`redact_state` unchanged, and neither the request nor the state may contain text shaped like a
credential (provider key prefixes, private keys, `password: …`). Until a shared scrubber exists
(`lib/secrets`), refusing is the safe answer: the request is simply generated every time.
"""

from __future__ import annotations

import json
import re
from typing import Any

CREDENTIAL_TEXT = re.compile(
    r"\b(?:sk|rk|pk)[-_](?:live|test|proj|ant)?[-_]?[A-Za-z0-9_-]{12,}"  # OpenAI, Anthropic, Stripe
    r"|\bxox[abprs]-[A-Za-z0-9-]{8,}"  # Slack
    r"|\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}|\bgithub_pat_[A-Za-z0-9_]{20,}"  # GitHub
    r"|\bglpat-[A-Za-z0-9_-]{16,}"  # GitLab
    r"|\bAKIA[0-9A-Z]{16}\b|\bAIza[0-9A-Za-z_-]{30,}"  # AWS, Google
    r"|\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"  # JWT
    r"|-----BEGIN [A-Z ]*PRIVATE KEY-----"
    r"|\b(?:bearer|basic)\s+[A-Za-z0-9._~+/=-]{16,}"
    r"|\b(?:api[ _-]?key|secret|password|passwd|token|access[ _-]?key)\s*(?:is|=|:)\s*['\"]?(?!\{\{)[^\s'\"]{6,}",
    re.I,
)


def secret_text(text: str) -> bool:
    return CREDENTIAL_TEXT.search(text) is not None


def refusal(description: str, state: dict[str, Any], report: Any) -> str | None:
    """Why this result must not be cached, or None when it may be."""
    from lib.sim.redact import redact_state

    if secret_text(description):
        return "the request contains something shaped like a credential"
    if any(f.validator == "secrets" for f in report.findings):
        return "the state holds a plain-text secret"
    _, redacted = redact_state(state)
    if redacted:
        return "the state holds values that redaction would remove"
    if secret_text(json.dumps(state, ensure_ascii=False)):
        return "the state contains something shaped like a credential"
    return None
