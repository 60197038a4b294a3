"""Faults: PostgreSQL killed (SIGKILL) and restarted in the middle of load.

Starts `python -m lib serve` over a scratch embedded PostgreSQL and runs N clients of mixed
reads and writes. A third of the way in the postmaster is killed; the server's watchdog starts
it again (the app process is never restarted). Prints what clients got during the outage (only
503s with Retry-After are acceptable, and how fast they came), the time until requests succeed
again, and reads back every acknowledged write. Exits 1 on a 5xx other than 503, a transport
error, a slow 503, no recovery, or a lost acknowledged write.

Run: python bench/faults.py [--clients 20] [--seconds 30]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _loadkit import Server, pct, run_clients, verify

SLOW_503_S = 3.0  # a 503 slower than this is not "fast" (the pool timeout is 2 s)


async def kill_and_wait(server: Server, after_s: float) -> tuple[float, float]:
    """SIGKILL the postmaster after `after_s`; (when, when a new postmaster runs)."""
    await asyncio.sleep(after_s)
    victim = server.postmaster()
    killed_at = time.monotonic()
    os.kill(victim, signal.SIGKILL)
    while server.postmaster() in (None, victim):
        await asyncio.sleep(0.1)
    return killed_at, time.monotonic()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    server = Server(RATE_LIMIT_PER_MINUTE="10000000", RATE_LIMIT_LLM_PER_MINUTE="10000000", DB_POOL_MAX="10")
    try:
        keys = [server.key(f"faults-{i}") for i in range(5)]
        fault = kill_and_wait(server, args.seconds / 3)
        allowed = frozenset({200, 201, 409, 503})
        run = run_clients(server.url, keys, args.clients, args.seconds, allowed=allowed, beside=fault)
        tally, (killed_at, restarted_at) = asyncio.run(run)
        app_restarted = server.proc.poll() is not None
        lost = verify(server.url, tally)
    finally:
        server.close()

    after = sorted(t for t in tally.timeline if t[0] >= killed_at)
    outage = [t for t in after if t[1] != 0 and t[1] >= 500]
    first_ok = next((t for t in after if t[1] in (200, 201) and t[0] > restarted_at - 0.001), None)
    recovered = first_ok[0] + first_ok[2] - killed_at if first_ok else None
    bad = [t for t in after if t[1] not in (200, 201, 409, 503)]
    slow = [t for t in outage if t[2] > SLOW_503_S]
    s503 = [t[2] * 1000 for t in outage if t[1] == 503]
    print(f"{args.clients} clients × {args.seconds:.0f} s; postmaster killed at {args.seconds / 3:.0f} s")
    print(
        f"embedded PostgreSQL process started again {restarted_at - killed_at:.1f} s after the kill (by the watchdog in the app)"
    )
    print(f"first success {recovered:.1f} s after the kill" if recovered else "NO recovery")
    print(
        f"during the outage: {len(s503)} × 503 (p50 {pct(s503, 0.5):.0f} ms, p99 {pct(s503, 0.99):.0f} ms, "
        f"max {max(s503, default=0):.0f} ms); other 5xx or transport errors: {len(bad)}"
    )
    print(f"statuses over the whole run: {dict(sorted(tally.statuses.items()))}")
    print(f"app process restarted: {'yes' if app_restarted else 'no'}")
    print(
        f"acknowledged writes: {len(tally.created):,} creates, {len(tally.updated):,} workflows replaced; "
        f"lost after read-back: {len(lost)}" + (f" e.g. {lost[:5]}" if lost else "")
    )
    failed = bad or slow or recovered is None or lost or app_restarted
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
