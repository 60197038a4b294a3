"""Load: N clients × S seconds of mixed reads and writes against a real uvicorn server on loopback.

Starts `python -m lib serve` over a scratch embedded PostgreSQL (rate limits on, set high enough
that they count every request but refuse none), creates API keys for 5 tenants, then runs the
clients: 60% reads (own workflow, a list page, the templates) and 40% writes (create, replace
with the held version). Prints throughput and p50/p95/p99 per kind beside a floor (the same
clients fetching a static file from the same server), the errors (non-2xx, transport), and then
reads back every acknowledged write: lost ones are listed. Exits 1 on any error or loss.

Run: python bench/load.py [--clients 50] [--seconds 60]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _loadkit import Server, floor, run_clients, summary, verify


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--pool", type=int, default=10, help="DB_POOL_MAX of the server")
    args = parser.parse_args()
    server = Server(
        RATE_LIMIT_PER_MINUTE="10000000", RATE_LIMIT_LLM_PER_MINUTE="10000000", DB_POOL_MAX=str(args.pool)
    )
    try:
        keys = [server.key(f"load-{i}") for i in range(5)]
        base = asyncio.run(floor(server.url, args.clients, min(10.0, args.seconds / 6)))
        tally, _ = asyncio.run(run_clients(server.url, keys, args.clients, args.seconds))
        elapsed = tally.elapsed
        lost = verify(server.url, tally)
    finally:
        server.close()
    total = sum(len(v) for v in tally.latencies.values())
    writes = sum(len(tally.latencies.get(k, [])) for k in ("create", "replace"))
    print(f"{args.clients} clients × {elapsed:.1f} s on loopback, server pool {args.pool} connections")
    print(
        f"throughput: {total / elapsed:,.0f} requests/s ({writes / elapsed:,.0f} writes/s), {total:,} requests"
    )
    print(f"all requests: {summary([x for v in tally.latencies.values() for x in v])}")
    for kind, values in sorted(tally.latencies.items()):
        print(f"  {kind:<10} {summary(values)}")
    print(f"floor (static file, same clients and server): {summary(base)}")
    print(f"statuses: {dict(sorted(tally.statuses.items()))}")
    print(f"errors: {len(tally.errors)}" + (f" e.g. {tally.errors[:5]}" if tally.errors else ""))
    print(
        f"acknowledged writes: {len(tally.created):,} creates, {len(tally.updated):,} workflows replaced; "
        f"lost after read-back: {len(lost)}" + (f" e.g. {lost[:5]}" if lost else "")
    )
    return 1 if tally.errors or lost else 0


if __name__ == "__main__":
    sys.exit(main())
