"""Request limits: query depth, aliases, cost, argument bounds and rate limits."""

import math
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver
from graphene.validation import depth_limit_validator
from graphql import GraphQLError, ValidationRule, specified_rules
from graphql.language import FieldNode, FragmentSpreadNode, InlineFragmentNode
from limits import RateLimitItemPerSecond
from limits.storage import MemoryStorage, RedisStorage
from limits.strategies import SlidingWindowCounterRateLimiter

from cms.cache import RedisCache, RedisUnavailable

from .errors import VALIDATION_FAILED, UserInputError

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
                        f"Zu viele Aliase (höchstens {settings.GRAPHQL_MAX_ALIASES}).",
                        node,
                        extensions={"code": VALIDATION_FAILED},
                    )
                )


class CostLimitRule(ValidationRule):
    """Cost = fields selected, with fragments expanded; a paginated list multiplies what it
    selects by its page size: the literal value, the maximum for a variable (validation does
    not see variable values), the default page size when the argument is left out."""

    def enter_document(self, node, *_args):
        schema = self.context.schema
        fragments = {d.name.value: d for d in node.definitions if d.kind == "fragment_definition"}
        for definition in node.definitions:
            if definition.kind != "operation_definition":
                continue
            root = schema.get_root_type(definition.operation)
            cost = _cost(definition.selection_set, root, fragments, 1, set(), schema)
            if cost > settings.GRAPHQL_MAX_COST:
                self.report_error(
                    GraphQLError(
                        f"Die Anfrage ist zu aufwendig (Kosten {cost}, "
                        f"höchstens {settings.GRAPHQL_MAX_COST}).",
                        definition,
                        extensions={"code": VALIDATION_FAILED},
                    )
                )


SIZE_ARGUMENTS = ("perPage", "limit")


def _list_size(field, field_def):
    for argument in field.arguments or ():
        if argument.name.value not in SIZE_ARGUMENTS:
            continue
        if argument.value.kind == "int_value":
            return max(1, min(int(argument.value.value), settings.GRAPHQL_MAX_PAGE_SIZE))
        return settings.GRAPHQL_MAX_PAGE_SIZE  # a variable: assume the worst
    if field_def is not None and any(name in field_def.args for name in SIZE_ARGUMENTS):
        return settings.GRAPPLE["PAGE_SIZE"]
    return 1


def _field_def(parent_type, name):
    fields = getattr(parent_type, "fields", None)
    return fields.get(name) if fields else None


def _cost(selection_set, parent_type, fragments, multiplier, seen, schema):
    if selection_set is None:
        return 0
    total = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            total += multiplier
            if selection.selection_set is not None:
                field_def = _field_def(parent_type, selection.name.value)
                inner_type = _unwrap(field_def.type) if field_def is not None else None
                inner = multiplier * _list_size(selection, field_def)
                total += _cost(selection.selection_set, inner_type, fragments, inner, seen, schema)
        elif isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition
            fragment_type = schema.get_type(condition.name.value) if condition else parent_type
            total += _cost(
                selection.selection_set, fragment_type, fragments, multiplier, seen, schema
            )
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in fragments and name not in seen:
                fragment = fragments[name]
                fragment_type = schema.get_type(fragment.type_condition.name.value)
                total += _cost(
                    fragment.selection_set,
                    fragment_type,
                    fragments,
                    multiplier,
                    seen | {name},
                    schema,
                )
        if total > settings.GRAPHQL_MAX_COST * 10:
            break
    return total


def _unwrap(gql_type):
    while hasattr(gql_type, "of_type"):
        gql_type = gql_type.of_type
    return gql_type


def validation_rules():
    """graphql-core's standard rules plus ours (a given list replaces the standard one)."""
    return (
        *specified_rules,
        depth_limit_validator(max_depth=settings.GRAPHQL_MAX_DEPTH),
        AliasLimitRule,
        CostLimitRule,
    )


def _named_type(gql_type):
    return getattr(_unwrap(gql_type), "name", "")


def _valid_id(value):
    text = str(value).strip()
    return text.isdigit() and 0 < int(text) < 2**63


