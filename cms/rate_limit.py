"""Rate limits per client (GraphQL and REST share one count; nominations, admin logins and
password resets have their own scopes).

A sliding window (limits' sliding-window counter: the previous window's count, weighted by how
much of it still overlaps, plus the current one), so a burst across a window boundary does not
get twice the allowance. With Redis (the default cache is cms.cache.RedisCache) the count is
shared by every process: one Lua script counts, one reads the window (for the X-RateLimit-*
headers), two round trips per request through the cache's connection pool and breaker. While
Redis is down or hanging, and without Redis at all (development, SQLite tests), the count
lives in this process's memory: during an outage each worker process counts on its own, so a
client may get up to (number of processes) x limit."""

import math
import threading
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver
from limits import RateLimitItemPerSecond
from limits.storage import MemoryStorage, RedisStorage
from limits.strategies import SlidingWindowCounterRateLimiter
from redis.exceptions import NoScriptError

from cms.cache import RedisCache, RedisUnavailable
from cms.models import PartnerApiKey


class _Limiters:
    def __init__(self):
        self._lock = threading.Lock()
        self.reset()

    def reset(self):
        with self._lock:
            self.local = SlidingWindowCounterRateLimiter(MemoryStorage())
            self.shared = {}  # Redis location -> limiter on that cache's connection pool

    def for_cache(self, backend):
        """(shared limiter, breaker) for the default cache, or None without Redis."""
        if not isinstance(backend, RedisCache):
            return None
        with self._lock:
            limiter = self.shared.get(backend.breaker)
            if limiter is None:
                storage = RedisStorage(
                    "redis://",
                    connection_pool=backend.redis.connection_pool,
                    key_prefix=f"{backend.key_prefix or 'cms'}:ratelimit",
                )
                limiter = self.shared[backend.breaker] = SlidingWindowCounterRateLimiter(storage)
        return limiter, backend.breaker


_limiters = _Limiters()


def reset_rate_limits():
    """Forget every per-process count (and the shared limiters of an old cache setting)."""
    _limiters.reset()


@receiver(setting_changed)
def _cache_setting_changed(setting, **kwargs):
    if setting == "CACHES":
        reset_rate_limits()


@dataclass(frozen=True)
class RateLimit:
    """The outcome of one rate-limit check, with what the `X-RateLimit-*` headers say.

    `limit`: requests per window for this client. `remaining`: requests it may still make right
    now (0 after a refusal). `reset`: whole seconds (a delta, not a timestamp) until the window
    gives back allowance, rounded up; after a refusal the earliest moment a request is accepted
    again (= `wait`). `wait`: 0 when this request was allowed (and counted)."""

    limit: int
    remaining: int
    reset: int
    wait: int

    def headers(self):
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset),
        }


def _check(limiter, item, identifiers):
    """Count one request (limits' Lua script) and read the window it left behind (per-process
    counts; Redis uses `_check_pipelined`)."""
    allowed = limiter.hit(item, *identifiers)
    expiry = item.get_expiry()
    window = limiter.storage.get_sliding_window(item.key_for(*identifiers), expiry)
    return _outcome(item, allowed, window)


def _check_pipelined(limiter, item, identifiers, read_key=None):
    """`_check` on Redis in one network round trip: limits' two Lua scripts (count, read the
    window) by EVALSHA in one pipeline, plus a GET of `read_key` (the response cache's entry)
    when given. Returns (RateLimit, the raw value under read_key or None). A Redis that lost its
    scripts (restart, SCRIPT FLUSH) gets them loaded and the round trip repeated; nothing was
    counted then, as the counting script is the one that failed."""
    storage = limiter.storage
    redis = storage.storage
    key = item.key_for(*identifiers)
    expiry = item.get_expiry()
    keys = (
        storage.prefixed_key(storage._previous_window_key(key)),
        storage.prefixed_key(storage._current_window_key(key)),
    )
    acquire, read_window = storage.lua_acquire_sliding_window, storage.lua_sliding_window
    for attempt in range(2):
        pipe = redis.pipeline(transaction=False)
        pipe.evalsha(acquire.sha, 2, *keys, item.amount, expiry, 1)
        pipe.evalsha(read_window.sha, 2, *keys, expiry)
        if read_key is not None:
            pipe.get(read_key)
        results = pipe.execute(raise_on_error=False)
        if isinstance(results[0], NoScriptError) and attempt == 0:
            redis.script_load(acquire.script)
            redis.script_load(read_window.script)
            continue
        break
    if isinstance(results[0], Exception):
        raise results[0]
    allowed = bool(results[0])
    window = results[1]
    if isinstance(window, NoScriptError):
        window = storage.get_sliding_window(key, expiry)
    elif isinstance(window, Exception):
        raise window
    elif window:
        window = (
            int(window[0] or 0),
            max(0, float(window[1] or 0)) / 1000,
            int(window[2] or 0),
            max(0, float(window[3] or 0)) / 1000,
        )
    else:
        window = (0, 0.0, 0, 0.0)
    value = None
    if read_key is not None and not isinstance(results[2], Exception):
        value = results[2]
    return _outcome(item, allowed, window), value


