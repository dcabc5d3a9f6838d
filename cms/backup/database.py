"""The database half of a backup: dumps (pg_dump in a snapshot, SQLite's backup API), their
restore, and the state (rows per table, applied migrations) a manifest records."""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing

from django.db import DEFAULT_DB_ALIAS
from django.db.utils import ConnectionHandler

from .errors import BackupError

DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}

# libpq reads these from the environment: connection settings (the password above all) never
# appear on a command line, where every user of the host could read them.
LIBPQ_SETTINGS = {
    "HOST": "PGHOST",
    "PORT": "PGPORT",
    "USER": "PGUSER",
    "PASSWORD": "PGPASSWORD",
    "NAME": "PGDATABASE",
}
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
}


def open_database(settings_dict):
    """A Django connection of its own (not one of `django.db.connections`) to the database that
    `settings_dict` describes, e.g. a restore target given as a URL."""
    return ConnectionHandler({DEFAULT_DB_ALIAS: dict(settings_dict)})[DEFAULT_DB_ALIAS]


def database_state(connection):
    """Rows per table and the applied migrations, read through `connection`."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        rows = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (catalogue names)
            rows[table] = cursor.fetchone()[0]
        migrations = []
        if "django_migrations" in rows:
            cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
            migrations = [f"{app}.{name}" for app, name in cursor.fetchall()]
    return {"row_counts": rows, "migrations": migrations}


def _run(program, *args, env):
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(
            f"{program} nicht gefunden: bitte den PostgreSQL-Client installieren. / "
            f"{program} not found: install the PostgreSQL client."
        )
    result = subprocess.run(  # noqa: S603 (fixed program, no shell, no secrets in the arguments)
        [executable, *args], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise BackupError(
            f"{program} ist fehlgeschlagen / {program} failed "
            f"(exit {result.returncode}):\n{result.stderr.strip()}"
        )


def _libpq_env(settings_dict):
    env = dict(os.environ)
    for key, variable in LIBPQ_SETTINGS.items():
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    for key, variable in LIBPQ_OPTIONS.items():
        if settings_dict.get("OPTIONS", {}).get(key):
            env[variable] = str(settings_dict["OPTIONS"][key])
    return env


def dump_database(connection, path):
    """Dump `connection`'s database to `path`; returns the state the dump holds."""
    if connection.vendor == "postgresql":
        return _dump_postgresql(connection.settings_dict, path)
    return _dump_sqlite(connection, path)


def _dump_postgresql(settings_dict, path):
    snapshot_db = open_database(settings_dict)
    try:
        snapshot_db.set_autocommit(False)
        with snapshot_db.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        state = database_state(snapshot_db)
        _run(
            "pg_dump",
            "--format=custom",
            f"--snapshot={snapshot}",
            "--no-password",
            f"--file={path}",
            env=_libpq_env(settings_dict),
        )
    finally:
        snapshot_db.close()
    return state


def _dump_sqlite(connection, path):
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as copy:
        connection.connection.backup(copy)
    copy_db = open_database({"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)})
    try:
        return database_state(copy_db)
    finally:
        copy_db.close()


def load_database(database_file, vendor, target_db, target_settings):
    """Replace the content of the target database by the dump `database_file`."""
    if vendor == "postgresql":
        target_db.close()
        _run(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--no-password",
            f"--dbname={target_settings['NAME']}",
            str(database_file),
            env=_libpq_env(target_settings),
        )
    else:
        target_db.ensure_connection()
        copy_uri = f"{database_file.resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(copy_uri, uri=True)) as copy:
            copy.backup(target_db.connection)
