"""The media app's part of the visibility policy (cms/visibility/), registered with it: an
image showing a photo whose portrait's consent was withdrawn (its own or its German source's),
or another record of the same file, is never shown. The withdrawal marks them on the image rows
in its own transaction (pages/consent.py, `refresh_photo_withdrawal`), so reading them never
scans the portraits.

cms/apps.py imports this module once all models are loaded (`rules.autodiscover`).
"""

from django.db.models import Q

from cms.visibility import rules

from .models import Image


def _not_withdrawn_q():
    return Q(consent_withdrawn_at__isnull=True)


def withdrawn_photo_ids():
    """Images showing a photo whose portrait's consent was withdrawn: the photo itself and
    every other record of the same file (same `file_hash`), wherever it is used. The few
    marked rows, through their partial index (`image_withdrawn_idx`)."""
    return Image.objects.filter(consent_withdrawn_at__isnull=False).values("pk")


rules.image_rule(_not_withdrawn_q, withdrawn_photo_ids)
