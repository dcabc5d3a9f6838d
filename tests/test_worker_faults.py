"""The task worker under faults, with real processes: `manage.py db_worker --backend jobs` killed
by SIGKILL while a webhook's POST waits for its answer, and PostgreSQL stopped under it.

Both run on a PostgreSQL instance of this module's own (initdb in a temporary directory, a port
of 18300-18399), whatever database the suite runs on: the worker is a separate process that
must reach the rows, and a test may stop only a server it started. The schema is the tables
the worker touches (webhooks, the task queue, Wagtail's reference index), made once by a
subprocess; the tests read and change rows with plain SQL. The partner is a real HTTP
receiver on 127.0.0.1. Every wait polls with a deadline.
"""

import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg
import pytest

from tests.helpers.servers import Receiver

BASE_DIR = Path(__file__).resolve().parent.parent
PG_BIN = Path("/usr/lib/postgresql/15/bin")
PORTS = range(18300, 18400)
LEASE = 2  # TASK_LEASE of the workers here (seconds; production: 300)

PREPARE = """
import json
from datetime import timedelta

import django

django.setup()
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import ReferenceIndex

from webhooks.models import Delivery, DeliveryAttempt, Endpoint
from webhooks.tasks import deliver

with connection.schema_editor() as editor:
    for model in (ContentType, ReferenceIndex, Endpoint, Delivery, DeliveryAttempt, DBTaskResult):
        editor.create_model(model)
later = timezone.now() + timedelta(days=1)
made = {}
for name, due in (("lost", None), ("before", later), ("after", later)):
    endpoint = Endpoint.objects.create(name=name, url=RECEIVER + "/" + name)
    item = Delivery.objects.create(endpoint=endpoint, event_type="portraitpage.published",
                                   body=json.dumps({"type": "portraitpage.published"}))
    task = (deliver.using(run_after=due) if due else deliver).enqueue(item.pk)
    made[name] = {"delivery": item.pk, "message_id": item.message_id, "task": str(task.id)}
print(json.dumps(made))
"""


