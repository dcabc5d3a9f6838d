import dj_database_url
from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from cms.backup import BackupError, FolderMedia, media_store, restore_backup


class Command(BaseCommand):
    help = (
        "Restores a backup made by `backup` into an empty database and the media (MEDIA_ROOT, or "
        "the S3 bucket), then checks "
        "every table's rows and every file's SHA-256 against the backup's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="The backup: a .tar from `backup`, or its unpacked folder."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite a database or media folder that is not empty.",
        )
        parser.add_argument(
            "--database-url",
            metavar="URL",
            help="Restore into this database instead of the configured one (restore test).",
        )
        parser.add_argument(
            "--media-root",
            metavar="DIR",
            help=(
                "Restore the files into this folder instead of MEDIA_ROOT or the S3 bucket "
                "(restore test)."
            ),
        )

    def handle(self, *args, path, force=False, database_url=None, media_root=None, **options):
        if database_url:
            target = dj_database_url.parse(database_url)
        else:
            target = connections[DEFAULT_DB_ALIAS].settings_dict
            connections.close_all()  # pg_restore and the SQLite copy need the database to itself
        try:
            media = FolderMedia(media_root) if media_root else media_store(settings)
            summary = restore_backup(path, target, media, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Sicherung vom {summary['created_at']} wiederhergestellt und geprüft: "
                f"{summary['tables']} Tabellen, {summary['rows']} Zeilen, "
                f"{summary['files']} Mediendateien wie im Manifest."
            )
        )
        if summary["extra_files"]:
            self.stdout.write(
                self.style.WARNING(
                    f"{summary['extra_files']} Mediendateien stehen nicht in der "
                    "Sicherung; sie wurden nicht angerührt."
                )
            )
        if not database_url:
            # Cached API answers describe the state before the restore.
            try:
                cache.clear()
            except Exception as error:  # the restore stands; the operator clears the cache
                self.stdout.write(
                    self.style.WARNING(
                        f"Zwischenspeicher nicht geleert ({error}): REDIS_URL leeren."
                    )
                )
