"""Reactions of the media app to content changes (see cms/events.py)."""

import functools
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q

logger = logging.getLogger(__name__)


def prepare_renditions_on_publish(sender, instance, action, **kwargs):
    """A published page's photo gets the renditions partner websites ask for most
    (PREPARED_RENDITIONS) once the publish commits, not on the first request."""
    photo = getattr(instance, "photo", None)
    if action == "published" and photo is not None and settings.PREPARED_RENDITIONS:
        transaction.on_commit(functools.partial(prepare_renditions, photo), robust=True)


def prepare_renditions(image):
    """Make the PREPARED_RENDITIONS of `image`. A broken file must not block publishing: it is
    logged here, and the API reports it when asked."""
    try:
        image.get_renditions(*settings.PREPARED_RENDITIONS)
    except Exception:
        logger.exception("could not prepare renditions for image %s", image.pk)


def withdraw_photo_on_consent_withdrawal(sender, instance, action, **kwargs):
    """Consent withdrawn: once the withdrawal is committed, every record of the portrait's
    photo (the same file uploaded again has the same hash) gets new addresses."""
    photo_id = getattr(instance, "photo_id", None)
    if action == "consent_withdrawn" and photo_id:
        transaction.on_commit(functools.partial(withdraw_photo_everywhere, photo_id), robust=True)


def withdraw_photo_everywhere(photo_id):
    from .models import Image

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
        except Exception:  # one broken file must not keep the other copies online
            logger.exception("could not withdraw image %s", image.pk)
