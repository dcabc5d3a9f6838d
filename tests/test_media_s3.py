"""Media on S3 (S3_BUCKET; media/storage.py) against a real SeaweedFS on loopback: originals and
consent forms never at a public address, renditions public-read at unsigned ones, documents
streamed through Wagtail's view, and a withdrawal that takes every address of a photo down."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from wagtail.models import Collection

from tests.factories import DocumentFactory, ImageFactory, PortraitPageFactory, publish
from tests.helpers.processes import python_in_a_new_process
from tests.helpers.servers import anonymous_status


def object_exists(s3, key):
    return "Contents" in s3.client().list_objects_v2(Bucket=s3.bucket, Prefix=key)


@pytest.mark.django_db
def test_original_images_are_private_and_the_public_url_is_a_rendition(
    s3_media, graphql, client, tree
):
    image = ImageFactory()
    publish(PortraitPageFactory(parent=tree.dessau_section, photo=image))
    key = image.file.name
    assert key.startswith("original_images/") and object_exists(s3_media, key)

    assert anonymous_status(s3_media.object_url(key)) == 403
    signed = image.file.url  # the admin's: signed, expiring
    assert "X-Amz-Signature=" in signed and anonymous_status(signed) == 200

    public = image.url  # the APIs' `url`: the "original" rendition, unsigned
    assert public.startswith(s3_media.object_url("images/"))
    assert "X-Amz-" not in public and anonymous_status(public) == 200
    data = graphql.data("{ image(id: %d) { url } }" % image.pk)
    assert data == {"image": {"url": public}}
    listed = {item["id"]: item for item in client.get("/api/v2/images/").json()["items"]}
    assert listed[image.pk]["meta"]["download_url"] == public


@pytest.mark.django_db
def test_renditions_are_public_read_and_never_overwritten(s3_media):
    image = ImageFactory()
    rendition = image.get_rendition("fill-160x160")
    assert rendition.file.name.startswith("images/")
    assert rendition.url == s3_media.object_url(rendition.file.name)
    assert anonymous_status(rendition.url) == 200

    storage = storages["renditions"]
    again = storage.save(rendition.file.name, ContentFile(b"anderes Bild"))
    assert again != rendition.file.name  # file_overwrite off, as Wagtail requires
    with storage.open(rendition.file.name) as file:
        assert file.read(4) != b"ande"


@pytest.mark.django_db
def test_consent_forms_stay_private_and_are_streamed_not_redirected(s3_media, client, people):
    form = DocumentFactory(
        title="Einwilligung Greta Gedacht",
        collection=Collection.objects.get(name="Einwilligungen"),
        file=ContentFile(b"unterschrieben", name="einwilligung.txt"),
    )
    assert object_exists(s3_media, form.file.name)
    assert anonymous_status(s3_media.object_url(form.file.name)) == 403

    assert client.get(form.url).status_code == 302  # anonymous: to the login
    client.force_login(people["coordinator"])
    response = client.get(form.url)
    assert response.status_code == 200  # served by Wagtail's view, not a redirect to S3
    assert b"".join(response.streaming_content) == b"unterschrieben"


@pytest.mark.django_db
def test_a_withdrawal_takes_every_address_of_the_photo_down(
    s3_media, tree, people, django_capture_on_commit_callbacks
):
    photo = ImageFactory()
    portrait = publish(PortraitPageFactory(parent=tree.dessau_section, photo=photo))
    rendition_url = photo.get_rendition("fill-400x400").url
    public_url = photo.url
    original = photo.file.name
    assert anonymous_status(rendition_url) == 200
    assert anonymous_status(public_url) == 200

    with django_capture_on_commit_callbacks(execute=True):
        portrait.withdraw_consent(by=people["coordinator"])

    assert anonymous_status(rendition_url) in (403, 404)
    assert anonymous_status(public_url) in (403, 404)
    photo.refresh_from_db()
    assert photo.file.name != original and not object_exists(s3_media, original)
    assert object_exists(s3_media, photo.file.name)  # still usable in the admin, and private
    assert anonymous_status(s3_media.object_url(photo.file.name)) == 403
    assert photo.renditions.count() == 0


def test_s3_settings_come_from_the_environment(s3_media):
    """S3_* variables as a deployment sets them, read by a fresh process: the storages it makes
    reach the server, with checksums only where required (boto3 >= 1.36 vs. SeaweedFS)."""
    code = (
        "import json; from django.core.files.storage import storages as s; "
        "d, r = s['default'], s['renditions']; d.save('documents/probe.txt', "
        "__import__('django.core.files.base').core.files.base.ContentFile(b'x')); "
        "print(json.dumps([type(d).__name__, d.file_overwrite, d.querystring_expire, "
        "r.default_acl, r.url('images/a.jpg'), "
        "d.client_config.request_checksum_calculation, d.exists('documents/probe.txt')]))"
    )
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("S3_")},
        **s3_media.environment(),
        "S3_PUBLIC_URL": "https://bilder.example.org/medien",
        "S3_SIGNED_URL_SECONDS": "120",
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
    }
    output = python_in_a_new_process(f"import django; django.setup(); {code}", environment)
    assert json.loads(output.splitlines()[-1]) == [
        "PrivateS3Storage",
        False,
        120,
        "public-read",
        "https://bilder.example.org/medien/images/a.jpg",
        "when_required",
        True,
    ]


def test_a_bad_s3_address_stops_the_start_with_its_name():
    environment = {
        **os.environ,
        "S3_BUCKET": "media",
        "S3_ENDPOINT_URL": "127.0.0.1:8333",
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", "import django; django.setup()"],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "S3_ENDPOINT_URL must be an http(s) address" in result.stderr
