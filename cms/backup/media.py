"""The media half of a backup: every file of a media store as `media.tar`, checked and written
back. A store is the media folder (MEDIA_ROOT) or, with S3_BUCKET set, the bucket; the archive
is the same either way (names as in the bucket or below the folder), so a backup of one may be
restored into the other."""

import hashlib
import os
import tarfile
import time
from pathlib import Path, PurePosixPath

from django.core.files import File
from django.core.files.storage import storages

from .errors import BackupError


class _HashingReader:
    """Hashes the bytes tarfile copies, so the manifest names exactly what was archived."""

    def __init__(self, file):
        self.file, self.sha256 = file, hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.sha256.update(data)
        return data


def sha256_file(path):
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def media_files(media_root):
    """{relative name: path} of every regular file below `media_root`; links are not followed."""
    files = {}
    for folder, _, filenames in os.walk(media_root):
        for filename in filenames:
            file = Path(folder, filename)
            if file.is_file() and not file.is_symlink():
                files[file.relative_to(media_root).as_posix()] = file
    return dict(sorted(files.items()))


class FolderMedia:
    """The media folder (MEDIA_ROOT, or a folder given for a restore test)."""

    def __init__(self, root):
        self.root = Path(root)

    def __str__(self):
        return str(self.root)

    def files(self):
        """{name: size} of every file."""
        return {name: path.stat().st_size for name, path in media_files(self.root).items()}

    def open(self, name):
        return open(self.root / name, "rb")

    def sha256(self, name):
        path = self.root / name
        return sha256_file(path) if path.is_file() else None

    def check_name(self, member):
        """Absolute names and `..` are refused outright (the data filter would quietly strip a
        leading slash); the data filter then refuses links and devices leading anywhere else."""
        _check_relative(member)
        try:
            tarfile.data_filter(member, str(self.root))
        except tarfile.FilterError as error:
            raise _dangerous(member, error) from error

    def write_all(self, tar):
        self.root.mkdir(parents=True, exist_ok=True)
        tar.extractall(self.root, filter="data")


class BucketMedia:
    """The S3 bucket of media/storage.py. Both storages write the same bucket; a file is written
    back through the one it belongs to (renditions public-read, everything else private)."""

    RENDITIONS = "images/"

    def __init__(self, default, renditions):
        self.default, self.renditions = default, renditions

    def __str__(self):
        return f"s3://{self.default.bucket_name}/{self.default.location}"

    def _storage(self, name):
        return self.renditions if name.startswith(self.RENDITIONS) else self.default

    def files(self):
        prefix = self.default.location.rstrip("/") + "/" if self.default.location else ""
        listing = self.default.bucket.objects.filter(Prefix=prefix)
        return dict(
            sorted(
                (item.key[len(prefix) :], item.size)
                for item in listing
                if not item.key.endswith("/")  # a folder marker, no file
            )
        )

    def open(self, name):
        return self.default.open(name, "rb")

    def sha256(self, name):
        if not self.default.exists(name):
            return None
        with self.open(name) as file:
            return hashlib.file_digest(file, "sha256").hexdigest()

    def check_name(self, member):
        _check_relative(member)
        if not member.isfile() and not member.isdir():
            raise _dangerous(member, "no regular file")

    def write_all(self, tar):
        for member in tar:
            if not member.isfile():
                continue
            storage = self._storage(member.name)
            storage.delete(member.name)  # a restore overwrites (the storages never do)
            saved = storage.save(member.name, File(tar.extractfile(member), member.name))
            if saved != member.name:
                raise BackupError(
                    f"{member.name}: als {saved} gespeichert / stored as {saved} in {self}"
                )


def media_store(settings):
    """Where the configured media live: the bucket (S3_BUCKET) or MEDIA_ROOT."""
    default = storages["default"]
    if hasattr(default, "bucket_name"):
        return BucketMedia(default, storages["renditions"])
    return FolderMedia(settings.MEDIA_ROOT)


def _check_relative(member):
    path = PurePosixPath(member.name)
    if path.is_absolute() or ".." in path.parts:
        raise _dangerous(member, "outside the media")


def _dangerous(member, reason):
    return BackupError(
        f"Gefährlicher Pfad in der Sicherung, nichts wurde verändert / "
        f"Dangerous path in the backup, nothing was changed: {member.name} ({reason})"
    )


def archive_media(store, path):
    """Every file of `store` as a tar archive at `path` → {name: sha256 of what was archived}."""
    hashes, now = {}, int(time.time())
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        for name, size in store.files().items():
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = size, 0o644, now
            with store.open(name) as content:
                reader = _HashingReader(content)
                tar.addfile(info, reader)
            hashes[name] = reader.sha256.hexdigest()
    return hashes


def check_media_archive(archive, expected, store):
    """Problems of `archive` against the manifest's {name: sha256}; raises on a name that could
    land outside `store`."""
    problems, seen = [], set()
    with tarfile.open(archive) as tar:
        for member in tar:
            store.check_name(member)
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
    return problems + [f"{name}: fehlt / missing" for name in sorted(set(expected) - seen)]


def restore_media(archive, store):
    with tarfile.open(archive) as tar:
        store.write_all(tar)


def verify_media(expected, store):
    problems = []
    for name, sha256 in expected.items():
        found = store.sha256(name)
        if found is None:
            problems.append(f"{name}: fehlt / missing")
        elif found != sha256:
            problems.append(f"{name}: SHA-256 weicht ab / hash mismatch")
    return problems
