"""Response cache for public GraphQL reads.

A cached answer is keyed by the query, its variables and the current *content generation*
(`cms.models.ContentGeneration`, one row in the database). Every content change bumps it as
soon as it commits (cms/events.py), so an unpublished portrait, a withdrawn consent or a new view
restriction is gone from every cached answer from the commit on. The generation is read before
the query runs: an answer computed from content older than a change is stored under a generation
that the change's bump has ended (or is about to end), which nobody asks for again. Because the
generation is not kept in Redis, a bump cannot be lost while Redis is down, and nothing stale
comes back with Redis.

An answer is never kept past the next moment a live page expires, counted from when the query
*started* (a slow query that began before an expiry must not outlive it), so expiry needs no
scheduler run here either.

What is stored is the response body exactly as sent, with its ETag (`Stored`), under a key
computed from the raw request (`request_digest`: the query's SHA-256, which is also its
automatic persisted query hash, the variables and the operation name, the same for GET and
POST). A hit therefore neither parses the query nor encodes JSON, and it costs one SQL query (the
generation: a primary-key read of one row) and one Redis round trip (the view reads the entry in
the rate limit's pipeline, cms/rate_limit.py). The generation stays in PostgreSQL rather
than in that Redis round trip or a per-process copy: either would need a second source of truth
that a bump made during a Redis outage, or in another process, could miss. Whether an answer may
be stored is decided on the miss path, where the query is parsed anyway (`cacheable`); a query
that fails to parse or validate, or has errors, is never stored. Concurrent misses for one entry
compute once (`Flight`).

Only plain queries without errors are cached; mutations and anything carrying a preview
`token` argument never are. Error answers, whose messages follow Accept-Language (cms/i18n.py),
are therefore never stored. The key still holds the request's language (the one Accept-Language
picked, not the header itself: at most one entry per language in LANGUAGES): answers say
`Vary: Accept-Language`, and a label translated with gettext (an organisation's `role`) could
differ by language. The cache must be shared by every process that serves requests or
changes content (Redis): with a per-process cache a change in one process could not reach the
others, so the default lifetime is 0 (off) unless REDIS_URL is set.
"""

import contextlib
import hashlib
import json
import secrets
import time
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache, caches
from django.db.models import Min
from django.utils import timezone, translation
from graphql import ArgumentNode, OperationType, Visitor, get_operation_ast, visit
from wagtail.models import Page

from cms.cache import RedisCache, RedisUnavailable
from cms.models import ContentGeneration

from . import persisted
from .http import etag_for

UNCACHEABLE_ARGUMENTS = frozenset({"token"})


def new_generation():
    """Invalidate every cached answer (old keys simply stop being asked for). Call it after
    commit: cms/events.py does."""
    ContentGeneration.bump()


@dataclass(frozen=True)
class Entry:
    """Where a request's answer is cached, and when the request started."""

    key: str
    started: datetime


class _Arguments(Visitor):
    def __init__(self):
        super().__init__()
        self.uncacheable = False

    def enter_argument(self, node: ArgumentNode, *_args):
        if node.name.value in UNCACHEABLE_ARGUMENTS:
            self.uncacheable = True


def lifetime(started=None):
    """Seconds an answer computed from `started` on may still be kept: the configured lifetime,
    cut at the first expiry after `started` (0 or less: do not keep it)."""
    now = timezone.now()
    next_expiry = Page.objects.filter(live=True, expire_at__gt=started or now).aggregate(
        next=Min("expire_at")
    )["next"]
    seconds = settings.GRAPHQL_CACHE_SECONDS
    if next_expiry is not None:
        seconds = min(seconds, int((next_expiry - now).total_seconds()))
    return seconds


@dataclass(frozen=True)
class Stored:
    """A cached answer: the response body exactly as sent, and its ETag."""

    etag: str
    body: bytes


