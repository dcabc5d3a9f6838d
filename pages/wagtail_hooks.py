"""The page types' root queries in grapple's schema; the consent tab's document chooser and
its message."""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail import hooks

from .consent import CONSENT_COLLECTION, consent_document_chooser_viewset
from .graphql import PageQueries


@hooks.register("register_schema_query")
def register_queries(query_mixins):
    query_mixins.append(PageQueries)


@hooks.register("register_admin_viewset")
def register_consent_document_chooser():
    return consent_document_chooser_viewset


@hooks.register("before_publish_page")  # the edit view reloads the page before after_edit_page
@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def tell_that_the_consent_document_was_moved(request, page):
    """`secure_consent_document` leaves the document it moved on the page; say so, once."""
    document = page.__dict__.pop("_moved_consent_document", None)
    if document is not None:
        messages.info(
            request,
            _(
                "Die Einwilligungserklärung „%(title)s“ wurde in den geschützten Ordner "
                "„%(collection)s“ verschoben."
            )
            % {"title": document.title, "collection": CONSENT_COLLECTION},
        )
