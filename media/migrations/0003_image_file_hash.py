"""Images created by code (not the admin's forms) had no file hash; withdrawing a photo finds
its other records by that hash. Existing document files keep their (possibly guessable) names:
they are served only through Wagtail's view, which checks the collection's restriction."""

from django.db import migrations
from wagtail.utils.file import hash_filelike


def fill_missing_file_hashes(apps, schema_editor):
    image_model = apps.get_model("media", "Image")
    for image in image_model.objects.filter(file_hash="").exclude(file="").iterator():
        try:
            with image.file.open("rb") as original:
                file_hash = hash_filelike(original)
        except OSError:
            continue  # a missing file has no hash
        image_model.objects.filter(pk=image.pk).update(file_hash=file_hash)


class Migration(migrations.Migration):
    dependencies = [("media", "0002_document_file_unguessable")]

    operations = [migrations.RunPython(fill_missing_file_hashes, migrations.RunPython.noop)]
