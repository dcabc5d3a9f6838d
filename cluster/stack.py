"""The cluster on loopback, from packages only: Varnish -> haproxy -> two gunicorn app servers,
one task worker, one scheduler, shared PostgreSQL and Redis, media on SeaweedFS (S3).

    with Cluster(Path("var/cluster")) as cluster:
        cluster.url                      # through Varnish
        cluster.apps[0].url              # one app server directly
        cluster.apps[0].service.kill()   # a crash

Every process runs the production settings (cms/settings/production.py) from the same
environment (`environment()`): one database, one Redis database, one bucket, every app server
banning the same Varnish. Logs go to `<directory>/logs/<process>.log`. `make cluster` runs one
of these until `make cluster-stop` (cluster/__main__.py); the cluster test (tests/test_cluster.py)
runs one in the test.
"""

import os
import secrets
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

from .haproxy import HAProxy
from .processes import Service, free_port, wait_for_http

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


@dataclass
class App:
    name: str
    port: int
    service: Service

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"


def ensure_database(url, template=None):
    """Create the database of `url` (PostgreSQL) if it does not exist: empty, or a copy of the
    database `template` (migrated already: tests/test_cluster.py)."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if found.fetchone() is None:
            copy = f' TEMPLATE "{template}"' if template else ""
            connection.execute(f'CREATE DATABASE "{name}"{copy}')


class Cluster:
    def __init__(
        self,
        directory,
        database_url="postgres://postgres@127.0.0.1:5432/engagierte_cluster",
        redis_url="redis://127.0.0.1:6379/12",
        app_servers=2,
        gunicorn_workers=2,
        s3_ports=range(17900, 18000),
        port=None,
        seed=True,
        environment=None,
        database_template=None,
    ):
        self.directory = Path(directory).resolve()
        self.logs = self.directory / "logs"
        self.database_url, self.redis_url = database_url, redis_url
        self.database_template = database_template
        self.gunicorn_workers = gunicorn_workers
        self.s3_ports, self.seed = s3_ports, seed
        self.extra_environment = dict(environment or {})
        self.apps = [App(f"app{i + 1}", free_port(), None) for i in range(app_servers)]
        self.varnish_port = port or free_port()
        self.s3 = self.varnish = self.haproxy = None
        self.worker = self.scheduler = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.varnish_port}"

    def secret_key(self):
        path = self.directory / "secret_key"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(50))
            path.chmod(0o600)
        return path.read_text().strip()

    def environment(self):
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "S3_", "VARNISH_", "DATABASE", "REDIS"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="cms.settings.production",
            SECRET_KEY=self.secret_key(),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis_url,
            VARNISH_URLS=self.url,
            SECURE_HSTS_SECONDS="0",
            WAGTAILADMIN_BASE_URL=self.url,
            PYTHONUNBUFFERED="1",
        )
        if self.s3 is not None:
            env.update(self.s3.environment())
        env.update(self.extra_environment)
        return env

    def manage(self, *arguments):
        subprocess.run(  # noqa: S603 (manage.py with the cluster's arguments)
            [sys.executable, "manage.py", *arguments], cwd=ROOT, env=self.environment(),
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip

    def _service(self, name, argv):
        return Service(name, argv, self.environment(), self.logs, cwd=ROOT)

    def app_service(self, app):
        return self._service(
            app.name,
            [str(VENV_BIN / "gunicorn"), "cms.wsgi:application", "--bind",
             f"127.0.0.1:{app.port}", "--workers", str(self.gunicorn_workers),
             "--access-logfile", "-", "--graceful-timeout", "5"],
        )  # fmt: skip

    def worker_service(self):
        manage = [sys.executable, "manage.py"]
        return self._service("worker", [*manage, "db_worker", "--backend", "jobs"])

    def scheduler_service(self):
        return self._service("scheduler", [sys.executable, "manage.py", "run_scheduler"])

    def start(self):
        from .seaweedfs import SeaweedFS
        from .varnish import Varnish

        self.directory.mkdir(parents=True, exist_ok=True)
        try:
            self.s3 = SeaweedFS(self.directory / "s3", ports=self.s3_ports).start()
            ensure_database(self.database_url, self.database_template)
            self.manage("migrate", "--no-input")
            if self.seed:
                self.manage("seed_demo", "--no-accounts")
            for app in self.apps:
                app.service = self.app_service(app).start()
            self.worker = self.worker_service().start()
            self.scheduler = self.scheduler_service().start()
            for app in self.apps:
                if not wait_for_http(f"{app.url}/healthz/", process=app.service.process):
                    raise RuntimeError(f"{app.name} did not start:\n{app.service.log_tail()}")
            backends = [(app.name, app.port) for app in self.apps]
            self.haproxy = HAProxy(backends, self.directory / "haproxy", self.logs).start()
            # Its own work directory under /tmp: varnishd's child runs as the user vcache, which
            # must reach it (a test's tmp_path or a home directory is often closed to others).
            self.varnish = Varnish(self.haproxy.port, port=self.varnish_port).start()
            if not wait_for_http(f"{self.url}/healthz/"):
                raise RuntimeError("the cluster does not answer through Varnish")
        except BaseException:
            self.stop()
            raise
        return self

    def services(self):
        found = [app.service for app in self.apps if app.service]
        return found + [s for s in (self.worker, self.scheduler) if s]

    def stop(self):
        for part in (self.varnish, self.haproxy):
            if part is not None:
                part.stop()
        for service in self.services():
            service.stop()
        if self.s3 is not None:
            self.s3.stop()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
