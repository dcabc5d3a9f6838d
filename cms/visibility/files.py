"""Visible images and documents: in a public collection, or (images) used by visible content
(`rules.show_images`: a portrait's photo, an organisation's logo); images only if they meet
the image rules (`rules.image_rule`: never the photo of a portrait whose consent was
withdrawn)."""

from functools import reduce
from operator import and_, or_

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


def _image_rules_q():
    """Images that meet every image rule the apps registered (media/visibility.py: not the
    photo of a portrait whose consent was withdrawn)."""
    return reduce(and_, (rule.q() for rule in registry.image_rules), Q())


def hidden_image_ids():
    """Ids of the images that fail an image rule (a few rows each), as a set."""
    hidden = set()
    for rule in registry.image_rules:
        hidden.update(rule.hidden_ids().values_list("pk", flat=True))
    return hidden


def _shown_q():
    """Images that visible content shows, by the apps' rules; none without a rule."""
    shown = [Q(pk__in=rule()) for rule in registry.shown_images]
    return reduce(or_, shown) if shown else Q(pk__in=[])


def images(qs=None):
    """Images in a public collection or used by visible content; never the photo of a portrait
    whose consent was withdrawn."""
    qs = get_image_model().objects.all() if qs is None else qs
    return qs.filter(_public_collection_q() | _shown_q()).filter(_image_rules_q())


def used_images(qs=None):
    """Images that visible content may show where it uses them (rich text, chooser blocks):
    any, but never the photo of a portrait whose consent was withdrawn."""
    qs = get_image_model().objects.all() if qs is None else qs
    return qs.filter(_image_rules_q())


def used_image(image, info=None):
    """An image that visible content uses (a portrait's photo, an organisation's logo, a
    chooser block): shown, unless it shows the photo of a portrait whose consent was withdrawn
    (`used_images` for one image). With `info`, or inside `one_request()`, the withdrawn photos
    are looked up once per request, not once per image."""
    if image is None or not getattr(image, "pk", None):
        return None
    request = getattr(info, "context", None)
    lookups = vars(request) if request is not None else request_lookups()
    hidden = lookups.get("_hidden_image_ids") if lookups is not None else None
    if hidden is None:
        hidden = hidden_image_ids()
        if lookups is not None:
            lookups["_hidden_image_ids"] = hidden
    return None if image.pk in hidden else image


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
