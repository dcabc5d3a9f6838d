"""Request limits: query depth, aliases, argument bounds and rate limits (the cost, and the
arguments before execution: cms/graphql/arguments.py)."""

import math
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import connection
from django.dispatch import receiver
from django.utils.translation import gettext
from graphql import (
    GraphQLError,
    NoFragmentCyclesRule,
    OverlappingFieldsCanBeMergedRule,
    ValidationRule,
    ValuesOfCorrectTypeRule,
    get_named_type,
    specified_rules,
)
from graphql.language import FieldNode, InlineFragmentNode
from limits import RateLimitItemPerSecond
from limits.storage import MemoryStorage, RedisStorage
from limits.strategies import SlidingWindowCounterRateLimiter
from psycopg import pq
from redis.exceptions import NoScriptError

from cms.cache import RedisCache, RedisUnavailable

from .errors import VALIDATION_FAILED, ArgumentValuesRule, QueryTimeout, UserInputError

PAGE_ORDERS = frozenset(
    prefix + name
    for name in ("title", "first_published_at", "last_published_at")
    for prefix in ("", "-")
)
MEDIA_ORDERS = frozenset(prefix + name for name in ("title", "created_at") for prefix in ("", "-"))
TAG_ORDERS = frozenset({"name", "-name"})


class AliasLimitRule(ValidationRule):
    def __init__(self, context):
        super().__init__(context)
        self.aliases = 0

    def enter_field(self, node, *_args):
        if node.alias is not None:
            self.aliases += 1
            if self.aliases == settings.GRAPHQL_MAX_ALIASES + 1:
                self.report_error(
                    GraphQLError(
                        gettext("Zu viele Aliase (höchstens %(maximum)s).")
                        % {"maximum": settings.GRAPHQL_MAX_ALIASES},
                        node,
                        extensions={"code": VALIDATION_FAILED},
                    )
                )


class DepthLimitRule(ValidationRule):
    """Depth = fields with a selection set nested in one another (introspection fields do not
    count), as graphene's depth_limit_validator counts, but linear in the document: the depth of
    each fragment is computed once, and a cycle (refused by NoFragmentCyclesRule) counts 0."""

    def enter_document(self, node, *_args):
        defined = fragments(node)
        depths = {}
        for definition in node.definitions:
            if definition.kind != "operation_definition":
                continue
            depth = _depth(definition.selection_set, defined, depths)
            if depth > settings.GRAPHQL_MAX_DEPTH:
                name = definition.name.value if definition.name else "anonymous"
                self.report_error(
                    GraphQLError(
                        gettext(
                            "'%(name)s' ist zu tief verschachtelt "
                            "(Tiefe %(depth)s, höchstens %(maximum)s)."
                        )
                        % {"name": name, "depth": depth, "maximum": settings.GRAPHQL_MAX_DEPTH},
                        definition,
                        extensions={"code": VALIDATION_FAILED},
                    )
                )


def fragments(document):
    """The document's fragment definitions by name."""
    return {d.name.value: d for d in document.definitions if d.kind == "fragment_definition"}


_IN_PROGRESS = object()


def _depth(selection_set, fragments, depths):
    deepest = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.selection_set is None or selection.name.value.startswith("__"):
                continue
            depth = 1 + _depth(selection.selection_set, fragments, depths)
        elif isinstance(selection, InlineFragmentNode):
            depth = _depth(selection.selection_set, fragments, depths)
        else:
            name = selection.name.value
            depth = depths.get(name)
            if depth is _IN_PROGRESS or name not in fragments:
                continue  # a cycle or an unknown fragment: refused by the standard rules
            if depth is None:
                depths[name] = _IN_PROGRESS
                depth = depths[name] = _depth(fragments[name].selection_set, fragments, depths)
        deepest = max(deepest, depth)
    return deepest


# Run first, alone: the other rules (ours and graphql-core's) may then assume no cycles.
CYCLE_RULES = (NoFragmentCyclesRule,)