def _outcome(item, allowed, window):
    """The RateLimit a counted request left: `remaining` is exact for the sliding-window
    counter: a request is allowed while the weighted count + 1 <= limit, so
    floor(limit - weighted) more are."""
    expiry = item.get_expiry()
    previous, previous_expires_in, current, current_expires_in = window
    weighted = previous * previous_expires_in / expiry + current
    remaining = max(0, item.amount - math.ceil(weighted)) if allowed else 0
    # When the weighted count next drops by a whole request (as limits' get_window_stats; a
    # remainder of 0 is a whole step: Redis gives the current window's TTL in whole ms, so a
    # window that has just begun has exactly 2 x expiry left).
    reset_in = math.inf
    if previous:
        step = expiry / previous
        reset_in = previous_expires_in % step or step
    if current:
        reset_in = min(reset_in, current_expires_in % expiry or expiry)
    reset = 0 if reset_in == math.inf else math.ceil(reset_in)
    wait = 0 if allowed else max(1, reset)
    return RateLimit(item.amount, remaining, max(reset, wait), wait)


def identify_client(request):
    """(rate-limit key, limit, whether the key is known): a partner's API key at its own rate,
    else the client IP at the anonymous rate. A bad key counts against the caller's IP like an
    anonymous request (guessing keys is rate limited too) and is refused after the count."""
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, raw_key = header.partition(" ")
        key = PartnerApiKey.authenticate(raw_key.strip()) if scheme.lower() == "bearer" else None
        if key is None:
            return f"ip:{client_ip(request)}", settings.GRAPHQL_RATE_LIMIT, False
        return f"key:{key.pk}", key.rate_limit, True
    return f"ip:{client_ip(request)}", settings.GRAPHQL_RATE_LIMIT, True


def client_ip(request):
    """The caller's address for rate limits. Behind TRUSTED_PROXY_COUNT reverse proxies, the
    address the nearest trusted proxy saw (X-Forwarded-For, counted from the right: entries
    further left are whatever the client claimed)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


def check_rate_limit(scope, client, limit, window):
    """Sliding-window rate limit of `limit` requests per `window` seconds for `client` in
    `scope`: counts this request if allowed, and returns a `RateLimit` (wait 0 when allowed)."""
    return check_rate_limit_and_read(scope, client, limit, window)[0]


def check_rate_limit_and_read(scope, client, limit, window, read_key=None):
    """`check_rate_limit`, and the raw Redis value under `read_key` (a key as Redis knows it)
    read in the same round trip: (RateLimit, value or None). Without Redis, or while it is
    down, the request is counted in this process and nothing is read."""
    item = RateLimitItemPerSecond(limit, window)
    identifiers = (scope, client)
    shared = _limiters.for_cache(caches["default"])
    if shared is not None:
        limiter, breaker = shared
        try:
            return breaker.call(_check_pipelined, limiter, item, identifiers, read_key)
        except RedisUnavailable:
            pass  # counted in this process until Redis is back (logged by the breaker)
    return _check(_limiters.local, item, identifiers), None


def rate_limited(scope, client, limit, window):
    """Seconds to wait, or 0 when allowed (and counted): `check_rate_limit(...).wait`."""
    return check_rate_limit(scope, client, limit, window).wait
