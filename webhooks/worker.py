"""`make run`: the task worker of the "jobs" backend in a thread of the development server (as
the scheduler, editorial/scheduler.py). Production runs `manage.py db_worker --backend jobs` as
a service of its own (docs/deployment.md)."""

import logging
import threading
import time

from django.utils.crypto import get_random_string
from django_tasks_db.compat import DEFAULT_TASK_QUEUE_NAME
from django_tasks_db.management.commands.db_worker import Worker

logger = logging.getLogger(__name__)


def start_in_background(interval=2):
    worker = Worker(
        queue_names=[DEFAULT_TASK_QUEUE_NAME],
        interval=interval,
        batch=False,
        backend_name="jobs",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"runserver-{get_random_string(12)}",
        excluded_queue_names=[],
    )

    def run():
        time.sleep(3)  # not while the apps are still being loaded
        worker.run()

    thread = threading.Thread(target=run, name="task-worker", daemon=True)
    thread.start()
    logger.info("Task-Worker (Webhooks) läuft im Serverprozess.")
    return thread
