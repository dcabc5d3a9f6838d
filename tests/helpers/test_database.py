"""The test databases of a parallel run (`make test`: pytest-xdist), migrated once.

Migrating from nothing takes about 25 s of CPU (265 migrations, most of them Wagtail's and
Django's). Without this, every test process migrates its own database at its first test. Here the
controlling process starts one migration in a process of its own as soon as it is configured
(`start_template`), while the test processes start and collect the tests; each test process then
copies that migrated database for itself (`django_db_setup`): PostgreSQL with `CREATE DATABASE …
TEMPLATE`, SQLite by copying the file. The template is built with Django's own `create_test_db`,
as the test processes would have built their databases. Dropped when the run ends
(`drop_template`).

The same template gives tests/test_cluster.py its migrated database (`TEMPLATE_ENV`).

Outside a parallel run, with `--reuse-db` or `--nomigrations`, or with a database alias besides
`default`, the fixture does what pytest-django's own `django_db_setup` does."""

import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

import pytest

# Names the template (a PostgreSQL database or an SQLite file) for the test processes and what
# they start; its build writes the outcome to the file named by RESULT_ENV.
TEMPLATE_ENV = "TEST_DATABASE_TEMPLATE"
RESULT_ENV = "TEST_DATABASE_TEMPLATE_RESULT"
WAIT_SECONDS = 900  # for the build; a build that died without a word fails the tests after it

_build = None  # the controlling process's build: (Popen, result file, template name)
# CREATE DATABASE … TEMPLATE while another session is connected to the template: object_in_use.
OBJECT_IN_USE = "55006"


def template_name(settings_dict):
    """The name pytest-django gives a test database before its process's suffix (`_gw0`)."""
    return settings_dict.get("TEST", {}).get("NAME") or f"test_{settings_dict['NAME']}"


def wanted(config):
    """The controlling process of a parallel run that makes its databases afresh."""
    return (
        not hasattr(config, "workerinput")
        and bool(getattr(config.option, "numprocesses", 0))
        and not config.getoption("reuse_db", False)
        and not config.getoption("nomigrations", False)
        and not config.getoption("collectonly", False)
    )


def start_template(config):
    """In the controlling process: start building the template (pytest_configure)."""
    global _build
    from django.conf import settings

    if not wanted(config) or set(settings.DATABASES) != {"default"}:
        return
    default = settings.DATABASES["default"]
    result = Path(tempfile.mkdtemp(prefix="test-database-")) / "result"
    name = template_name(default)
    os.environ[TEMPLATE_ENV] = name
    os.environ[RESULT_ENV] = str(result)
    process = subprocess.Popen(  # noqa: S603 (this module, with the run's settings)
        [sys.executable, "-m", "tests.helpers.test_database"],
        cwd=str(config.invocation_params.dir),
        stdout=subprocess.DEVNULL,
    )
    _build = (process, result, name)


def drop_template(config):
    """In the controlling process: wait for the build and drop the template (pytest_unconfigure)."""
    global _build
    if _build is None:
        return
    process, result, name = _build
    _build = None
    process.wait()
    shutil.rmtree(result.parent, ignore_errors=True)
    from django.db import connection
    from pytest_django.plugin import blocking_manager_key

    if connection.vendor == "postgresql":
        unblocked = config.stash[blocking_manager_key].unblock()
        with unblocked, connection.creation._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        Path(name).unlink(missing_ok=True)


def wait_for_template():
    """The template's name once built; a failed build fails the test that waited, with its
    traceback."""
    result = Path(os.environ[RESULT_ENV])
    deadline = time.monotonic() + WAIT_SECONDS
    while not result.exists():
        if time.monotonic() > deadline:
            pytest.fail(f"the migrated template database was not built in {WAIT_SECONDS} s")
        time.sleep(0.1)
    outcome = result.read_text()
    if outcome != "ok":
        pytest.fail(f"building the migrated template database failed:\n{outcome}", False)
    return os.environ[TEMPLATE_ENV]


def clone(connection, template, name):
    """`name` as a copy of `template` (the test database of this process)."""
    if connection.vendor == "postgresql":
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            deadline = time.monotonic() + 5
            while True:
                try:
                    cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
                    return
                except Exception as error:  # the other process's copy may still read it
                    in_use = getattr(error.__cause__, "sqlstate", None) == OBJECT_IN_USE
                    if not in_use or time.monotonic() > deadline:
                        raise
                time.sleep(0.1)
    else:
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(template, name)


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's fixture of that name, with this process's database copied from the
    template instead of migrated (see the module); otherwise as pytest-django's own, with
    `--reuse-db` (kept afterwards) and `--nomigrations`."""
    from django.conf import settings
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    aliases, serialized = _get_databases_for_setup(request.session.items)
    verbosity = request.config.option.verbose
    keepdb = django_db_keepdb and not django_db_createdb
    plain = (
        RESULT_ENV not in os.environ
        or set(settings.DATABASES) != {"default"}
        or keepdb
        or not django_db_use_migrations
    )
    with django_db_blocker.unblock():
        if plain:
            if not django_db_use_migrations:
                _disable_migrations()
            config = setup_databases(
                verbosity=verbosity,
                interactive=False,
                aliases=aliases,
                serialized_aliases=serialized,
                keepdb=keepdb,
            )
        else:
            template = wait_for_template()
            connection = connections["default"]
            old_name = connection.settings_dict["NAME"]
            name = connection.creation._get_test_db_name()
            clone(connection, template, name)
            connection.close()
            settings.DATABASES["default"]["NAME"] = name
            connection.settings_dict["NAME"] = name
            if "default" in serialized:
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()
            config = [(connection, old_name, True)]
    yield
    if not keepdb:
        with django_db_blocker.unblock():
            teardown_databases(config, verbosity=verbosity)


def build():
    """The template, as a test process builds its database (`python -m` this module)."""
    import django

    django.setup()
    from django.db import connection

    # One dict: the connection's settings are the settings' (Django fills in TEST).
    connection.settings_dict["TEST"]["NAME"] = os.environ[TEMPLATE_ENV]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    connection.close()


if __name__ == "__main__":
    outcome = Path(os.environ[RESULT_ENV])
    try:
        build()
        text = "ok"
    except BaseException:
        text = traceback.format_exc()
    partial = outcome.with_suffix(".partial")
    partial.write_text(text)
    partial.rename(outcome)
    sys.exit(0 if text == "ok" else 1)
