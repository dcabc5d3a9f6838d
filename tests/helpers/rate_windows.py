"""Tests that count requests against a rate limit exactly: their requests fall into one
rate-limit window (`one_rate_window`: the per-process limiter's clock stands still,
`frozen_rate_clock`, and Redis windows begin at a test's first request); where Redis keeps a
window (`current_window_key`)."""

import time

import limits.storage.memory
import pytest
from django.core.cache import caches
from limits import RateLimitItemPerSecond

from cms import rate_limit
from tests.helpers.clock import Clock


@pytest.fixture
def one_rate_window(frozen_rate_clock):
    """The test's requests fall into one rate-limit window, however slow the machine, without
    waiting for one to begin. The sliding-window counter (the `limits` library) rounds the
    previous window's weighted count down, so a client that used its whole allowance just
    before a window boundary gets one more request just after it; a test that counts requests
    exactly must not see a boundary pass:
    - the per-process counts (no Redis, or Redis down) run on `frozen_rate_clock`;
    - with Redis a window begins at its key's first request (the key's TTL, the library's Lua
      script): every test starts with fresh keys (the cache is cleared before it), and no test
      that counts takes a window's length (GRAPHQL_RATE_LIMIT_WINDOW: a minute)."""
    return frozen_rate_clock


@pytest.fixture
def frozen_rate_clock(monkeypatch):
    """The per-process rate-limit counts (`limits`' MemoryStorage: no Redis, or Redis down)
    on a clock of the test's own, standing still one second into a window (of every length that
    divides a day) until the test moves it: no window boundary passes unless the test says so,
    however slow the machine. Redis counts by its own clock (its keys' TTLs)."""
    clock = Clock(86400 * (time.time() // 86400) + 1)
    monkeypatch.setattr(limits.storage.memory, "time", clock)
    return clock


def current_window_key(scope, client, limit, window):
    """The Redis key of the rate limiter's current window for (scope, client), as
    cms/rate_limit.py counts it with Redis."""
    storage = rate_limit._limiters.for_cache(caches["default"])[0].storage
    key = RateLimitItemPerSecond(limit, window).key_for(scope, client)
    return storage.prefixed_key(storage._current_window_key(key))
