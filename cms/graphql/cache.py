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

Only plain queries without errors are cached; mutations and anything carrying a preview
`token` argument never are. The cache must be shared by every process that serves requests or
changes content (Redis): with a per-process cache a change in one process could not reach the
others, so the default lifetime is 0 (off) unless REDIS_URL is set.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.utils import timezone
from graphql import ArgumentNode, OperationType, Visitor, get_operation_ast, visit
from wagtail.models import Page

from cms.models import ContentGeneration

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


def key_for(document, query, variables, operation_name):
    """The cache entry of a cacheable request, or None. `document` is the request's query as
    the view parsed it (once, under its token limit). Read before the query executes."""
    if settings.GRAPHQL_CACHE_SECONDS <= 0:
        return None
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation is not OperationType.QUERY:
        return None
    arguments = _Arguments()
    visit(document, arguments)
    if arguments.uncacheable:
        return None
    raw = json.dumps([query, variables or {}, operation_name], sort_keys=True, default=str)
    digest = hashlib.sha256(raw.encode()).hexdigest()
    started = timezone.now()
    return Entry(f"graphql:response:{ContentGeneration.current()}:{digest}", started)


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


def get(entry):
    return cache.get(entry.key) if entry else None


def store(entry, data):
    if entry is None:
        return
    seconds = lifetime(entry.started)
    if seconds > 0:
        cache.set(entry.key, data, timeout=seconds)