class BoundedMergeRule(OverlappingFieldsCanBeMergedRule):
    """graphql-core's check that fields of one response name can be merged, with a smaller
    work budget (GRAPHQL_MAX_MERGE_WORK instead of graphql-core's 500,000 comparisons): the
    check is quadratic in the fields that share a name, so a document of thousands of
    `__typename` or inline fragments took most of a second before graphql-core gave up.
    Queries that select each field once spend (nearly) nothing of it."""

    def __init__(self, context):
        super().__init__(context)
        self.rule_context.remaining_complexity_budget = settings.GRAPHQL_MAX_MERGE_WORK


def validation_rules():
    """graphql-core's standard rules plus ours (a given list replaces the standard one): the
    merge check with our work budget, and the check of literal values answering in the
    request's language (errors.ArgumentValuesRule)."""
    replacements = {
        OverlappingFieldsCanBeMergedRule: BoundedMergeRule,
        ValuesOfCorrectTypeRule: ArgumentValuesRule,
    }
    standard = (replacements.get(rule, rule) for rule in specified_rules)
    return (*standard, DepthLimitRule, AliasLimitRule)


def _valid_id(value):
    text = str(value).strip()
    return text.isdigit() and 0 < int(text) < 2**63


def check_page_size(argument, value):
    """`perPage` or `limit`: 1 to GRAPHQL_MAX_PAGE_SIZE (before execution, and in every
    resolver)."""
    if not 1 <= value <= settings.GRAPHQL_MAX_PAGE_SIZE:
        raise UserInputError(
            gettext("%(argument)s muss zwischen 1 und %(maximum)s liegen.")
            % {"argument": argument, "maximum": settings.GRAPHQL_MAX_PAGE_SIZE},
            argument,
        )


def check_page(value):
    if value < 1:
        raise UserInputError(gettext("page beginnt bei 1."), "page")


class ArgumentLimitMiddleware:
    """Checks bounded arguments on every field, nested ones included, as the resolver gets
    them: ids, orders, renditions, and srcSet's sizes de-duplicated. Page sizes, page numbers
    and the lengths of values were checked once before execution (cms/graphql/arguments.py);
    they are checked here again as the resolver's own guard."""

    def resolve(self, next_, root, info, **kwargs):
        if not kwargs and info.field_name not in ("rendition", "srcSet"):
            return next_(root, info)  # most fields: nothing to check
        for name in ("per_page", "limit"):
            if kwargs.get(name) is not None:
                check_page_size("perPage" if name == "per_page" else name, kwargs[name])
        identifier = kwargs.get("id")
        if identifier is not None and not _valid_id(identifier):
            raise UserInputError(
                gettext("id muss eine ganze Zahl zwischen 1 und 2^63-1 sein."), "id"
            )
        if kwargs.get("page") is not None:
            check_page(kwargs["page"])
        order = kwargs.get("order")
        if order is not None:
            named = get_named_type(info.return_type).name
            allowed = {"Image": MEDIA_ORDERS, "Document": MEDIA_ORDERS, "TagObjectType": TAG_ORDERS}
            allowed = allowed.get(named, PAGE_ORDERS)
            if order not in allowed and info.field_name != "portraits":
                raise UserInputError(
                    gettext("Unbekannte Sortierung. Erlaubt: %(allowed)s.")
                    % {"allowed": ", ".join(sorted(allowed))},
                    "order",
                )
        if info.field_name == "rendition":
            check_rendition(kwargs)
        elif info.field_name == "srcSet":
            kwargs = check_src_set(kwargs)
        return next_(root, info, **kwargs)


def transaction_failed(raw=None):
    """PostgreSQL refuses every statement in this transaction (one failed, e.g. cancelled by
    statement_timeout) until it is rolled back. Read from the connection (`raw`: psycopg's, as
    `postgres_connection` gave it; default: the current one), no round trip."""
    if raw is None:
        raw = postgres_connection()
    return raw is not None and raw.pgconn.transaction_status == pq.TransactionStatus.INERROR


