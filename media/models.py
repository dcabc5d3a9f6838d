"""Custom image, rendition and document models.

Alt text is required: the partner websites must be accessible. Credits travel with the image.
Files live under MEDIA_ROOT (var/media by default), never inside this app.
"""

import secrets
from pathlib import PurePosixPath

import graphene
from django.conf import settings
from django.core.files.storage import storages
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from grapple.models import GraphQLField, GraphQLInt, GraphQLString
from taggit.managers import TaggableManager
from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import AbstractImage, AbstractRendition, Filter
from wagtail.images.models import Image as WagtailImage


class FocalPoint(graphene.ObjectType):
    x = graphene.Int(required=True)
    y = graphene.Int(required=True)
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)


def unguessable_name(filename):
    """A random file name with the upload's extension: a file's address must not follow from
    its upload name (photos of unpublished portraits, signed consent forms named after the
    person)."""
    return f"{secrets.token_hex(16)}{PurePosixPath(filename).suffix.lower()}"


def originals_are_public():
    """Whether original images have public addresses: on the local file system (served by the
    web server), not on S3 (media/storage.py: signed, expiring addresses only)."""
    return getattr(storages["default"], "public_urls", True)


def document_upload_to(instance, filename):
    return f"documents/{unguessable_name(filename)}"


def _uploader_field():
    field = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hochgeladen von"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    field.wagtail_reference_index_ignore = True
    return field


class Image(AbstractImage):
    # Own reverse names: Wagtail's stock Image model stays installed beside ours.
    uploaded_by_user = _uploader_field()
    tags = TaggableManager(
        help_text=None, blank=True, verbose_name=_("Schlagwörter"), related_name="media_images"
    )
    alt_text = models.CharField(
        _("Alternativtext"),
        max_length=255,
        help_text=_("Beschreibt das Bild für Menschen, die es nicht sehen können. Pflichtfeld."),
    )
    credit = models.CharField(
        _("Bildnachweis"),
        max_length=255,
        blank=True,
        help_text=_("Fotograf*in oder Rechteinhaber, z. B. „Foto: Stadt Dessau-Roßlau“."),
    )

    # Set in the transaction of a consent withdrawal on the portrait's photo and on every other
    # record of the same file (pages/consent.py: `refresh_photo_withdrawal`), and on a copy of
    # that file uploaded later (`save`). The API's image policy reads this column
    # (cms/visibility/), not the portraits: a withdrawal is rare, a read constant.
    consent_withdrawn_at = models.DateTimeField(
        _("Einwilligung widerrufen am"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Die Einwilligung eines Porträts mit diesem Foto wurde widerrufen: das Bild wird "
            "nirgends mehr öffentlich gezeigt."
        ),
    )

    admin_form_fields = (*WagtailImage.admin_form_fields, "alt_text", "credit")

    graphql_fields = [
        GraphQLString("alt", source="alt_text", required=True),
        GraphQLString("credit"),
        GraphQLInt("width", required=True),
        GraphQLInt("height", required=True),
        GraphQLField("focal_point", FocalPoint),
    ]

    class Meta(AbstractImage.Meta):
        verbose_name = _("Bild")
        verbose_name_plural = _("Bilder")
        indexes = [
            # The few withdrawn photos, read on every request that shows an image.
            models.Index(
                fields=["id"],
                condition=Q(consent_withdrawn_at__isnull=False),
                name="image_withdrawn_idx",
            ),
        ]

    def get_rendition(self, filter):
        """Wagtail's get_rendition, through get_renditions: that one does not write a rendition
        found among the prefetched ones (or read from the cache) back into the rendition
        cache; get_rendition writes every time, a pickled rendition per image per request
        in a prefetched list."""
        if not isinstance(filter, (str, Filter)):
            raise InvalidFilterSpecError(
                "Unrecognised filter format - string or Filter instance expected"
            )
        (rendition,) = self.get_renditions(filter).values()
        return rendition

    @property
    def url(self):
        """The public address of the picture as uploaded (GraphQL's `url` through grapple, REST's
        `url`): the original's file where originals are public (MEDIA_ROOT behind the web
        server), else (S3: originals private) its "original" rendition, which is public."""
        if originals_are_public():
            return self.file.url
        return self.get_rendition("original").url

    @property
    def default_alt_text(self):
        return self.alt_text

    @property
    def focal_point(self):
        if not self.has_focal_point():
            return None
        return {
            "x": self.focal_point_x,
            "y": self.focal_point_y,
            "width": self.focal_point_width,
            "height": self.focal_point_height,
        }

    def get_upload_to(self, filename):
        """Unguessable file names (photos of unpublished portraits sit in the same folder as
        published ones)."""
        return super().get_upload_to(unguessable_name(filename))

    def save(self, *args, **kwargs):
        """Every image knows its file's hash, not only those uploaded through the admin's forms
        (code, factories, imports): withdrawing a photo finds its other records by it. A
        withdrawn photo stays withdrawn whatever this object says (a form opened before the
        withdrawal), and a copy of its file (same hash), uploaded later, is withdrawn too."""
        update_fields = kwargs.get("update_fields")
        if self.file and not self.file_hash:
            try:
                self._set_file_hash()
            except OSError:  # Wagtail's SourceImageIOError included
                pass  # a missing file has no hash; the API reports the broken image later
            else:
                if update_fields is not None:
                    update_fields = kwargs["update_fields"] = {*update_fields, "file_hash"}
        if update_fields is not None and not {"file", "file_hash"} & set(update_fields):
            return super().save(*args, **kwargs)
        with transaction.atomic():
            self.consent_withdrawn_at = self._committed_withdrawal()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "consent_withdrawn_at"}
            super().save(*args, **kwargs)

    def _committed_withdrawal(self):
        """The withdrawal on record for this image or another record of its file. Locks those
        rows until the end of the transaction: a withdrawal running at the same moment (which
        locks them too, `refresh_photo_withdrawal`) either commits first and is seen here, or
        waits and then sees this row."""
        same_file = Q(pk=self.pk) if self.pk else Q(pk__in=[])
        if self.file_hash:
            same_file |= Q(file_hash=self.file_hash)
        rows = type(self).objects.select_for_update().filter(same_file).order_by("pk")
        withdrawn = [at for at in rows.values_list("consent_withdrawn_at", flat=True) if at]
        return min(withdrawn, default=None)

    def withdraw_from_public(self):
        """Make every address this image was ever served under dead: delete its renditions and
        move the original to a new, unguessable file name (the old file goes once the
        transaction commits). The image stays usable in the admin under its new address."""
        for rendition in self.renditions.all():
            rendition.delete()  # Wagtail removes the rendition file after commit
        storage, old_name = self.file.storage, self.file.name
        if not old_name or not storage.exists(old_name):
            return
        with storage.open(old_name) as original:
            new_name = storage.save(self.get_upload_to(old_name), original)
        type(self).objects.filter(pk=self.pk).update(file=new_name)
        self.file.name = new_name
        transaction.on_commit(lambda: storage.delete(old_name))


class Rendition(AbstractRendition):
    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class Document(AbstractDocument):
    # Stored under a random name whatever the upload's name (often the signer's): documents
    # are served only through Wagtail's view, which checks the collection's restriction.
    file = models.FileField(upload_to=document_upload_to, verbose_name=_("Datei"))
    uploaded_by_user = _uploader_field()
    tags = TaggableManager(
        help_text=None, blank=True, verbose_name=_("Schlagwörter"), related_name="media_documents"
    )
    admin_form_fields = WagtailDocument.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")
