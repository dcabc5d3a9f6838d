"""The database settings read from the environment (cms/settings/base.py, production.py): the
connection pool, its exclusion of persistent connections, and the replica alias. No database."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "cms.example.org",
    "DATABASE_URL": "postgres://cms@127.0.0.1:5432/cms",
}
UNSET = (
    "DATABASE_CONN_MAX_AGE",
    "DATABASE_POOL_MIN_SIZE",
    "DATABASE_POOL_MAX_SIZE",
    "DATABASE_POOL_TIMEOUT",
    "DATABASE_REPLICA_URL",
)
SHOW = (
    "from django.conf import settings; import json; print(json.dumps({alias: {"
    "'pool': db.get('OPTIONS', {}).get('pool'), 'age': db['CONN_MAX_AGE'], "
    "'isolation': getattr(db.get('OPTIONS', {}).get('isolation_level'), 'name', None), "
    "'timeout': db.get('OPTIONS', {}).get('connect_timeout'), 'port': db['PORT']} "
    "for alias, db in settings.DATABASES.items()}))"
)


def databases(**env):
    environment = {k: v for k, v in os.environ.items() if k not in UNSET and k not in PRODUCTION}
    environment.update(PRODUCTION, **env)
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", SHOW],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        return result.stderr
    return json.loads(result.stdout)


def test_production_keeps_connections_a_minute_without_a_pool():
    assert databases() == {
        "default": {"pool": None, "age": 60, "isolation": None, "timeout": 5, "port": 5432}
    }


def test_a_pool_replaces_persistent_connections_on_both_databases():
    found = databases(
        DATABASE_POOL_MAX_SIZE="2",
        DATABASE_REPLICA_URL="postgres://cms@10.0.0.12:5433/cms",
    )
    pool = {"min_size": 1, "max_size": 2, "timeout": 10}
    assert found["default"] == {
        "pool": pool, "age": 0, "isolation": None, "timeout": 5, "port": 5432
    }  # fmt: skip
    # The replica: one snapshot per request, a short connect timeout.
    assert found["replica"] == {
        "pool": {**pool, "timeout": 1},  # no longer than a connect may take
        "age": 0,
        "isolation": "REPEATABLE_READ",
        "timeout": 1,
        "port": 5433,
    }


def test_a_pool_and_persistent_connections_exclude_each_other():
    error = databases(DATABASE_POOL_MAX_SIZE="2", DATABASE_CONN_MAX_AGE="60")
    assert "DATABASE_POOL_MAX_SIZE and DATABASE_CONN_MAX_AGE exclude each other" in error


@pytest.mark.parametrize("url", ["sqlite:////tmp/replica.sqlite3"])
def test_a_replica_needs_postgresql(url):
    assert "DATABASE_REPLICA_URL needs PostgreSQL" in databases(DATABASE_REPLICA_URL=url)
