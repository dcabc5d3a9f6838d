"""The photos withdrawn so far are marked on the image rows (`Image.consent_withdrawn_at`,
migration media 0004), which the API's image policy reads from now on (issue 19, item 5); new
withdrawals mark them in their own transaction (pages/consent.py). Marked by the rule the policy
read until now: the photo of a portrait whose withdrawal is in force (its own, or its German
source's), and every other record of the same file (same hash)."""

from django.conf import settings
from django.db import migrations
from django.db.models import F, Q
from django.db.models.functions import Now, TruncDate

# PortraitPage.CONSENT_WITHDRAWN as of this migration.
RENEWED_AFTER_WITHDRAWAL = Q(consent_given_at__gte=TruncDate("consent_withdrawn_at")) & (
    Q(consent_withdrawn_document__isnull=True)
    | ~Q(consent_document=F("consent_withdrawn_document"))
)
CONSENT_WITHDRAWN = Q(consent_withdrawn_at__isnull=False) & ~RENEWED_AFTER_WITHDRAWAL


def mark_withdrawn_photos(apps, schema_editor):
    from wagtail.coreutils import get_supported_content_language_variant

    portrait = apps.get_model("pages", "PortraitPage")
    image = apps.get_model("media", "Image")
    german = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    withdrawn_keys = (
        portrait.objects.filter(locale__language_code=german)
        .filter(CONSENT_WITHDRAWN)
        .values("translation_key")
    )
    withdrawn = Q(CONSENT_WITHDRAWN) | Q(translation_key__in=withdrawn_keys)
    photo_ids = portrait.objects.filter(withdrawn, photo__isnull=False).values("photo_id")
    hashes = image.objects.filter(pk__in=photo_ids).exclude(file_hash="").values("file_hash")
    image.objects.filter(Q(pk__in=photo_ids) | Q(file_hash__in=hashes)).update(
        consent_withdrawn_at=Now()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("media", "0004_image_consent_withdrawn"),
        ("pages", "0007_subtree_hiding_pages_index"),
    ]

    operations = [migrations.RunPython(mark_withdrawn_photos, migrations.RunPython.noop)]
