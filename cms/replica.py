"""A streaming replica for anonymous public reads, never serving a withdrawal late.

With `DATABASE_REPLICA_URL` set there is a second database alias, "replica": a PostgreSQL hot
standby of the primary ("default"). `ReplicaMiddleware` decides per request, the router follows:

- Only anonymous public reads may use it: GET/HEAD of /graphql/, /api/v2/, /embed/ and /oembed,
  and POST of /graphql/ (queries sent by POST). Never the admin, never a request with a
  logged-in user, never a preview (a GraphQL request with a `token` argument runs on the primary
  from its parsing on: `on_primary`). Writes always go to the primary (`db_for_write`).
- The withdrawal promise: every content change bumps the content generation
  (cms.models.ContentGeneration) after it commits (cms/events.py). The replica replays the WAL
  in commit order, so a replica showing generation G has replayed every change committed before
  the bump to G. Per request the middleware reads the generation on the primary (a primary-key
  read), then opens a REPEATABLE READ transaction on the replica and reads it there first: the
  snapshot of every later read of the request. Replica ≥ primary: the request reads that
  snapshot; else (the replica has not replayed the last change yet) it reads the primary. A
  withdrawal is thus served from the replica only after the replica has replayed it; the window
  between a change's commit and its bump is the response cache's own (cms/graphql/cache.py).
- The replica down or hanging: the connection attempt fails after
  DATABASE_REPLICA_CONNECT_TIMEOUT, the request reads the primary, and this process leaves the
  replica alone for DATABASE_REPLICA_RETRY_SECONDS (one timeout per process, not per request).
"""

import logging
import time
from contextlib import ExitStack, contextmanager, suppress
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction

from cms.models import ContentGeneration

logger = logging.getLogger(__name__)

REPLICA = "replica"
PUBLIC_READS = ("/graphql/", "/api/v2/", "/embed/", "/oembed")
READ_METHODS = ("GET", "HEAD")

# The alias the reads of this request (or thread) go to; None: the router leaves it to Django.
_reads = ContextVar("replica_reads", default=None)
_retry_at = 0.0  # this process leaves the replica alone until then (time.monotonic)


class ReplicaRouter:
    """Reads go where the middleware chose for the request; writes always to the primary."""

    def db_for_read(self, model, **hints):
        return _reads.get()

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database: the replica is a copy of the primary

    def allow_migrate(self, db, app_label, **hints):
        return db != REPLICA


def configured():
    return REPLICA in settings.DATABASES


def is_public_read(request):
    path = request.path_info
    if not path.startswith(PUBLIC_READS):
        return False
    if request.method not in READ_METHODS and not (
        request.method == "POST" and path.startswith("/graphql/")
    ):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def reading_from():
    """The alias the current request reads from: "replica", or None (the primary)."""
    return _reads.get()


@contextmanager
def on_primary():
    """Reads inside the block go to the primary (a preview reads drafts the replica may lack)."""
    token = _reads.set(None)
    try:
        yield
    finally:
        _reads.reset(token)


def _replica_down(error):
    global _retry_at
    _retry_at = time.monotonic() + settings.DATABASE_REPLICA_RETRY_SECONDS
    logger.warning(
        "Read replica unreachable, reading the primary for %ss: %s",
        settings.DATABASE_REPLICA_RETRY_SECONDS,
        error,
    )
    with suppress(DatabaseError):
        connections[REPLICA].close()


def open_snapshot(stack):
    """Opens a transaction on the replica in `stack` and returns True when its snapshot has
    replayed every content change the primary had committed; else opens nothing, False."""
    if time.monotonic() < _retry_at:
        return False
    primary = ContentGeneration.current(using=DEFAULT_DB_ALIAS)  # its errors: the view's 503
    try:
        with ExitStack() as attempt:
            attempt.enter_context(transaction.atomic(using=REPLICA))
            replica = ContentGeneration.current(using=REPLICA)  # the snapshot's first read
            if replica < primary:
                return False  # behind: the transaction ends with `attempt`
            stack.push(attempt.pop_all())
            return True
    except DatabaseError as error:
        _replica_down(error)
        return False


class ReplicaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not configured() or not is_public_read(request):
            return self.get_response(request)
        with ExitStack() as stack:
            if open_snapshot(stack):
                token = _reads.set(REPLICA)
                stack.callback(_reads.reset, token)
            return self.get_response(request)
