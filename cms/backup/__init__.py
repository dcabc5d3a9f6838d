"""Backup and restore of the database together with the media (MEDIA_ROOT, or the S3 bucket when
S3_BUCKET is set; signed consent forms live there).

A backup is one tar archive, `engagierte-stadt-<UTC time>.tar`, holding

    manifest.json      created at, database vendor, applied migrations, rows per table, where
                       the media came from, and a SHA-256 of the database file and of every
                       media file
    database.dump      PostgreSQL: `pg_dump --format=custom`
    database.sqlite3   SQLite: a copy made with sqlite3's backup API (consistent while the app runs)
    media.tar          every media file, named as below MEDIA_ROOT (= its key in the bucket)

The manifest describes exactly what was dumped: on PostgreSQL the rows are counted in a snapshot
that pg_dump then joins (`--snapshot`), on SQLite they are counted in the copy. A restore checks
the backup against its manifest before it changes anything, and the restored database and files
against it afterwards. The operator's guide is docs/operations.md.

    database.py   dumps and their restore          media.py   media folder or bucket ↔ media.tar
    archive.py    the backup file, the restore
"""

from .archive import create_backup, restore_backup
from .errors import BackupError
from .media import BucketMedia, FolderMedia, media_store

__all__ = [
    "BackupError",
    "BucketMedia",
    "FolderMedia",
    "create_backup",
    "media_store",
    "restore_backup",
]
