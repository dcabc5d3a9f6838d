"""The task worker of the "jobs" backend (webhook deliveries, renditions): django-tasks-db's
worker, made to lose nothing.

- **A task whose worker died is run again.** django-tasks-db marks a task RUNNING when a worker
  claims it and nothing else afterwards: a worker killed during a webhook's POST (SIGKILL, out of
  memory, the machine gone) left the task RUNNING and the delivery pending forever (upstream:
  django-tasks issue 46, still open). Here a claim is a lease of TASK_LEASE seconds: every
  worker looks for tasks RUNNING longer than that (every quarter lease, at least every 60 s) and
  puts them back in the queue. A task must therefore finish within TASK_LEASE (a webhook attempt
  takes at most its timeouts, 13 s); one that takes longer, or whose worker is only frozen, may
  run twice. Deliveries are at least once: the repeat carries the same `webhook-id`.
- **The database going away is waited out.** django-tasks-db's loop ends with a traceback at the
  first failed query; this one logs the outage once, closes the connection, tries again every
  `interval` seconds and carries on when the database is back (as the scheduler does,
  editorial/scheduler.py). A task whose result could not be written stays RUNNING and is run
  again after its lease.

`manage.py db_worker --backend jobs` (this app's command of that name, `make worker`) runs it as a
service of its own in production (docs/deployment.md); `make run` runs it in a thread of the
development server (`start_in_background`).
"""

import contextlib
import logging
import random
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import (
    DatabaseError,
    OperationalError,
    close_old_connections,
    connections,
)
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.compat import DEFAULT_TASK_QUEUE_NAME, TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from cms.views import DATABASE_UNAVAILABLE  # wait, then carry on

logger = logging.getLogger(__name__)


def requeue_lost_tasks(backend_name, now=None):
    """Put the backend's tasks RUNNING for longer than TASK_LEASE back in the queue; returns
    how many. Safe with any number of workers doing it at once (one conditional UPDATE each)."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.TASK_LEASE)
    lost = DBTaskResult.objects.filter(
        backend_name=backend_name, status=TaskResultStatus.RUNNING, started_at__lt=cutoff
    ).values_list("pk", "started_at", "task_path", "worker_ids")
    requeued = 0
    for pk, started_at, task_path, worker_ids in lost:
        still_lost = DBTaskResult.objects.filter(
            pk=pk, status=TaskResultStatus.RUNNING, started_at=started_at
        )
        if still_lost.update(status=TaskResultStatus.READY):
            requeued += 1
            logger.warning(
                "Task %s (%s) seit %s ohne Ergebnis von Worker %s: erneut eingereiht.",
                pk,
                task_path,
                started_at.isoformat(),
                (worker_ids or ["?"])[-1],
            )
    return requeued


def close_connections():
    """After a database error: drop this thread's connections (a new one is made next time)."""
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(DatabaseError):
            connection.close()


class Worker(db_worker.Worker):
    """django-tasks-db's worker with leases and a loop that outlives database outages."""

    def run(self):
        logger.info("Starting worker worker_id=%s queues=%s", self.worker_id, self.queue_names)
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # noqa: S311 - several workers started together spread out
        sweep_every = max(min(settings.TASK_LEASE / 4, 60), 0.1)
        next_sweep = 0.0
        database_away_since = None
        while self.running:
            try:
                close_old_connections()
                if time.monotonic() >= next_sweep:
                    requeue_lost_tasks(self.backend_name)
                    next_sweep = time.monotonic() + sweep_every
                ran = self.run_next()
                close_old_connections()
            except DATABASE_UNAVAILABLE as error:
                if database_away_since is None:
                    database_away_since = time.monotonic()
                    logger.warning("Datenbank nicht erreichbar, Worker wartet: %s", error)
                close_connections()
                time.sleep(max(self.interval, 0.1))
                continue
            if database_away_since is not None:
                logger.warning(
                    "Datenbank wieder erreichbar (nach %.0f s).",
                    time.monotonic() - database_away_since,
                )
                database_away_since = None
            if self.batch and ran is False:
                logger.info("No more tasks to run for worker_id=%s - exiting.", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            if self.running and not ran:
                time.sleep(self.interval)

    def run_next(self):
        """Claim and run one due task: True if one ran, False if none was due, None if the
        database was locked (SQLite)."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
            except OperationalError as error:
                if not is_locked_database_exception(error):
                    raise
                return None
        if task_result is None:
            return False
        self.run_task(task_result)
        return True

    def run_task(self, db_task_result):
        """As django-tasks-db's, except that a task the database failed under (an outage, not a
        bug) is not marked failed: it stays RUNNING, the error reaches `run`, which waits for
        the database, and the lease puts the task back in the queue."""
        set_failed = db_task_result.set_failed

        def set_failed_unless_outage(error):
            if isinstance(error, DATABASE_UNAVAILABLE):
                raise error
            set_failed(error)

        db_task_result.set_failed = set_failed_unless_outage
        super().run_task(db_task_result)


def worker(*, interval=1, batch=False, backend_name="jobs", worker_id=None, **options):
    return Worker(
        queue_names=options.get("queue_names", [DEFAULT_TASK_QUEUE_NAME]),
        interval=interval,
        batch=batch,
        backend_name=backend_name,
        startup_delay=options.get("startup_delay", False),
        max_tasks=options.get("max_tasks"),
        worker_id=worker_id or f"worker-{get_random_string(12)}",
        excluded_queue_names=options.get("excluded_queue_names", []),
    )


def start_in_background(interval=2):
    """`make run`: the worker in a daemon thread of the development server (as the scheduler,
    editorial/scheduler.py)."""
    runner = worker(interval=interval, worker_id=f"runserver-{get_random_string(12)}")

    def run():
        time.sleep(3)  # not while the apps are still being loaded
        runner.run()

    thread = threading.Thread(target=run, name="task-worker", daemon=True)
    thread.start()
    logger.info("Task-Worker (Webhooks) läuft im Serverprozess.")
    return thread
