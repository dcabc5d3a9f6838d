"""Runs Wagtail's `publish_scheduled` every minute (Wagtail has no scheduler of its own).

One run at a time, however many scheduler processes are started: on PostgreSQL each run holds a
session-level advisory lock (`pg_try_advisory_lock`); a process that does not get it skips the
run, and the run that holds it has committed every publish before it lets go, so the next run no
longer sees those pages as due. Every due page is published exactly once. A process that dies
loses its connection and with it the lock. SQLite has no such lock: run exactly one scheduler
process there (`make run` runs it inside the development server).
"""

import logging
import threading
import time
from contextlib import contextmanager

from django.core.cache import cache
from django.core.management import call_command
from django.db import close_old_connections, connection
from django.utils import timezone

from cms.health import SCHEDULER_HEARTBEAT_KEY

logger = logging.getLogger(__name__)

# pg_try_advisory_lock takes a 64-bit key; this one means "publish_scheduled is running".
LOCK_KEY = 0x45535F5343484544  # "ES_SCHED"


@contextmanager
def exclusive_run():
    """Yields True when this process may run the scheduler now, False when another one is."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])


def run_once():
    """One scheduler run. Returns True if it ran, False if another process was running."""
    with exclusive_run() as acquired:
        if not acquired:
            logger.info("Ein anderer Scheduler läuft gerade; dieser Lauf entfällt.")
            return False
        try:
            call_command("publish_scheduled", verbosity=0)
        except Exception:  # keep the loop alive; the next minute tries again
            logger.exception("publish_scheduled failed")
            return True
    cache.set(SCHEDULER_HEARTBEAT_KEY, timezone.now().isoformat(), timeout=None)
    return True


def run_forever(interval=60, stop=None):
    stop = stop or threading.Event()
    while not stop.is_set():
        started = time.monotonic()
        close_old_connections()  # a long-lived loop must not hold a dead or stale connection
        try:
            run_once()
        except Exception:  # the database is away: try again next time
            logger.exception("scheduler run failed")
        close_old_connections()
        stop.wait(max(0.0, interval - (time.monotonic() - started)))


def start_in_background(interval=60):
    """For `make run`: a daemon thread inside the development server process."""
    thread = threading.Thread(
        target=run_forever, kwargs={"interval": interval}, name="scheduler", daemon=True
    )
    thread.start()
    logger.info("Scheduler läuft im Serverprozess (alle %s s publish_scheduled).", interval)
    return thread
