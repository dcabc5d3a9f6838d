"""Response cache for public GraphQL reads.

A cached answer is keyed by the query, its variables and the current *content generation*.
Every content change (cms/events.py) starts a new generation, so an unpublished portrait, a
withdrawn consent or a new view restriction is gone from every cached answer at once. An
answer is also never kept past the next moment a live page expires, so expiry needs no
scheduler run here either.

Only plain queries without errors are cached; mutations and anything carrying a preview
`token` argument never are. The cache must be shared by every process that serves requests or
changes content (Redis): with a per-process cache a change in one process could not reach the
others, so the default lifetime is 0 (off) unless REDIS_URL is set.
"""

import hashlib
import json
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.utils import timezone
from graphql import ArgumentNode, OperationDefinitionNode, OperationType, Visitor, parse, visit
from graphql.error import GraphQLSyntaxError
from wagtail.models import Page

GENERATION_KEY = "graphql:generation"
UNCACHEABLE_ARGUMENTS = frozenset({"token"})


def new_generation():
    """Invalidate every cached answer (old keys simply stop being asked for)."""
    cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def _generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = secrets.token_hex(8)
        if not cache.add(GENERATION_KEY, generation, timeout=None):
            generation = cache.get(GENERATION_KEY, generation)
    return generation


class _Inspector(Visitor):
    def __init__(self, operation_name):
        super().__init__()
        self.operation_name = operation_name
        self.operation = None
        self.uncacheable = False

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args):
        name = node.name.value if node.name else None
        if self.operation is None or name == self.operation_name:
            self.operation = node.operation

    def enter_argument(self, node: ArgumentNode, *_args):
        if node.name.value in UNCACHEABLE_ARGUMENTS:
            self.uncacheable = True


def key_for(query, variables, operation_name):
    """The cache key of a cacheable request, or None."""
    if settings.GRAPHQL_CACHE_SECONDS <= 0 or not isinstance(query, str):
        return None
    try:
        inspector = _Inspector(operation_name)
        visit(parse(query, no_location=True), inspector)
    except GraphQLSyntaxError:
        return None  # the normal path reports it
    if inspector.uncacheable or inspector.operation is not OperationType.QUERY:
        return None
    raw = json.dumps([query, variables or {}, operation_name], sort_keys=True, default=str)
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"graphql:response:{_generation()}:{digest}"


def lifetime():
    """Seconds an answer may be kept: the configured lifetime, cut at the next expiry."""
    seconds = settings.GRAPHQL_CACHE_SECONDS
    now = timezone.now()
    next_expiry = Page.objects.filter(live=True, expire_at__gt=now).aggregate(
        next=Min("expire_at")
    )["next"]
    if next_expiry is not None:
        seconds = min(seconds, int((next_expiry - now).total_seconds()))
    return seconds


def get(key):
    return cache.get(key) if key else None


def store(key, data):
    seconds = lifetime()
    if key and seconds > 0:
        cache.set(key, data, timeout=seconds)
