"""Writing a backup and restoring one (cms/backup/__init__.py describes the format)."""

import json
import os
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from .database import (
    DATABASE_FILES,
    database_state,
    dump_database,
    load_database,
    open_database,
)
from .errors import BackupError
from .media import (
    archive_media,
    check_media_archive,
    restore_media,
    sha256_file,
    verify_media,
)

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar"
MEMBERS = {MANIFEST, MEDIA_ARCHIVE, *DATABASE_FILES.values()}


# Backup


def create_backup(connection, media, output_dir):
    """Write one backup of `connection`'s database and of the media store `media`
    (cms/backup/media.py) into `output_dir`; returns its path and manifest. Only the owner may
    read it: it holds personal data."""
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
        state = dump_database(connection, database_file)
        # After the database: a file uploaded meanwhile is merely extra, never missing.
        files = archive_media(media, staging / MEDIA_ARCHIVE)
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
            "media": {"archive": MEDIA_ARCHIVE, "source": str(media), "files": files},
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


def _check_archive(folder, manifest, media):
    """Before anything is changed: the database file and every media file match the manifest,
    and no media entry could land outside the media store."""
    problems = []
    database_file = folder / manifest["database"]["file"]
    if not database_file.is_file():
        problems.append(f"{database_file.name}: fehlt / missing")
    elif sha256_file(database_file) != manifest["database"]["sha256"]:
        problems.append(f"{database_file.name}: SHA-256 weicht ab / hash mismatch")
    problems += check_media_archive(folder / MEDIA_ARCHIVE, manifest["media"]["files"], media)
    if problems:
        raise _mismatch(
            "Die Sicherung ist beschädigt oder verändert, nichts wurde wiederhergestellt / "
            "The backup is damaged or altered, nothing was restored",
            problems,
        )


def _verify(target_db, manifest, media):
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
    problems += verify_media(manifest["media"]["files"], media)
    if problems:
        raise _mismatch(
            "Prüfung nach der Wiederherstellung fehlgeschlagen / Verification after restore failed",
            problems,
        )


def restore_backup(source, target_settings, media, force=False):
    """Restore the backup at `source` into the database `target_settings` describes and into the
    media store `media`, then verify both against the manifest. Returns a summary."""
    with tempfile.TemporaryDirectory(prefix="engagierte-stadt-restore-") as scratch:
        folder = _unpack(source, scratch)
        manifest = _read_manifest(folder)
        _check_archive(folder, manifest, media)
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
            files = media.files()
            if (tables or files) and not force:
                raise BackupError(
                    f"Ziel nicht leer ({len(tables)} Tabellen in der Datenbank, {len(files)} "
                    f"Dateien in {media}): mit --force überschreiben. / Target not empty "
                    f"({len(tables)} tables, {len(files)} files): use --force to overwrite."
                )
            load_database(folder / manifest["database"]["file"], vendor, target_db, target_settings)
            restore_media(folder / MEDIA_ARCHIVE, media)
            _verify(target_db, manifest, media)
        finally:
            target_db.close()
    return {
        "created_at": manifest["created_at"],
        "tables": len(manifest["row_counts"]),
        "rows": sum(manifest["row_counts"].values()),
        "files": len(manifest["media"]["files"]),
        "extra_files": len(set(media.files()) - set(manifest["media"]["files"])),
    }
