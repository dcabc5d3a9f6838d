"""Signed consent forms are private by construction, and a withdrawn photo is marked where the
API reads it.

Whatever sets a portrait's consent document (the consent tab, the chooser's upload, code), the
file ends up in the collection "Einwilligungen", which only Koordination may open (made by the
migration editorial 0005). The consent tab's chooser uploads there by default; a document chosen
from elsewhere is moved there when the portrait is saved.

A consent withdrawal marks the portrait's photo on the image rows (`Image.consent_withdrawn_at`),
in its own transaction: `refresh_photo_withdrawal`.
"""

from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model, get_document_model_string
from wagtail.documents.views.chooser import (
    DocumentChooseResultsView,
    DocumentChooserUploadView,
    DocumentChooserViewSet,
    DocumentChooseView,
)
from wagtail.images import get_image_model
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


def refresh_photo_withdrawal(image_ids):
    """Write the consent rule for photos onto the image rows `image_ids` and every other record
    of the same files (same `file_hash`): an image is withdrawn while it is the photo of a
    portrait whose withdrawal is in force (its own, or its German source's: consent belongs to
    the person), or a copy of such a photo's file. Withdrawn images get `consent_withdrawn_at`,
    the others lose it (a new consent recorded after the withdrawal shows the photo again).

    Runs in the caller's transaction: the withdrawal (`PortraitPage.withdraw_consent`) and every
    write of a portrait's photo or consent (`PortraitPage.save`, publishing included), which
    have locked the portrait rows first. Locks the image rows (in id order) before it reads
    them: an upload of the same file at the same moment (`Image.save`, which locks the same
    rows) either waits for this transaction, or commits first and is seen here."""
    image_model = get_image_model()
    ids = {pk for pk in image_ids if pk}
    if not ids:
        return
    hashes = image_model.objects.filter(pk__in=ids).exclude(file_hash="").values("file_hash")
    rows = image_model.objects.filter(Q(pk__in=ids) | Q(file_hash__in=hashes))
    list(rows.select_for_update().order_by("pk").values_list("pk", flat=True))
    # Read again after the lock: a copy whose upload committed while this waited is seen now.
    same_file = dict(rows.values_list("pk", "file_hash"))
    from pages.models import PortraitPage  # pages.models imports this module: a real cycle
    from pages.visibility import withdrawn_portraits_q

    withdrawn = PortraitPage.objects.filter(withdrawn_portraits_q())
    photos = set(withdrawn.filter(photo__in=list(same_file)).values_list("photo_id", flat=True))
    withdrawn_hashes = {same_file[pk] for pk in photos} - {""}
    marked = {
        pk for pk, file_hash in same_file.items() if pk in photos or file_hash in withdrawn_hashes
    }
    image_model.objects.filter(pk__in=marked, consent_withdrawn_at__isnull=True).update(
        consent_withdrawn_at=timezone.now()
    )
    image_model.objects.filter(
        pk__in=set(same_file) - marked, consent_withdrawn_at__isnull=False
    ).update(consent_withdrawn_at=None)


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
