"""`manage.py db_worker`: django-tasks-db's command (same options), running our worker
(webhooks/worker.py: leases, so a task whose worker died runs again, and a loop that waits out a
database outage). This app comes before django_tasks_db in INSTALLED_APPS, so its command wins."""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from webhooks.worker import worker


class Command(db_worker.Command):
    help = (
        "Runs the tasks of a database task backend (webhook deliveries: --backend jobs). A task "
        "whose worker died is run again after TASK_LEASE seconds; a database outage is waited "
        "out."
    )

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, batch, **options):
        self.configure_logging(verbosity)
        if reload and batch:
            reload = False
        runner = worker(
            queue_names=queue_name.split(","),
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
            batch=batch,
            **{
                key: options[key]
                for key in (
                    "interval",
                    "backend_name",
                    "startup_delay",
                    "max_tasks",
                    "worker_id",
                )
            },
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                runner.configure_signals()
            run_with_reloader(runner.run)
        else:
            runner.configure_signals()
            runner.run()
