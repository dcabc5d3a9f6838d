"""Backup and restore (`manage.py backup` / `restore`): a backup restored into a fresh database and
a fresh media folder holds every row and every file again, and a restore refuses what it must.

On PostgreSQL pg_dump runs in its own process and sees only committed rows, so the tests are
transactional (see `migration_data_back_afterwards` in conftest).
"""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import dj_database_url
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.utils import ConnectionHandler

from cms.backup import media_store
from pages.models import PortraitPage
from tests.factories import ImageFactory, PortraitPageFactory, publish
from tests.factories.nominations import NominationFactory
from tests.helpers.committed import COMMITTED, database_url
from tests.helpers.servers import anonymous_status

pytestmark = COMMITTED

CONSENT_FORM = b"%PDF-1.4 Einwilligungserklaerung Erika Beispiel, unterschrieben"


@pytest.fixture
def fresh_database(tmp_path):
    """URL of a new, empty database beside the test database, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"{connection.settings_dict['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield f"{database_url()}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def counts_per_model(db):
    """Rows of every model's table (many-to-many tables included), counted through `db`."""
    tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    with db.cursor() as cursor:
        counts = {}
        for table in sorted(tables):
            cursor.execute(f"SELECT COUNT(*) FROM {db.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def file_hashes(folder):
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in Path(folder).rglob("*")
        if path.is_file()
    }


def connect(url):
    return ConnectionHandler({DEFAULT_DB_ALIAS: dj_database_url.parse(url)})[DEFAULT_DB_ALIAS]


def make_backup(tmp_path):
    call_command("backup", "--output", str(tmp_path / "backups"), stdout=io.StringIO())
    [archive] = (tmp_path / "backups").glob("*.tar")
    return archive


def restore(archive, database_url, media_root, *options):
    out = io.StringIO()
    call_command(
        "restore", str(archive), "--database-url", database_url, "--media-root", str(media_root),
        *options, stdout=out,
    )  # fmt: skip
    return out.getvalue()


def rewrite_member(archive, name, change):
    """Replace the backup member `name` by `change(its bytes)`, as an attacker or bad disk would."""
    with tarfile.open(archive) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    members[name] = change(members[name])
    with tarfile.open(archive, "w") as tar:
        for member, data in members.items():
            info = tarfile.TarInfo(member)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def rewrite_media_file(media_tar, name, change):
    return _retar(media_tar, lambda member, data: change(data) if member == name else data)


def _retar(tar_bytes, change, extra=None):
    out = io.BytesIO()
    with (
        tarfile.open(fileobj=io.BytesIO(tar_bytes)) as source,
        tarfile.open(fileobj=out, mode="w") as target,
    ):
        for member in source.getmembers():
            data = change(member.name, source.extractfile(member).read())
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
        for name, data in (extra or {}).items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    return out.getvalue()


@pytest.fixture
def content(tree):
    """Published portraits with photos and signed consent forms (files in MEDIA_ROOT), and a
    nomination: the personal data a backup must not lose."""
    section = tree.dessau_section
    portraits = [
        publish(
            PortraitPageFactory(
                parent=section,
                photo=ImageFactory(),
                consent_document__file__data=CONSENT_FORM + str(n).encode(),
            )
        )
        for n in range(3)
    ]
    NominationFactory(town=tree.dessau)
    return portraits


def test_restore_into_fresh_database_and_media_folder_finds_every_row_and_file(
    content, tmp_path, fresh_database
):
    archive = make_backup(tmp_path)
    rows_before = counts_per_model(connection)
    files_before = file_hashes(settings.MEDIA_ROOT)
    assert rows_before[PortraitPage._meta.db_table] == 3

    media_root = tmp_path / "restored-media"
    output = restore(archive, fresh_database, media_root)

    assert "wiederhergestellt und geprüft" in output
    restored = connect(fresh_database)
    try:
        assert counts_per_model(restored) == rows_before
        portrait = content[0]
        with restored.cursor() as cursor:
            cursor.execute(
                "SELECT d.file FROM pages_portraitpage p JOIN media_document d"
                " ON d.id = p.consent_document_id WHERE p.page_ptr_id = %s",
                [portrait.pk],
            )
            [(consent_file,)] = cursor.fetchall()
    finally:
        restored.close()
    assert file_hashes(media_root) == files_before
    assert consent_file == portrait.consent_document.file.name
    assert (media_root / consent_file).read_bytes() == CONSENT_FORM + b"0"
    assert (media_root / portrait.photo.file.name).is_file()