def postgres_connection():
    """The current psycopg connection on PostgreSQL, else None."""
    return connection.connection if connection.vendor == "postgresql" else None


class TimeBudgetMiddleware:
    """Stops resolving once the request is over its time budget (the view sets the deadline) or
    a statement was cancelled: the rest of the answer becomes one clear error each, not a wait
    or a cascade of failing statements."""

    def resolve(self, next_, root, info, **kwargs):
        context = info.context
        deadline = getattr(context, "_graphql_deadline", None)
        if deadline is not None:
            # The connection the view ran `SET LOCAL statement_timeout` on (None on SQLite):
            # looked up once per request, not per field.
            raw = context._graphql_connection
            if time.monotonic() > deadline or (raw is not None and transaction_failed(raw)):
                raise QueryTimeout()
        return next_(root, info, **kwargs)


def allowed_image_filters():
    return settings.GRAPPLE["ALLOWED_IMAGE_FILTERS"]


def check_rendition(kwargs):
    spec = "|".join(f"{key}-{value}" for key, value in kwargs.items() if key != "preserve_svg")
    if spec not in allowed_image_filters():
        raise UserInputError(
            gettext(
                "Bildgröße „%(spec)s“ ist nicht erlaubt. Erlaubt: %(allowed)s "
                "(jeweils auch mit format-webp oder format-jpeg)."
            )
            % {"spec": spec, "allowed": ", ".join(settings.GRAPHQL_ALLOWED_IMAGE_FILTERS)},
            "rendition",
        )


def allowed_src_set_widths(suffix=""):
    """The widths srcSet may ask for: the allowed `width-N` filters (with the format suffix)."""
    widths = []
    for spec in allowed_image_filters():
        base, _, rest = spec.partition("|")
        if base.startswith("width-") and (f"|{rest}" if rest else "") == suffix:
            widths.append(int(base.removeprefix("width-")))
    return sorted(widths)


def check_src_set(kwargs):
    """The arguments with `sizes` de-duplicated (each size is rendered once); more distinct sizes
    than GRAPHQL_MAX_SRCSET_SIZES, or a size not allowed, is an error."""
    sizes = list(dict.fromkeys(kwargs.get("sizes") or []))
    maximum = settings.GRAPHQL_MAX_SRCSET_SIZES
    if len(sizes) > maximum:
        raise UserInputError(
            gettext("sizes darf höchstens %(maximum)s verschiedene Breiten enthalten.")
            % {"maximum": maximum},
            "sizes",
        )
    if "sizes" in kwargs:
        kwargs = {**kwargs, "sizes": sizes}
    suffix = f"|format-{kwargs['format']}" if kwargs.get("format") else ""
    refused = [
        str(width) for width in sizes if f"width-{width}{suffix}" not in allowed_image_filters()
    ]
    if refused:
        raise UserInputError(
            gettext(
                "Breiten %(refused)s sind nicht erlaubt (Format: %(format)s). Erlaubt: %(allowed)s."
            )
            % {
                "refused": ", ".join(refused),
                "format": kwargs.get("format") or "original",
                "allowed": ", ".join(str(width) for width in allowed_src_set_widths(suffix)),
            },
            "sizes",
        )
    return kwargs


# --- Rate limits ---------------------------------------------------------------------------
#
# A sliding window (limits' sliding-window counter: the previous window's count, weighted by how
# much of it still overlaps, plus the current one), so a burst across a window boundary does not
# get twice the allowance. With Redis (the default cache is cms.cache.RedisCache) the count is
# shared by every process: one Lua script counts, one reads the window (for the X-RateLimit-*
# headers), two round trips per request through the cache's connection pool and breaker. While
# Redis is down or hanging, and without Redis at all (development, SQLite tests), the count
# lives in this process's memory: during an outage each worker process counts on its own, so a
# client may get up to (number of processes) x limit.


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
