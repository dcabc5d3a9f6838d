"""Work in other processes and at given moments: forked requests started together, a
worker pass, the scheduler at a given time."""

import multiprocessing
import time
from unittest import mock

from django.core.management import call_command
from django.db import connections
from django_tasks_db.management.commands.db_worker import Worker


def _at(moment):
    time.sleep(max(0.0, moment - time.time()))


def _run_together(*targets):
    """Start each (function, args) in its own forked process; return what they report."""
    connections.close_all()  # children must not share the parent's connection
    for connection in connections.all():  # nor its pool (DATABASE_POOL_MAX_SIZE): threads, sockets
        if connection.vendor == "postgresql":
            connection.close_pool()
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    processes = [context.Process(target=fn, args=(*args, results)) for fn, args in targets]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    return dict(results.get(timeout=5) for _ in processes)


def run_worker():
    """One pass of the worker over the due tasks of the "jobs" queue."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="jobs",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def run_scheduler_at(moment):
    """The product's scheduler (`run_scheduler --once`, i.e. Wagtail's publish_scheduled) as it
    runs when the clock shows `moment`. The admin schedules to the minute, so waiting for real
    time would cost up to a minute; moving the clock the scheduler reads costs nothing."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        call_command("run_scheduler", "--once")


def python_in_a_new_process(code, environment):
    """What a fresh Python process (our interpreter, in the project's folder) prints running
    `code` with exactly `environment`."""
    import subprocess
    import sys

    from django.conf import settings

    return subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def setting_in_a_new_process(name, environment):
    """A setting as a fresh Python process computes it from exactly `environment` (settings
    read the environment once, at start-up)."""
    code = f"from django.conf import settings; print(settings.{name})"
    return python_in_a_new_process(code, environment)
