"""Reactions of the media app to content changes (see cms/events.py)."""

import functools
import logging

from django.db import transaction
from django.db.models import Q

from cms.events import emit

from . import tasks
from .models import Image

logger = logging.getLogger(__name__)


def prepare_renditions_on_change(sender, instance, action, **kwargs):
    """Queue the renditions clients may ask for (media/tasks.py) once the change commits: a
    published portrait's photo, a published organisation's logo, an image saved or uploaded
    (in a public collection; or a visible portrait's photo whose focal point changed). The task
    checks that clients can see the image, so a draft's photo costs one query, no image work."""
    if instance is None or action not in ("published", "updated"):
        return
    if isinstance(instance, Image):
        tasks.enqueue_after_commit(instance.pk)
        return
    if action == "published":
        for field in ("photo_id", "logo_id"):
            tasks.enqueue_after_commit(getattr(instance, field, None))


def withdraw_photo_on_consent_withdrawal(sender, instance, action, **kwargs):
    """Consent withdrawn: once the withdrawal is committed, every record of the portrait's
    photo (the same file uploaded again has the same hash) gets new addresses."""
    photo_id = getattr(instance, "photo_id", None)
    if action == "consent_withdrawn" and photo_id:
        transaction.on_commit(functools.partial(withdraw_photo_everywhere, photo_id), robust=True)


def withdraw_photo_everywhere(photo_id):
    photo = Image.objects.filter(pk=photo_id).first()
    if photo is None:
        return
    same_photo = Q(pk=photo.pk)
    try:
        file_hash = photo.get_file_hash()
    except OSError:  # the file is gone: nothing to compare, nothing to serve
        file_hash = ""
    if file_hash:
        same_photo |= Q(file_hash=file_hash)
    for image in Image.objects.filter(same_photo).order_by("pk"):
        try:
            with transaction.atomic():
                image.withdraw_from_public()
                # Its addresses changed: caches in front (Varnish) drop its files only now,
                # after they are gone, not with the withdrawal's own commit a moment before.
                emit(image, "updated")
        except Exception:  # one broken file must not keep the other copies online
            logger.exception("could not withdraw image %s", image.pk)
