"""The Redis circuit breaker (cms/cache.py) under test: its clock the test's own, the calls
that reached Redis and failed counted (tests/test_outage.py)."""

import pytest

import cms.cache
from tests.helpers.clock import Clock


@pytest.fixture
def breaker_clock(monkeypatch):
    """The breaker's clock (cms/cache.py), standing still until the test moves it: its retry
    time comes when the test says so, however slow the machine."""
    clock = Clock()
    monkeypatch.setattr(cms.cache, "time", clock)
    return clock


@pytest.fixture
def redis_failures(monkeypatch, breaker_clock):
    """The calls that reached Redis and failed, as the breaker sees them: each is the one
    place a request waits for Redis (up to one timeout); a call the open breaker skips costs
    nothing. Its clock stands still, so no retry time comes during the test."""
    failures = []
    failed = cms.cache.Breaker._failed

    def counted(breaker, error):
        failures.append(error)
        failed(breaker, error)

    monkeypatch.setattr(cms.cache.Breaker, "_failed", counted)
    return failures
