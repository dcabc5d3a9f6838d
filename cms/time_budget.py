"""The time a request may take: on PostgreSQL a statement timeout for every SQL statement of a
GraphQL or REST request, and for GraphQL a time budget for resolving."""

import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import OperationalError, connection, connections, transaction
from psycopg import errors as pg_errors
from psycopg import pq

from cms import replica
from cms.graphql.errors import QueryTimeout


@contextmanager
def statement_timeout():
    """On PostgreSQL, run the block in a transaction whose statements each stop after
    GRAPHQL_STATEMENT_TIMEOUT_MS (`SET LOCAL`: this transaction only, so migrations, seeding and
    the admin keep the server's default). A transaction a statement failed in is rolled back."""
    timeout = settings.GRAPHQL_STATEMENT_TIMEOUT_MS
    if connection.vendor != "postgresql" or timeout <= 0:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL statement_timeout = {int(timeout)}")
        if replica.reading_from():  # the reads go to the replica's transaction (cms/replica.py)
            with connections[replica.REPLICA].cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {int(timeout)}")
        try:
            yield
        finally:
            if transaction_failed():
                transaction.set_rollback(True)


def is_timeout(error):
    """The request's time budget ran out, or PostgreSQL cancelled a statement (statement_timeout):
    the query asked too much, not a database outage."""
    if isinstance(error, QueryTimeout):
        return True
    return isinstance(error, OperationalError) and isinstance(
        error.__cause__, pg_errors.QueryCanceled
    )


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


@dataclass(frozen=True)
class Budget:
    """A request's time budget: when it ends (`time.monotonic()`), and the connection its
    statement timeout was set on (None on SQLite)."""

    deadline: float
    connection: object

    @classmethod
    def start(cls):
        return cls(time.monotonic() + settings.GRAPHQL_TIME_BUDGET_MS / 1000, postgres_connection())

    def spent(self):
        return time.monotonic() > self.deadline or (
            self.connection is not None and transaction_failed(self.connection)
        )


class TimeBudgetMiddleware:
    """Stops resolving once the request is over its time budget (the view starts it) or a
    statement was cancelled: the rest of the answer becomes one clear error each, not a wait or
    a cascade of failing statements."""

    def resolve(self, next_, root, info, **kwargs):
        state = getattr(info.context, "graphql", None)
        budget = state.budget if state is not None else None
        if budget is not None and budget.spent():
            raise QueryTimeout()
        return next_(root, info, **kwargs)
