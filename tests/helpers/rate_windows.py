"""Tests that count requests against a rate limit exactly: their requests fall into one
rate-limit window (`one_rate_window`), or the per-process limiter's clock stands still
(`frozen_rate_clock`); where Redis keeps a window (`current_window_key`)."""

import time

import limits.storage.memory
import pytest
from django.core.cache import caches
from limits import RateLimitItemPerSecond

from cms import rate_limit
from tests.helpers.clock import Clock


def start_in_one_window(*windows):
    """Wait, if need be, so that the next seconds fall into one window of each length."""
    for window in windows:
        left = window - time.time() % window
        if left < 5:
            time.sleep(left + 0.05)


@pytest.fixture
def one_rate_window(settings):
    """The test's requests fall into one rate-limit window. The sliding-window counter (the
    `limits` library) rounds the previous window's weighted count down, so a client that used
    its whole allowance just before a window boundary gets one more request just after it. A
    test that counts requests exactly does not start in the last seconds of a window."""
    start_in_one_window(settings.GRAPHQL_RATE_LIMIT_WINDOW, settings.NOMINATION_RATE_LIMIT_WINDOW)


@pytest.fixture
def one_nomination_rate_window(settings):
    """`one_rate_window` for tests that count only nominations: a handful of requests, far
    below GraphQL's allowance, so GraphQL's window (a minute: one test in twelve would wait up
    to five seconds for it) does not matter to them."""
    start_in_one_window(settings.NOMINATION_RATE_LIMIT_WINDOW)


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
