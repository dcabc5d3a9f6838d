"""Settings read the environment once, one way, and importing them changes nothing on disk."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connections

from cms.embedded_sqlite.base import DatabaseWrapper
from tests.helpers.processes import setting_in_a_new_process

# Imports the settings with Path.mkdir (and os.mkdir, os.makedirs) recording instead of making.
NO_MKDIR = """
import os, pathlib, sys
made = []
pathlib.Path.mkdir = lambda self, *args, **kwargs: made.append(str(self))
os.mkdir = lambda path, *args, **kwargs: made.append(str(path))
os.makedirs = lambda path, *args, **kwargs: made.append(str(path))
import importlib
importlib.import_module(sys.argv[1])
print(made)
"""


def environment(**env):
    names = ("DATABASE_URL", "MEDIA_ROOT", "SECRET_KEY", "ALLOWED_HOSTS") + tuple(env)
    result = {key: value for key, value in os.environ.items() if key not in names}
    result.update(env)
    return result


@pytest.mark.parametrize(
    ("module", "env"),
    [
        ("cms.settings.base", {}),
        ("cms.settings.test", {}),
        (
            "cms.settings.production",
            {
                "SECRET_KEY": "x" * 50,
                "ALLOWED_HOSTS": "example.org",
                "DATABASE_URL": "postgres:///x",
            },
        ),
    ],
)
def test_importing_the_settings_makes_no_directory(module, env):
    made = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", NO_MKDIR, module],
        env=environment(**env),
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert made == "[]"


def test_the_embedded_database_makes_its_folder_on_the_first_connection(
    tmp_path, django_db_blocker
):
    path = tmp_path / "var" / "db.sqlite3"
    configured = connections.configure_settings(
        {"default": {"ENGINE": "cms.embedded_sqlite", "NAME": str(path)}}
    )
    database = DatabaseWrapper(configured["default"], alias="embedded")
    with django_db_blocker.unblock():
        try:
            with database.cursor() as cursor:
                cursor.execute("SELECT 1")
        finally:
            database.close()
    assert path.exists()


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", "False"), ("yes", "True"), ("TRUE", "True"), ("1", "True"), ("off", "False")],
)
@pytest.mark.parametrize("name", ["EMAIL_USE_TLS", "WEBHOOK_ALLOW_LOOPBACK"])
def test_every_yes_or_no_is_read_one_way(name, value, expected):
    env = environment(**{name: value, "DJANGO_SETTINGS_MODULE": "cms.settings.base"})
    assert setting_in_a_new_process(name, env) == expected


def test_a_yes_or_no_that_is_neither_stops_the_start_naming_the_variable():
    env = environment(EMAIL_USE_TLS="ja", DJANGO_SETTINGS_MODULE="cms.settings.base")
    with pytest.raises(subprocess.CalledProcessError) as failure:
        setting_in_a_new_process("EMAIL_USE_TLS", env)
    assert "EMAIL_USE_TLS must be true or false, not 'ja'." in failure.value.stderr
