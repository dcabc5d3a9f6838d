from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from cms.backup import BackupError, create_backup, media_store


class Command(BaseCommand):
    help = (
        "Writes one backup of the database and the media (MEDIA_ROOT, or the S3 bucket): a .tar "
        "with manifest.json, the database and media.tar, into BACKUP_DIR. It holds personal "
        "data: see docs/operations.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", metavar="DIR", help="Folder for the backup (default: BACKUP_DIR)."
        )

    def handle(self, *args, output=None, **options):
        try:
            path, manifest = create_backup(
                connections[DEFAULT_DB_ALIAS],
                media_store(settings),
                output or settings.BACKUP_DIR,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = manifest["row_counts"]
        files = manifest["media"]["files"]
        self.stdout.write(
            f"Datenbank ({manifest['database']['vendor']}): {len(rows)} Tabellen, "
            f"{sum(rows.values())} Zeilen; Medien: {len(files)} Dateien."
        )
        self.stdout.write(self.style.SUCCESS(f"Sicherung geschrieben: {path}"))
