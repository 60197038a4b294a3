"""Circuit breakers: after N consecutive failures a provider is skipped for a cool-down.

State lives in the process (a warm serverless function or the local server); a cold start begins
closed, which is the safe default: one request pays for discovering an outage again.
`lib.health` reads `open_circuits()` to report skipped providers.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime

FAILURE_THRESHOLD = 3
COOL_DOWN_S = 60.0

_lock = threading.Lock()
_breakers: dict[str, Breaker] = {}


@dataclass
class Breaker:
    """Closed → open after `threshold` consecutive failures; half-open (one trial) after the cool-down."""

    name: str
    threshold: int = FAILURE_THRESHOLD
    cool_down_s: float = COOL_DOWN_S
    failures: int = 0
    open_until: float = 0.0  # time.time() epoch; 0 = closed

    def allow(self) -> bool:
        """May a call go out now? After the cool-down one trial call is let through."""
        with _lock:
            if self.open_until and time.time() < self.open_until:
                return False
            return True

    def success(self) -> None:
        with _lock:
            self.failures = 0
            self.open_until = 0.0

    def failure(self) -> bool:
        """Record a failure; True when this one opened the circuit."""
        with _lock:
            self.failures += 1
            if self.failures >= self.threshold:
                self.open_until = time.time() + self.cool_down_s
                return True
            return False

    def is_open(self) -> bool:
        return bool(self.open_until) and time.time() < self.open_until


def breaker(name: str, *, threshold: int | None = None, cool_down_s: float | None = None) -> Breaker:
    """The process-wide breaker for `name` (created on first use; settings apply to a new one)."""
    with _lock:
        found = _breakers.get(name)
        if found is None:
            found = _breakers[name] = Breaker(
                name, threshold or FAILURE_THRESHOLD, cool_down_s or COOL_DOWN_S
            )
        return found


def open_circuits() -> dict[str, str]:
    """{name: ISO time until which it is skipped} for every open breaker."""
    now = time.time()
    return {
        name: datetime.fromtimestamp(b.open_until, UTC).isoformat(timespec="seconds")
        for name, b in list(_breakers.items())
        if b.open_until and now < b.open_until
    }


def reset(name: str | None = None) -> None:
    """Close one breaker (or all): tests, and an operator after a fixed outage."""
    with _lock:
        for key in [name] if name else list(_breakers):
            b = _breakers.get(key)
            if b is not None:
                b.failures, b.open_until = 0, 0.0
