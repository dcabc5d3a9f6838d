"""A withdrawn photo is marked on the image rows (issue 19, item 5): the API's image policy
reads `Image.consent_withdrawn_at` (partial index `image_withdrawn_idx`) instead of scanning
every portrait on every request. The withdrawal writes it in its own transaction
(pages/consent.py, `refresh_photo_withdrawal`); the photos withdrawn so far are marked by the
migration pages 0007."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("media", "0003_image_file_hash"),
    ]

    operations = [
        migrations.AddField(
            model_name="image",
            name="consent_withdrawn_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text=(
                    "Die Einwilligung eines Porträts mit diesem Foto wurde widerrufen: das Bild "
                    "wird nirgends mehr öffentlich gezeigt."
                ),
                null=True,
                verbose_name="Einwilligung widerrufen am",
            ),
        ),
        migrations.AddIndex(
            model_name="image",
            index=models.Index(
                condition=models.Q(("consent_withdrawn_at__isnull", False)),
                fields=["id"],
                name="image_withdrawn_idx",
            ),
        ),
    ]
