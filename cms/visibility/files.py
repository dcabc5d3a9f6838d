"""Visible images and documents: in a public collection, or (images) used by visible content
(`rules.show_images`: a portrait's photo, an organisation's logo); never the photo of a
portrait whose consent was withdrawn."""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .request import request_lookups
from .rules import registry


def _public_collection_q():
    return Q(
        collection__name__in=settings.PUBLIC_MEDIA_COLLECTIONS,
        collection__view_restrictions__isnull=True,
    )


def _not_withdrawn_q():
    """Images not showing a photo whose portrait's consent was withdrawn (its own or its German
    source's), nor another record of the same file: the withdrawal marks them on the image rows
    in its own transaction (pages/consent.py, `refresh_photo_withdrawal`), so reading them
    never scans the portraits."""
    return Q(consent_withdrawn_at__isnull=True)


def withdrawn_photo_ids():
    """Images showing a photo whose portrait's consent was withdrawn: the photo itself and
    every other record of the same file (same `file_hash`), wherever it is used. The few
    marked rows, through their partial index (`image_withdrawn_idx`)."""
    return get_image_model().objects.filter(consent_withdrawn_at__isnull=False).values("pk")


def _shown_q():
    """Images that visible content shows, by the apps' rules; none without a rule."""
    shown = [Q(pk__in=rule()) for rule in registry.shown_images]
    return reduce(or_, shown) if shown else Q(pk__in=[])


def images(qs=None):
    """Images in a public collection or used by visible content; never the photo of a portrait
    whose consent was withdrawn."""
    qs = get_image_model().objects.all() if qs is None else qs
    return qs.filter(_public_collection_q() | _shown_q()).filter(_not_withdrawn_q())


def used_images(qs=None):
    """Images that visible content may show where it uses them (rich text, chooser blocks):
    any, but never the photo of a portrait whose consent was withdrawn."""
    qs = get_image_model().objects.all() if qs is None else qs
    return qs.filter(_not_withdrawn_q())


def used_image(image, info=None):
    """An image that visible content uses (a portrait's photo, an organisation's logo, a
    chooser block): shown, unless it shows the photo of a portrait whose consent was withdrawn
    (`used_images` for one image). With `info`, or inside `one_request()`, the withdrawn photos
    are looked up once per request, not once per image."""
    if image is None or not getattr(image, "pk", None):
        return None
    request = getattr(info, "context", None)
    lookups = vars(request) if request is not None else request_lookups()
    withdrawn = lookups.get("_withdrawn_photo_ids") if lookups is not None else None
    if withdrawn is None:
        withdrawn = set(withdrawn_photo_ids().values_list("pk", flat=True))
        if lookups is not None:
            lookups["_withdrawn_photo_ids"] = withdrawn
    return None if image.pk in withdrawn else image


def image_or_none(image, in_visible_content=False, info=None):
    """An image reached through a field or block. Content that is itself visible may show the
    images it uses (`in_visible_content`: see `used_image`)."""
    if in_visible_content:
        return used_image(image, info)
    if image is None or not getattr(image, "pk", None):
        return None
    image_model = get_image_model()
    return image if images(image_model.objects.filter(pk=image.pk)).exists() else None


def documents(qs=None):
    document_model = get_document_model()
    qs = document_model.objects.all() if qs is None else qs
    return qs.filter(_public_collection_q())


def document_or_none(document):
    """A document reached through a block or link, if visible."""
    if document is None or not getattr(document, "pk", None):
        return None
    return documents(get_document_model().objects.filter(pk=document.pk)).first()


def tags():
    """Tags of visible images and documents only (a tag can carry a person's name)."""
    from taggit.models import Tag

    return Tag.objects.filter(
        Q(pk__in=images().filter(tags__isnull=False).values("tags"))
        | Q(pk__in=documents().filter(tags__isnull=False).values("tags"))
    )