class ArgumentLimitMiddleware:
    """Checks bounded arguments on every field, nested ones included."""

    def resolve(self, next_, root, info, **kwargs):
        for name in ("per_page", "limit"):
            value = kwargs.get(name)
            if value is not None and not 1 <= value <= settings.GRAPHQL_MAX_PAGE_SIZE:
                argument = "perPage" if name == "per_page" else name
                raise UserInputError(
                    f"{argument} muss zwischen 1 und {settings.GRAPHQL_MAX_PAGE_SIZE} liegen.",
                    argument,
                )
        identifier = kwargs.get("id")
        if identifier is not None and not _valid_id(identifier):
            raise UserInputError("id muss eine ganze Zahl zwischen 1 und 2^63-1 sein.", "id")
        if kwargs.get("page") is not None and kwargs["page"] < 1:
            raise UserInputError("page beginnt bei 1.", "page")
        order = kwargs.get("order")
        if order is not None:
            named = _named_type(info.return_type)
            allowed = {"Image": MEDIA_ORDERS, "Document": MEDIA_ORDERS, "TagObjectType": TAG_ORDERS}
            allowed = allowed.get(named, PAGE_ORDERS)
            if order not in allowed and info.field_name != "portraits":
                raise UserInputError(
                    f"Unbekannte Sortierung. Erlaubt: {', '.join(sorted(allowed))}.", "order"
                )
        if info.field_name == "rendition":
            check_rendition(kwargs)
        elif info.field_name == "srcSet":
            check_src_set(kwargs)
        return next_(root, info, **kwargs)


def allowed_image_filters():
    return settings.GRAPPLE["ALLOWED_IMAGE_FILTERS"]


def check_rendition(kwargs):
    spec = "|".join(f"{key}-{value}" for key, value in kwargs.items() if key != "preserve_svg")
    if spec not in allowed_image_filters():
        raise UserInputError(
            f"Bildgröße „{spec}“ ist nicht erlaubt. Erlaubt: "
            f"{', '.join(settings.GRAPHQL_ALLOWED_IMAGE_FILTERS)} "
            "(jeweils auch mit format-webp oder format-jpeg).",
            "rendition",
        )


def check_src_set(kwargs):
    suffix = f"|format-{kwargs['format']}" if kwargs.get("format") else ""
    refused = [
        str(width)
        for width in kwargs.get("sizes") or []
        if f"width-{width}{suffix}" not in allowed_image_filters()
    ]
    if refused:
        raise UserInputError(
            f"Breiten {', '.join(refused)} sind nicht erlaubt (Format: "
            f"{kwargs.get('format') or 'original'}).",
            "sizes",
        )


# --- Rate limits ---------------------------------------------------------------------------
#
# A sliding window (limits' sliding-window counter: the previous window's count, weighted by how
# much of it still overlaps, plus the current one), so a burst across a window boundary does not
# get twice the allowance. With Redis (the default cache is cms.cache.RedisCache) the count is
# shared by every process, one Lua script = one round trip per allowed request, through the
# cache's connection pool and breaker. While Redis is down or hanging, and without Redis at all
# (development, SQLite tests), the count lives in this process's memory: during an outage each
# worker process counts on its own, so a client may get up to (number of processes) x limit.


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


def _wait(limiter, item, identifiers):
    if limiter.hit(item, *identifiers):
        return 0
    reset_at = limiter.get_window_stats(item, *identifiers).reset_time
    return max(1, math.ceil(reset_at - time.time()))


def rate_limited(scope, client, limit, window):
    """Sliding-window rate limit of `limit` requests per `window` seconds for `client` in
    `scope`. Returns seconds to wait, or 0 when allowed (and counted)."""
    item = RateLimitItemPerSecond(limit, window)
    identifiers = (scope, client)
    shared = _limiters.for_cache(caches["default"])
    if shared is not None:
        limiter, breaker = shared
        try:
            return breaker.call(_wait, limiter, item, identifiers)
        except RedisUnavailable:
            pass  # counted in this process until Redis is back (logged by the breaker)
    return _wait(_limiters.local, item, identifiers)