def request_digest(request, body=None):
    """A digest of what decides a request's answer, from the raw request: the query (by its
    SHA-256, which is also an automatic persisted query's hash), the variables (as JSON, keys
    sorted), the operation name and the active language (from Accept-Language), the same for
    GET and POST. None when the request is not
    worth a look-up (malformed, a form post, a hash that does not match its text): it then
    takes the normal path, which answers it."""
    if request.method == "GET":
        data = {}
    elif request.method == "POST":
        content_type = (request.content_type or "").lower()
        try:
            if content_type == "application/graphql":
                data = {"query": (body or request.body).decode()}
            elif content_type == "application/json":
                data = json.loads(body or request.body)
            else:
                return None
        except (ValueError, UnicodeDecodeError):
            return None
        if not isinstance(data, dict):
            return None
    else:
        return None
    query = request.GET.get("query") or data.get("query")
    variables = request.GET.get("variables") or data.get("variables")
    operation_name = request.GET.get("operationName") or data.get("operationName")
    extensions = request.GET.get("extensions") or data.get("extensions")
    if isinstance(variables, str):
        try:
            variables = json.loads(variables)
        except ValueError:
            return None
    if (
        (query is not None and not isinstance(query, str))
        or (operation_name is not None and not isinstance(operation_name, str))
        or (variables is not None and not isinstance(variables, dict))
    ):
        return None
    digest = None
    if extensions:
        try:
            digest = persisted.requested_hash(request, data)
        except persisted.PersistedQueryError:
            return None
    if query:
        text_digest = hashlib.sha256(query.encode()).hexdigest()
        if digest is not None and digest != text_digest:
            return None  # the normal path answers the mismatch
        digest = text_digest
    if digest is None:
        return None
    raw = json.dumps(
        [
            digest,
            variables or {},
            operation_name or None,
            bool(request.GET.get("pretty")),
            translation.get_language(),
        ],
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(raw.encode()).hexdigest()


def entry_for(request):
    """The cache entry for a request's answer, read before anything runs (the generation first:
    see the module docstring), or None when caching is off or the request is not looked up."""
    if settings.GRAPHQL_CACHE_SECONDS <= 0:
        return None
    digest = request_digest(request)
    if digest is None:
        return None
    started = timezone.now()
    return Entry(f"graphql:response:{ContentGeneration.current()}:{digest}", started)


def cacheable(document, operation_name):
    """Whether a parsed request may be cached: a query, without a preview `token` argument."""
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation is not OperationType.QUERY:
        return False
    arguments = _Arguments()
    visit(document, arguments)
    return not arguments.uncacheable


def asks_for_preview(document):
    """Whether a parsed request carries a preview `token` (its drafts are read on the primary:
    cms/replica.py)."""
    arguments = _Arguments()
    visit(document, arguments)
    return arguments.uncacheable


def redis_key(entry):
    """The key `entry` has in Redis (cache prefix and version included), for reading it in the
    rate limit's round trip (cms/rate_limit.py); None without Redis."""
    if entry is None or not isinstance(caches["default"], RedisCache):
        return None
    return str(cache.client.make_key(entry.key))


def decode(raw):
    """A value read from Redis under `redis_key` as `Stored`, or None."""
    if raw is None:
        return None
    try:
        value = cache.client.decode(raw)
    except Exception:  # noqa: BLE001 - an unreadable entry is a miss
        return None
    return value if isinstance(value, Stored) else None


def get_stored(entry):
    if entry is None:
        return None
    value = cache.get(entry.key)
    return value if isinstance(value, Stored) else None


def store_body(entry, body):
    """Keep a response body (an answer without errors to a cacheable query) and its ETag;
    returns the ETag."""
    etag = etag_for(body)
    seconds = lifetime(entry.started)
    if seconds > 0:
        cache.set(entry.key, Stored(etag, bytes(body)), timeout=seconds)
    return etag


# --- Single flight -----------------------------------------------------------------------------

FLIGHT_LOCK_MS = 3000  # how long the first miss may take before the others compute themselves
FLIGHT_POLL_SECONDS = 0.02
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end"


class Flight:
    """Of concurrent misses for one entry (typically right after a change ended the previous
    generation), the first computes while holding a short Redis lock (SET NX PX); the others
    poll for its stored answer. They compute themselves when the lock goes away without an
    answer (an error, an answer not kept because an expiry is due, the holder died: the lock
    expires after FLIGHT_LOCK_MS) or Redis is unavailable. The lock only saves work:
    correctness never depends on it, the generation in the key does that."""

    def __init__(self, entry):
        self.entry = entry
        self.token = None
        self.lock = None

    def _redis(self):
        if not isinstance(caches["default"], RedisCache):
            return None
        return caches["default"].redis, caches["default"].breaker

    def wait_for_answer(self):
        """The answer another request stored meanwhile, or None: compute it (holding the lock
        when this request got it)."""
        shared = self._redis()
        if shared is None:
            return None
        redis, breaker = shared
        lock = str(cache.client.make_key(f"{self.entry.key}:lock"))
        token = secrets.token_hex(8)
        key = str(cache.client.make_key(self.entry.key))
        try:
            # Take the lock and look once more, in one round trip: the answer may have been
            # stored (and the lock given back) since this request's look-up.
            pipe = redis.pipeline(transaction=False)
            pipe.set(lock, token, nx=True, px=FLIGHT_LOCK_MS)
            pipe.get(key)
            locked, raw = breaker.call(pipe.execute)
            if locked:
                self.token, self.lock = token, lock
            stored = decode(raw)
            if stored is not None or locked:
                return stored  # the caller releases the lock (answer)
            deadline = time.monotonic() + FLIGHT_LOCK_MS / 1000
            while time.monotonic() < deadline:
                time.sleep(FLIGHT_POLL_SECONDS)
                pipe = redis.pipeline(transaction=False)
                pipe.get(key)
                pipe.exists(lock)
                raw, locked = breaker.call(pipe.execute)
                stored = decode(raw)
                if stored is not None:
                    return stored
                if not locked:
                    return None
        except RedisUnavailable:
            return None
        return None

    def release(self):
        if self.token is None:
            return
        redis, breaker = self._redis()
        with contextlib.suppress(RedisUnavailable):  # else the lock expires by itself
            breaker.call(redis.eval, _RELEASE, 1, self.lock, self.token)
        self.token = None
