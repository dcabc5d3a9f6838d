from django.db import models
from django.utils.translation import gettext_lazy as _
from grapple.models import GraphQLForeignKey
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField

from cms import visibility
from cms.rest.fields import SnippetField
from snippets.models import CONTACT_FIELDS


class ContactMixin(models.Model):
    """A page with one contact person (a snippet); the API shows it only while it is live."""

    contact = models.ForeignKey(
        "snippets.ContactPerson",
        verbose_name=_("Ansprechperson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    contact_panels = [FieldPanel("contact")]
    graphql_fields = [
        GraphQLForeignKey("contact", "snippets.ContactPerson", source="visible_contact"),
    ]
    api_fields = [
        APIField("contact", serializer=SnippetField(*CONTACT_FIELDS, source="visible_contact")),
    ]

    class Meta:
        abstract = True

    def visible_contact(self, info=None, **kwargs):
        return visibility.snippet_or_none(self.contact)
