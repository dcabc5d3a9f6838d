"""Backup and restore of the database together with MEDIA_ROOT (signed consent forms live there).

A backup is one tar archive, `engagierte-stadt-<UTC time>.tar`, holding

    manifest.json      created at, database vendor, applied migrations, rows per table, and a
                       SHA-256 of the database file and of every media file
    database.dump      PostgreSQL: `pg_dump --format=custom`
    database.sqlite3   SQLite: a copy made with sqlite3's backup API (consistent while the app runs)
    media.tar          MEDIA_ROOT

The manifest describes exactly what was dumped: on PostgreSQL the rows are counted in a snapshot
that pg_dump then joins (`--snapshot`), on SQLite they are counted in the copy. A restore checks
the backup against its manifest before it changes anything, and the restored database and files
against it afterwards. The operator's guide is docs/operations.md.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.db import DEFAULT_DB_ALIAS
from django.db.utils import ConnectionHandler

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
MEMBERS = {MANIFEST, MEDIA_ARCHIVE, *DATABASE_FILES.values()}

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


class BackupError(Exception):
    """What went wrong, for the operator: German, then English."""


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


def sha256_file(path):
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


class _HashingReader:
    """Hashes the bytes tarfile copies, so the manifest names exactly what was archived."""

    def __init__(self, file):
        self.file, self.sha256 = file, hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.sha256.update(data)
        return data


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


# Backup


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


def media_files(media_root):
    """{relative name: path} of every regular file below `media_root`; links are not followed."""
    files = {}
    for folder, _, filenames in os.walk(media_root):
        for filename in filenames:
            file = Path(folder, filename)
            if file.is_file() and not file.is_symlink():
                files[file.relative_to(media_root).as_posix()] = file
    return dict(sorted(files.items()))


def _archive_media(media_root, path):
    """`media_root` as a tar archive at `path` → {relative name: sha256 of what was archived}."""
    hashes = {}
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        for name, file in media_files(media_root).items():
            info = tar.gettarinfo(file, arcname=name)
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            with open(file, "rb") as content:
                reader = _HashingReader(content)
                tar.addfile(info, reader)
            hashes[name] = reader.sha256.hexdigest()
    return hashes


def create_backup(connection, media_root, output_dir):
    """Write one backup of `connection`'s database and of `media_root` into `output_dir`;
    returns its path and manifest. Only the owner may read it: it holds personal data."""
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(
            f"Datenbank {vendor} wird nicht unterstützt. / Database {vendor} is not supported."
        )
    output_dir = Path(output_dir)
    output_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    created_at = datetime.now(UTC)
    target = output_dir / f"engagierte-stadt-{created_at:%Y%m%dT%H%M%SZ}.tar"
    if target.exists():
        raise BackupError(f"{target} gibt es schon. / {target} already exists.")
    with tempfile.TemporaryDirectory(dir=output_dir, prefix=".backup-") as staging:
        staging = Path(staging)
        database_file = staging / DATABASE_FILES[vendor]
        if vendor == "postgresql":
            state = _dump_postgresql(connection.settings_dict, database_file)
        else:
            state = _dump_sqlite(connection, database_file)
        # After the database: a file uploaded meanwhile is merely extra, never missing.
        media = _archive_media(Path(media_root), staging / MEDIA_ARCHIVE)
        manifest = {
            "format": FORMAT,
            "created_at": created_at.isoformat(),
            "database": {
                "vendor": vendor,
                "file": database_file.name,
                "sha256": sha256_file(database_file),
            },
            "migrations": state["migrations"],
            "row_counts": state["row_counts"],
            "media": {"archive": MEDIA_ARCHIVE, "files": media},
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
        partial = target.with_name(target.name + ".partial")
        with (
            os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out,
            tarfile.open(fileobj=out, mode="w") as tar,
        ):
            for name in (MANIFEST, database_file.name, MEDIA_ARCHIVE):
                tar.add(staging / name, arcname=name)
        partial.replace(target)
    return target, manifest


# Restore


def _unpack(source, into):
    """The folder holding the backup's files: `source` itself if it is an unpacked backup."""
    source = Path(source)
    if source.is_dir():
        return source
    if not source.is_file():
        raise BackupError(f"Sicherung nicht gefunden: {source} / Backup not found: {source}")
    try:
        with tarfile.open(source) as tar:
            members = tar.getmembers()
            unexpected = [m.name for m in members if m.name not in MEMBERS or not m.isfile()]
            if unexpected:
                raise BackupError(
                    f"Unerwartete Einträge in der Sicherung / Unexpected entries in the backup: "
                    f"{', '.join(unexpected)}"
                )
            tar.extractall(into, members=members, filter="data")
    except tarfile.TarError as error:
        raise BackupError(
            f"{source} ist keine lesbare Sicherung (tar) / is not a readable backup (tar): "
            f"{str(error).splitlines()[0]}"
        ) from error
    return Path(into)


def _read_manifest(folder):
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(
            f"Manifest fehlt oder ist unlesbar / Manifest missing or unreadable: {error}"
        ) from error
    try:
        valid = (
            manifest["format"] == FORMAT
            and DATABASE_FILES[manifest["database"]["vendor"]] == manifest["database"]["file"]
            and all(key in manifest for key in ("created_at", "migrations", "row_counts"))
            and isinstance(manifest["media"]["files"], dict)
        )
    except (KeyError, TypeError):
        valid = False
    if not valid:
        raise BackupError(
            f"Unbekanntes Sicherungsformat (erwartet {FORMAT}). / "
            f"Unknown backup format (expected {FORMAT})."
        )
    return manifest


