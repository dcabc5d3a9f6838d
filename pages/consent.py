"""Signed consent forms are private by construction.

Whatever sets a portrait's consent document (the consent tab, the chooser's upload, code), the
file ends up in the collection "Einwilligungen", which only Koordination may open (made by the
migration editorial 0005). The consent tab's chooser uploads there by default; a document chosen
from elsewhere is moved there when the portrait is saved.
"""

from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model, get_document_model_string
from wagtail.documents.views.chooser import (
    DocumentChooseResultsView,
    DocumentChooserUploadView,
    DocumentChooserViewSet,
    DocumentChooseView,
)
from wagtail.models import Collection, CollectionViewRestriction

from cms import roles

CONSENT_COLLECTION = "Einwilligungen"


def consent_collection():
    """The collection for signed consent forms, below the root. Made again, restricted to
    Koordination, should it ever have been deleted."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=CONSENT_COLLECTION).first()
    if collection is None:
        collection = root.add_child(instance=Collection(name=CONSENT_COLLECTION))
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name=roles.COORDINATORS))
    return collection


def secure_consent_document(page):
    """Move the portrait's consent document into the consent collection (or leave it in a
    collection below it). Call it whenever a portrait is saved, drafts included: the page may
    carry unsaved changes in memory. Returns the moved document, else None; a moved document
    is also left on the page as `_moved_consent_document` for the admin's message."""
    if not page.consent_document_id:
        return None
    document = get_document_model().objects.filter(pk=page.consent_document_id).first()
    if document is None:
        return None
    private = consent_collection()
    if Collection.objects.filter(pk=document.collection_id, path__startswith=private.path).exists():
        return None
    document.collection = private
    document.save(update_fields=["collection"])  # signals fire: caches and search index follow
    page.consent_document = document
    page._moved_consent_document = document
    return document


class ConsentUploadMixin:
    """The chooser's upload form suggests the consent collection."""

    def get_creation_form_kwargs(self):
        kwargs = super().get_creation_form_kwargs()
        kwargs["initial"] = {**kwargs.get("initial", {}), "collection": consent_collection().pk}
        return kwargs


class ConsentDocumentChooseView(ConsentUploadMixin, DocumentChooseView):
    pass


class ConsentDocumentChooseResultsView(ConsentUploadMixin, DocumentChooseResultsView):
    pass


class ConsentDocumentChooserUploadView(ConsentUploadMixin, DocumentChooserUploadView):
    pass


class ConsentDocumentChooserViewSet(DocumentChooserViewSet):
    """Wagtail's document chooser, but its upload goes to "Einwilligungen" unless the user
    picks another collection. Used by the consent tab only (`register_widget = False`)."""

    choose_view_class = ConsentDocumentChooseView
    choose_results_view_class = ConsentDocumentChooseResultsView
    create_view_class = ConsentDocumentChooserUploadView
    register_widget = False
    choose_one_text = _("Einwilligungserklärung wählen oder hochladen")
    choose_another_text = _("Andere Einwilligungserklärung wählen")


consent_document_chooser_viewset = ConsentDocumentChooserViewSet(
    "consent_document_chooser",
    model=get_document_model_string(),
    url_prefix="documents/einwilligung-chooser",
)


class ConsentDocumentChooser(consent_document_chooser_viewset.widget_class):
    """The consent tab's widget: `FieldPanel("consent_document", widget=ConsentDocumentChooser)`."""
