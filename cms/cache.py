"""The Redis cache backend: an outage degrades, it does not break.

`CACHES["default"]` uses this backend when REDIS_URL is set, so every user of
`django.core.cache` (rate limits, the response cache, /healthz/, the scheduler heartbeat,
Wagtail) sees the same thing while Redis is down or hanging: reads miss, writes are dropped,
nothing raises. Short socket timeouts (`REDIS_TIMEOUT`) bound the cost of one failed call, and a
per-process circuit breaker makes it one call: after the first failure every cache call skips
Redis at once, until `REDIS_RETRY_SECONDS` later a single trial call either closes the breaker
again or keeps it open. The outage is logged once per trip, not per call.

The rate limiter (cms/rate_limit.py) talks to the same Redis through `RedisCache.redis` and
`RedisCache.breaker`: same connection pool, same timeouts, same breaker.

The breaker is ours rather than pybreaker's: pybreaker holds one lock per breaker for the whole
guarded call (danielfm/pybreaker#55), which would serialise every cache call of a threaded
server and let one hanging trial call block all threads.
"""

import logging
import socket
import threading
import time
from urllib.parse import urlsplit

from django.core.signals import setting_changed
from django.dispatch import receiver
from django_redis.cache import RedisCache as DjangoRedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

REDIS_ERRORS = (ConnectionInterrupted, RedisError, OSError, socket.timeout)
DEFAULT_RETRY_SECONDS = 10
# Client methods that do not talk to Redis: they neither consult nor inform the breaker (Django
# calls `close()` after every request; it must not count as a successful trial call).
LOCAL_METHODS = frozenset(
    {"close", "do_close_clients", "make_key", "make_pattern", "encode", "decode", "reverse_key"}
)


class RedisUnavailable(Exception):
    """Redis is down or hanging, or the breaker is open: use the fallback."""


class Breaker:
    """A per-process circuit breaker for one Redis server.

    Closed: calls go through. The first failure opens it; while open, calls fail at once with
    `RedisUnavailable`. `retry_seconds` after a failure, one caller makes a trial call (the others
    still fail at once); its success closes the breaker, its failure keeps it open for another
    `retry_seconds`.
    """

    def __init__(self, location, retry_seconds):
        self.name = _without_password(location)
        self.retry_seconds = retry_seconds
        self._lock = threading.Lock()
        self._retry_at = None  # None: closed; else the monotonic time of the next trial call

    @property
    def is_open(self):
        return self._retry_at is not None

    def _allows(self):
        if self._retry_at is None:
            return True
        with self._lock:
            now = time.monotonic()
            if self._retry_at is None:
                return True
            if now < self._retry_at:
                return False
            self._retry_at = now + self.retry_seconds  # this caller makes the trial call
            return True

    def _failed(self, error):
        with self._lock:
            tripped = self._retry_at is None
            self._retry_at = time.monotonic() + self.retry_seconds
        if tripped:
            logger.error(
                "Redis %s unreachable (%s): cache bypassed, rate limits counted per process; "
                "next try in %s s",
                self.name,
                error,
                self.retry_seconds,
            )

    def _succeeded(self):
        if self._retry_at is None:
            return
        with self._lock:
            recovered, self._retry_at = self._retry_at is not None, None
        if recovered:
            logger.warning("Redis %s reachable again", self.name)

    def call(self, function, *args, **kwargs):
        """`function(*args, **kwargs)`, or `RedisUnavailable` when Redis cannot be used."""
        if not self._allows():
            raise RedisUnavailable(self.name)
        try:
            result = function(*args, **kwargs)
        except REDIS_ERRORS as error:
            self._failed(error)
            raise RedisUnavailable(self.name) from error
        self._succeeded()
        return result


def _without_password(location):
    """host:port/db of a Redis URL, for log lines (never the password)."""
    parts = urlsplit(location)
    return f"{parts.hostname}:{parts.port or 6379}{parts.path}" if parts.hostname else location


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(location, retry_seconds):
    """The process's breaker for a Redis location (shared by every thread's cache backend)."""
    with _breakers_lock:
        breaker = _breakers.get(location)
        if breaker is None:
            breaker = _breakers[location] = Breaker(location, retry_seconds)
        return breaker


@receiver(setting_changed)
def _forget_breakers(setting, **kwargs):
    if setting == "CACHES":
        with _breakers_lock:
            _breakers.clear()


class _GuardedClient:
    """django-redis's client with every Redis call going through the breaker. A failure becomes
    `ConnectionInterrupted`, which django-redis (IGNORE_EXCEPTIONS) turns into the method's
    neutral answer: a miss, a dropped write."""

    def __init__(self, client, breaker):
        self._client = client
        self._breaker = breaker

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if name in LOCAL_METHODS or not callable(attribute):
            return attribute

        def guarded(*args, **kwargs):
            try:
                return self._breaker.call(attribute, *args, **kwargs)
            except RedisUnavailable as error:
                raise ConnectionInterrupted(connection=None) from error

        return guarded


class RedisCache(DjangoRedisCache):
    """django-redis's cache behind a per-process breaker: reads miss, writes are dropped,
    nothing raises while Redis is down or hanging.

    OPTIONS as django-redis's, plus `RETRY_SECONDS` (breaker reset time). IGNORE_EXCEPTIONS is
    always on; ignored calls are not logged one by one (the breaker logs each trip).
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        retry_seconds = options.pop("RETRY_SECONDS", DEFAULT_RETRY_SECONDS)
        options["IGNORE_EXCEPTIONS"] = True
        super().__init__(server, {**params, "OPTIONS": options})
        self._log_ignored_exceptions = False
        self.breaker = breaker_for(server, retry_seconds)

    @property
    def client(self):
        return _GuardedClient(super().client, self.breaker)

    @property
    def redis(self):
        """The raw redis-py client (connection pool with this cache's timeouts). Call it only
        through `self.breaker.call(...)`."""
        return super().client.get_client(write=True)
