"""Rate limit counters: one atomic upsert per request, correct under concurrency, windows roll over."""

from __future__ import annotations

import threading
import time
import uuid

from lib.store import rate_limits


def _bucket(kind: str = "api") -> str:
    return f"ip:test-{uuid.uuid4().hex[:10]}:{kind}"


def test_each_hit_counts_once_and_reports_the_time_left(store):
    a, b = _bucket(), _bucket("llm")
    first = rate_limits.hit({a: 60, b: 60})
    assert first[a].hits == 1 and first[b].hits == 1
    second = rate_limits.hit({a: 60})
    assert second[a].hits == 2
    assert 0 < second[a].reset_s <= 60


def test_concurrent_hits_are_never_lost_nor_double_counted(store):
    bucket = _bucket()
    seen: list[int] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(10):
            n = rate_limits.hit({bucket: 3600})[bucket].hits
            with lock:
                seen.append(n)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # 80 hits, each saw a different count: the upsert is atomic (no read-modify-write race)
    assert sorted(seen) == list(range(1, 81))


def test_a_new_window_starts_from_one(store):
    bucket = _bucket()
    rate_limits.hit({bucket: 1})
    rate_limits.hit({bucket: 1})
    time.sleep(1.05)
    assert rate_limits.hit({bucket: 1})[bucket].hits == 1


def test_idle_buckets_are_forgotten(store):
    bucket = _bucket()
    rate_limits.hit({bucket: 1})
    time.sleep(1.1)
    assert rate_limits.forget_older_than(1) >= 1
    assert rate_limits.hit({bucket: 1})[bucket].hits == 1