def bindable(port):
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def wait_for(condition, timeout, what, process=None):
    """Poll `condition` until it is true; fail after `timeout` seconds (or when `process`
    exits)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if process is not None and process.poll() is not None:
            pytest.fail(f"the worker exited ({process.returncode}) before {what}:\n{process.log}")
        time.sleep(0.05)
    pytest.fail(f"not within {timeout} s: {what}")


class Postgres:
    """A PostgreSQL server of our own in a temporary directory: started, stopped, started
    again. PostgreSQL refuses to run as root: then it runs as the `postgres` user."""

    def __init__(self):
        self.directory = Path(tempfile.mkdtemp(prefix="worker-faults-"))
        self.as_owner = []
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.directory, owner.pw_uid, owner.pw_gid)
            self.as_owner = ["runuser", "-u", "postgres", "--"]
        self.data = self.directory / "data"
        self.port = next(
            port
            for port in PORTS[int(os.environ.get("PYTEST_XDIST_WORKER", "gw0")[2:]) :: 2]
            if bindable(port)
        )
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"
        subprocess.run(  # noqa: S603 (fixed arguments)
            [*self.as_owner, PG_BIN / "initdb", "-D", self.data, "-U", "postgres"]
            + ["--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"],
            check=True,
            capture_output=True,
        )
        self.start()

    def pg_ctl(self, *args):
        subprocess.run(  # noqa: S603
            [*self.as_owner, PG_BIN / "pg_ctl", "-D", self.data, "-w"]
            + ["-l", self.directory / "log", *args],
            check=True,
            capture_output=True,
        )

    def start(self):
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.pg_ctl("-o", options, "start")

    def stop(self):
        self.pg_ctl("-m", "fast", "stop")

    def remove(self):
        if (self.data / "postmaster.pid").exists():
            self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)

    def sql(self, statement, *params):
        with psycopg.connect(self.url, autocommit=True, connect_timeout=5) as connection:
            cursor = connection.execute(statement, params)
            return cursor.fetchall() if cursor.description else None


class Partner(Receiver):
    """The receiver: /lost answers its first request only once released (the POST the worker
    is killed in), everything else at once."""

    def __init__(self):
        super().__init__()
        self.first_held = threading.Event()

    def respond(self, handler):
        if handler.path == "/lost" and not self.first_held.is_set():
            self.first_held.set()
            self.release.wait(60)
        handler.send_response(204)
        handler.end_headers()

    def ids(self, path):
        return [r["headers"]["webhook-id"] for r in self.requests if r["path"] == path]


@pytest.fixture(scope="module")
def stage():
    """Own PostgreSQL, the receiver, and three deliveries queued for it: "lost" due now,
    "before" and "after" waiting a day (each test makes its own due)."""
    partner = Partner()
    server = Postgres()
    try:
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "DATABASE_URL": server.url,
            "TASK_LEASE": str(LEASE),
        }
        prepared = subprocess.run(  # noqa: S603
            [sys.executable, "-c", f"RECEIVER = {partner.url('')!r}\n{PREPARE}"],
            cwd=BASE_DIR,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert prepared.returncode == 0, prepared.stderr
        made = json.loads(prepared.stdout.strip().splitlines()[-1])
        yield server, partner, environment, made, server.directory
    finally:
        partner.stop()
        server.remove()


class Worker(subprocess.Popen):
    """`manage.py db_worker --backend jobs`, its output in a file (`log`)."""

    def __init__(self, environment, directory):
        self.output = directory / f"worker-{time.monotonic_ns()}.log"
        with self.output.open("w") as output:
            super().__init__(  # noqa: S603 (our own manage.py, fixed arguments)
                [sys.executable, "manage.py", "db_worker", "--backend", "jobs", "--no-reload"]
                + ["--no-startup-delay", "--interval", "0.1"],
                cwd=BASE_DIR,
                env=environment,
                stdout=output,
                stderr=subprocess.STDOUT,
            )

    @property
    def log(self):
        return self.output.read_text()

    def stop(self):
        if self.poll() is None:
            self.send_signal(signal.SIGTERM)
            try:
                self.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
                self.wait()


def delivery_status(server, pk):
    return server.sql("SELECT status FROM webhooks_delivery WHERE id = %s", pk)[0][0]


def test_a_delivery_whose_worker_was_killed_during_the_post_is_delivered_again(stage):
    server, partner, environment, made, directory = stage
    lost = made["lost"]
    first = Worker(environment, directory)
    try:
        wait_for(partner.first_held.is_set, 60, "the receiver has the POST", first)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        first.stop()
    task_status = "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s"
    assert server.sql(task_status, lost["task"])[0][0] == "RUNNING"  # as the killed one left it
    assert delivery_status(server, lost["delivery"]) == "pending"

    second = Worker(environment, directory)
    try:
        started = time.monotonic()
        wait_for(lambda: len(partner.ids("/lost")) == 2, 60, "the POST is sent again", second)
        wait_for(
            lambda: delivery_status(server, lost["delivery"]) == "delivered",
            10,
            "the delivery is recorded as delivered",
            second,
        )
        assert partner.ids("/lost") == [lost["message_id"]] * 2  # the same webhook-id
        assert time.monotonic() - started < LEASE + 30  # within the lease (and a start-up)
        assert server.sql(task_status, lost["task"])[0][0] == "SUCCESSFUL"
    finally:
        partner.release.set()  # the killed worker's POST may now end
        second.stop()
    assert "erneut eingereiht" in second.log


def test_the_worker_waits_out_a_database_outage_and_carries_on(stage):
    server, partner, environment, made, directory = stage
    make_due = "UPDATE django_tasks_database_dbtaskresult SET run_after = now() WHERE id = %s"
    worker = Worker(environment, directory)
    try:
        server.sql(make_due, made["before"]["task"])
        wait_for(
            lambda: delivery_status(server, made["before"]["delivery"]) == "delivered",
            60,
            "the worker works",
            worker,
        )
        server.stop()
        # django-tasks-db's worker exited with a traceback at its next poll (0.1 s here).
        deadline = time.monotonic() + 1.5
        while time.monotonic() < deadline:
            assert worker.poll() is None, worker.log
            time.sleep(0.1)
        server.start()
        server.sql(make_due, made["after"]["task"])
        wait_for(lambda: partner.ids("/after"), 30, "a task queued after the outage", worker)
        assert partner.ids("/after") == [made["after"]["message_id"]]
        wait_for(
            lambda: delivery_status(server, made["after"]["delivery"]) == "delivered",
            10,
            "its delivery is recorded",
            worker,
        )
    finally:
        worker.stop()
    assert "Datenbank nicht erreichbar" in worker.log and "Traceback" not in worker.log