def test_restore_refuses_a_target_that_is_not_empty_without_force(
    content, tmp_path, fresh_database
):
    archive = make_backup(tmp_path)
    media_root = tmp_path / "restored-media"
    restore(archive, fresh_database, media_root)
    restored = connect(fresh_database)
    try:
        with restored.cursor() as cursor:
            cursor.execute("DELETE FROM nominations_nomination")

        with pytest.raises(CommandError, match="--force"):
            restore(archive, fresh_database, media_root)
        assert counts_per_model(restored)["nominations_nomination"] == 0  # nothing was touched

        restore(archive, fresh_database, media_root, "--force")
        assert counts_per_model(restored)["nominations_nomination"] == 1
    finally:
        restored.close()


def test_restore_refuses_the_configured_database_when_it_holds_content(content, tmp_path):
    archive = make_backup(tmp_path)
    with pytest.raises(CommandError, match="Ziel nicht leer"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert PortraitPage.objects.count() == 3


def test_a_tampered_media_file_fails_verification_before_anything_changes(
    content, tmp_path, fresh_database
):
    archive = make_backup(tmp_path)
    consent_file = content[1].consent_document.file.name
    rewrite_member(
        archive,
        "media.tar",
        lambda media: rewrite_media_file(media, consent_file, lambda data: data + b" gefaelscht"),
    )
    media_root = tmp_path / "restored-media"

    with pytest.raises(CommandError, match="beschädigt oder verändert") as error:
        restore(archive, fresh_database, media_root)

    assert f"{consent_file}: SHA-256 weicht ab" in str(error.value)
    assert not media_root.exists()
    restored = connect(fresh_database)
    try:
        with restored.cursor() as cursor:
            assert restored.introspection.table_names(cursor) == []
    finally:
        restored.close()


def test_a_missing_row_fails_verification_after_restore(content, tmp_path, fresh_database):
    """The manifest promises one nomination more than the dump holds: the restore says so."""
    archive = make_backup(tmp_path)
    rewrite_member(
        archive,
        "manifest.json",
        lambda manifest: manifest.replace(
            b'"nominations_nomination": 1', b'"nominations_nomination": 2'
        ),
    )
    with pytest.raises(CommandError, match="Verification after restore failed") as error:
        restore(archive, fresh_database, tmp_path / "restored-media")
    assert "nominations_nomination: 1 Zeilen/rows, erwartet/expected 2" in str(error.value)


@pytest.mark.parametrize("outside", ["relative", "absolute"])
def test_media_entries_outside_the_media_folder_are_refused(
    content, tmp_path, fresh_database, outside
):
    archive = make_backup(tmp_path)
    media_root = tmp_path / "restored-media"
    target = tmp_path / "ausserhalb.txt"
    name = "../ausserhalb.txt" if outside == "relative" else str(target)
    rewrite_member(
        archive, "media.tar", lambda media: _retar(media, lambda _, data: data, {name: b"boese"})
    )

    with pytest.raises(CommandError, match="Gefährlicher Pfad"):
        restore(archive, fresh_database, media_root)

    assert not target.exists()
    assert not media_root.exists()


def bucket_objects(s3):
    client = s3.client()
    keys = [
        item["Key"]
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=s3.bucket)
        for item in page.get("Contents", [])
    ]
    return {key: client.get_object(Bucket=s3.bucket, Key=key)["Body"].read() for key in keys}


def test_backup_and_restore_cover_the_s3_bucket(s3_media, tree, tmp_path, fresh_database):
    """With S3_BUCKET set the media are the bucket's objects: all of them in the backup, all of
    them back after a restore into an emptied bucket, renditions public and the rest private."""

    local_files = file_hashes(settings.MEDIA_ROOT)
    photo = ImageFactory()
    portrait = publish(
        PortraitPageFactory(
            parent=tree.dessau_section,
            photo=photo,
            consent_document__file__data=CONSENT_FORM,
        )
    )
    rendition = photo.get_rendition("fill-160x160").file.name
    consent_form = portrait.consent_document.file.name
    before = bucket_objects(s3_media)
    assert {photo.file.name, rendition, consent_form} <= set(before)
    assert file_hashes(settings.MEDIA_ROOT) == local_files  # nothing went to the folder

    archive = make_backup(tmp_path)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["media"]["source"] == f"s3://{s3_media.bucket}/"
    assert set(manifest["media"]["files"]) == set(before)

    client = s3_media.client()
    for key in before:
        client.delete_object(Bucket=s3_media.bucket, Key=key)
    assert anonymous_status(s3_media.object_url(rendition)) == 404

    out = io.StringIO()
    call_command("restore", str(archive), "--database-url", fresh_database, stdout=out)

    assert "wiederhergestellt und geprüft" in out.getvalue()
    assert bucket_objects(s3_media) == before
    assert anonymous_status(s3_media.object_url(rendition)) == 200  # public again
    assert anonymous_status(s3_media.object_url(consent_form)) == 403
    assert anonymous_status(s3_media.object_url(photo.file.name)) == 403
    assert set(media_store(settings).files()) == set(before)  # what "Ziel nicht leer" counts
