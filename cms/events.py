"""Content changes are one event.

Wagtail signals publish, unpublish (expiry included), moves and snippet saves; each is turned
into one `content_changed` signal here, and every reaction (cache invalidation, rendition
preparation (media), the photo of a withdrawn consent, a portrait's town, webhooks, …) is a small
receiver of that signal, living in the app it belongs to. Code that changes content without a
Wagtail signal (consent withdrawal, bulk inserts) calls `emit()`.

The signal is sent inside a transaction: receivers that write to the database (a portrait's
town) commit or roll back with the change. Receivers that reach outside the database (cache,
files, renditions, webhooks) must defer their work with `transaction.on_commit`, so nothing
reacts to a change that is rolled back, and no reader caches what it read before the commit.

Actions: "published", "unpublished", "updated", and "consent_withdrawn" (sent in the
withdrawal's transaction, after the unpublish). "unpublished" means "no longer visible through
the API", whatever the reason; "published" means "visible (again)":

- a page unpublished by an editor, by its expiry (the scheduler unpublishes it) or by a consent
  withdrawal: "unpublished" for the page and every live page below it (a page is visible only
  if every page above it is live); published again: "published" for those the policy shows
  again. A page unpublished below a page that is already offline: nothing (it was told then);
- a view restriction added to a page: "unpublished" for it and every live page below it;
  removed: "published" for those the policy shows again;
- a partner town unpublished: "unpublished" for the town and every live page of its section
  (pages/signals.py); published again: "updated" for the town, "published" for its pages.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import Signal, receiver
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from cms import visibility
from cms.graphql import cache as response_cache

logger = logging.getLogger(__name__)

# sender: the model class; kwargs: instance (None for bulk changes), action (see above)
content_changed = Signal()


def emit(instance, action, model=None):
    """Send `content_changed` for `instance` (or, with instance None, for many rows of
    `model`), inside a transaction so that every receiver's database work lands together."""
    with transaction.atomic():
        content_changed.send(sender=model or type(instance), instance=instance, action=action)


@receiver(pre_save)
def _remember_whether_a_parent_was_live(sender, instance, **kwargs):
    """A page with pages below it that is published again shows them again (see below)."""
    if isinstance(instance, Page) and instance.pk and instance.numchild:
        instance._was_live = Page.objects.filter(pk=instance.pk, live=True).exists()


@receiver(page_published)
def _page_published(sender, instance, **kwargs):
    page = instance.specific
    emit(page, "published")
    if getattr(page, "_was_live", True) is False:  # published again: the pages below show again
        below = Page.objects.descendant_of(page)
        emit_for_pages(visibility.pages(below, any_language=True), "published")


@receiver(page_unpublished)
def _page_unpublished(sender, instance, **kwargs):
    """A page unpublished takes the live pages below it out of the API too (a page is visible
    only if every page above it is live): "unpublished" for each, once. Their own unpublish
    later (the admin's "unpublish the subpages too" comes right after) tells nothing new."""
    page = instance.specific
    if Page.objects.ancestor_of(page).filter(depth__gt=1, live=False).exists():
        return  # already out of the API, and told so, with the page above it
    emit(page, "unpublished")
    emit_for_pages(Page.objects.descendant_of(page).live(), "unpublished")


@receiver(published)
def _snippet_published(sender, instance, **kwargs):
    if not isinstance(instance, Page):  # pages have their own signal above
        emit(instance, "updated")


@receiver(unpublished)
def _snippet_unpublished(sender, instance, **kwargs):
    if not isinstance(instance, Page):
        emit(instance, "unpublished")


@receiver(post_page_move)
@receiver(page_slug_changed)
def _page_moved(sender, instance, **kwargs):
    emit(instance.specific, "updated")


# Changes that alter what clients see without a publish: media, restrictions, sites, redirects,
# and deletions (a deleted live page or snippet is gone at once).
def _model_changed(sender, instance, **kwargs):
    if isinstance(instance, Page) and not instance.live:
        return
    emit(instance, "updated")


def emit_for_pages(pages, action):
    """One event per page, as its specific type: pages that a restriction or their town's state
    hid or showed again without a publish of their own."""
    for page in pages.specific():
        emit(page, action)


@receiver(post_save, sender=PageViewRestriction)
def _restriction_added(sender, instance, created, **kwargs):
    if created:
        subtree = Page.objects.descendant_of(instance.page, inclusive=True)
        emit_for_pages(subtree.live(), "unpublished")


@receiver(post_delete, sender=PageViewRestriction)
def _restriction_removed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()  # None: the page is being deleted
    if page is not None:
        subtree = Page.objects.descendant_of(page, inclusive=True)
        emit_for_pages(visibility.pages(subtree, any_language=True), "published")


def connect_model_changes():
    """Called once from CmsConfig.ready(), when every model is loaded."""
    watched = (
        get_image_model(),
        get_document_model(),
        Collection,
        CollectionViewRestriction,
        PageViewRestriction,
        Site,
        Redirect,
    )
    for model in watched:
        post_save.connect(_model_changed, sender=model, dispatch_uid=f"cms.events.save.{model}")
    watch_deletions(*watched, Page)


def watch_deletions(*models):
    """Deleting a row of these models changes what clients see (a live snippet is gone at
    once). Apps call it from their AppConfig.ready() for their own models."""
    for model in models:
        post_delete.connect(_model_changed, sender=model, dispatch_uid=f"cms.events.del.{model}")


@receiver(content_changed)
def invalidate_response_cache(sender, **kwargs):
    transaction.on_commit(response_cache.new_generation)


@receiver(content_changed)
def log_content_change(sender, instance, action, **kwargs):
    logger.debug("content %s: %s %s", action, sender.__name__, getattr(instance, "pk", None))
