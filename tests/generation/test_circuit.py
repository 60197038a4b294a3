"""The circuit breaker: opens after N consecutive failures, reports until when, closes on success."""

from lib.generation import circuit


def test_opens_after_threshold_and_reports_until():
    circuit.reset()
    b = circuit.breaker("test-provider", threshold=2, cool_down_s=60)
    assert b.allow() and not b.failure()
    assert b.failure() and not b.allow()
    assert "test-provider" in circuit.open_circuits()
    circuit.reset("test-provider")
    assert b.allow() and "test-provider" not in circuit.open_circuits()


def test_success_resets_the_count():
    b = circuit.breaker("test-provider-2", threshold=2)
    b.failure()
    b.success()
    assert not b.failure() and b.allow()
    circuit.reset()
