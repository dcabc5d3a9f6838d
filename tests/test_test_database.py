"""The parallel run's migrated template database (tests/helpers/test_database.py): a failed or
missing build fails the tests that wait for it, with what went wrong, and a copy is the
template's schema and rows."""

import uuid

import pytest
from django.db import connection

from tests.helpers import test_database
from tests.helpers.committed import database_url
from tests.helpers.test_database import RESULT_ENV, TEMPLATE_ENV, clone, wait_for_template


@pytest.fixture
def result(tmp_path, monkeypatch):
    path = tmp_path / "result"
    monkeypatch.setenv(RESULT_ENV, str(path))
    monkeypatch.setenv(TEMPLATE_ENV, "test_vorlage")
    return path


def test_a_built_template_is_named(result):
    result.write_text("ok")
    assert wait_for_template() == "test_vorlage"


def test_a_failed_build_fails_the_waiting_test_with_its_traceback(result):
    result.write_text('Traceback …\ndjango.db.utils.OperationalError: no such table: "x"')
    with pytest.raises(pytest.fail.Exception, match="no such table"):
        wait_for_template()


def test_a_build_that_never_ends_fails_after_the_wait(result, monkeypatch):
    monkeypatch.setattr(test_database, "WAIT_SECONDS", 0.3)
    with pytest.raises(pytest.fail.Exception, match="not built in 0.3 s"):
        wait_for_template()


def connect(name):
    """A connection of the database driver to the database `name` of the test server."""
    if connection.vendor == "postgresql":
        import psycopg

        server = database_url().rsplit("/", 1)[0]
        return psycopg.connect(f"{server}/{name}", autocommit=True)
    import sqlite3

    return sqlite3.connect(name, isolation_level=None)


@pytest.mark.django_db
def test_a_copy_has_the_templates_tables_and_rows(tmp_path):
    name = f"vorlage_{uuid.uuid4().hex[:8]}"
    postgresql = connection.vendor == "postgresql"
    if postgresql:
        template, copy = name, f"{name}_gw9"
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{template}"')
    else:
        template, copy = str(tmp_path / f"{name}.sqlite3"), str(tmp_path / "sub" / "copy.sqlite3")
    source = connect(template)
    source.execute("CREATE TABLE stadt (name text)")
    source.execute("INSERT INTO stadt VALUES ('Dessau-Roßlau')")
    source.close()
    try:
        clone(connection, template, copy)
        copied = connect(copy)
        assert copied.execute("SELECT name FROM stadt").fetchall() == [("Dessau-Roßlau",)]
        copied.close()
    finally:
        if postgresql:
            with connection.creation._nodb_cursor() as cursor:
                for dropped in (copy, template):
                    cursor.execute(f'DROP DATABASE IF EXISTS "{dropped}" WITH (FORCE)')