def _mismatch(title, problems):
    shown = "\n".join(f"  - {problem}" for problem in problems[:20])
    more = f"\n  … und {len(problems) - 20} weitere / and more" if len(problems) > 20 else ""
    return BackupError(f"{title}:\n{shown}{more}")


def _refuse_dangerous(member, media_root):
    """Absolute names and `..` are refused outright (the data filter would quietly strip a
    leading slash); the data filter then refuses links and devices leading anywhere else."""
    path = PurePosixPath(member.name)
    try:
        if path.is_absolute() or ".." in path.parts:
            raise tarfile.OutsideDestinationError(member, member.name)
        tarfile.data_filter(member, str(media_root))
    except tarfile.FilterError as error:
        raise BackupError(
            f"Gefährlicher Pfad in der Sicherung, nichts wurde verändert / "
            f"Dangerous path in the backup, nothing was changed: {member.name} ({error})"
        ) from error


def _check_archive(folder, manifest, media_root):
    """Before anything is changed: the database file and every media file match the manifest,
    and no media entry could land outside `media_root`."""
    problems = []
    database_file = folder / manifest["database"]["file"]
    if not database_file.is_file():
        problems.append(f"{database_file.name}: fehlt / missing")
    elif sha256_file(database_file) != manifest["database"]["sha256"]:
        problems.append(f"{database_file.name}: SHA-256 weicht ab / hash mismatch")
    expected = manifest["media"]["files"]
    seen = set()
    with tarfile.open(folder / MEDIA_ARCHIVE) as tar:
        for member in tar:
            _refuse_dangerous(member, media_root)
            if member.isdir():
                continue
            if not member.isfile():
                problems.append(f"{member.name}: keine normale Datei / not a regular file")
            elif member.name not in expected:
                problems.append(f"{member.name}: nicht im Manifest / not in the manifest")
            else:
                content = tar.extractfile(member)
                if hashlib.file_digest(content, "sha256").hexdigest() != expected[member.name]:
                    problems.append(f"{member.name}: SHA-256 weicht ab / hash mismatch")
            seen.add(member.name)
    problems += [f"{name}: fehlt / missing" for name in sorted(set(expected) - seen)]
    if problems:
        raise _mismatch(
            "Die Sicherung ist beschädigt oder verändert, nichts wurde wiederhergestellt / "
            "The backup is damaged or altered, nothing was restored",
            problems,
        )


def _verify(target_db, manifest, media_root):
    """After the restore: every table has its rows and every media file its bytes."""
    problems = []
    state = database_state(target_db)
    for table, expected in manifest["row_counts"].items():
        found = state["row_counts"].get(table)
        if found != expected:
            problems.append(
                f"Tabelle/table {table}: {found if found is not None else 'fehlt/missing'} "
                f"Zeilen/rows, erwartet/expected {expected}"
            )
    if state["migrations"] != manifest["migrations"]:
        problems.append("Migrationsstand weicht ab / migration state differs")
    for name, expected in manifest["media"]["files"].items():
        file = Path(media_root, name)
        if not file.is_file():
            problems.append(f"{name}: fehlt / missing")
        elif sha256_file(file) != expected:
            problems.append(f"{name}: SHA-256 weicht ab / hash mismatch")
    if problems:
        raise _mismatch(
            "Prüfung nach der Wiederherstellung fehlgeschlagen / Verification after restore failed",
            problems,
        )


def restore_backup(source, target_settings, media_root, force=False):
    """Restore the backup at `source` into the database `target_settings` describes and into
    `media_root`, then verify both against the manifest. Returns a summary."""
    media_root = Path(media_root)
    with tempfile.TemporaryDirectory(prefix="engagierte-stadt-restore-") as scratch:
        folder = _unpack(source, scratch)
        manifest = _read_manifest(folder)
        _check_archive(folder, manifest, media_root)
        target_db = open_database(target_settings)
        try:
            vendor = manifest["database"]["vendor"]
            if target_db.vendor != vendor:
                raise BackupError(
                    f"Die Sicherung ist aus {vendor}, das Ziel ist {target_db.vendor}. / "
                    f"The backup is from {vendor}, the target is {target_db.vendor}."
                )
            with target_db.cursor() as cursor:
                tables = target_db.introspection.table_names(cursor)
            files = media_files(media_root)
            if (tables or files) and not force:
                raise BackupError(
                    f"Ziel nicht leer ({len(tables)} Tabellen in der Datenbank, {len(files)} "
                    f"Dateien in {media_root}): mit --force überschreiben. / Target not empty "
                    f"({len(tables)} tables, {len(files)} files): use --force to overwrite."
                )
            database_file = folder / manifest["database"]["file"]
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
            media_root.mkdir(parents=True, exist_ok=True)
            with tarfile.open(folder / MEDIA_ARCHIVE) as tar:
                tar.extractall(media_root, filter="data")
            _verify(target_db, manifest, media_root)
        finally:
            target_db.close()
    return {
        "created_at": manifest["created_at"],
        "tables": len(manifest["row_counts"]),
        "rows": sum(manifest["row_counts"].values()),
        "files": len(manifest["media"]["files"]),
        "extra_files": len(set(media_files(media_root)) - set(manifest["media"]["files"])),
    }
