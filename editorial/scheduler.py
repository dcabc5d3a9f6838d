"""Runs Wagtail's `publish_scheduled` every minute (Wagtail has no scheduler of its own)."""

import logging
import threading
import time

from django.core.cache import cache
from django.core.management import call_command
from django.db import close_old_connections
from django.utils import timezone

from cms.health import SCHEDULER_HEARTBEAT_KEY

logger = logging.getLogger(__name__)


def run_once():
    try:
        call_command("publish_scheduled", verbosity=0)
    except Exception:  # keep the loop alive; the next minute tries again
        logger.exception("publish_scheduled failed")
        return
    cache.set(SCHEDULER_HEARTBEAT_KEY, timezone.now().isoformat(), timeout=None)


def run_forever(interval=60, stop=None):
    stop = stop or threading.Event()
    while not stop.is_set():
        started = time.monotonic()
        close_old_connections()  # a long-lived loop must not hold a dead or stale connection
        run_once()
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
