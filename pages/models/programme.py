from django.db import models
from django.utils.translation import gettext_lazy as _
from grapple.models import GraphQLStreamfield, GraphQLString
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms import visibility
from cms.graphql.fields import visible_list
from cms.rest.fields import SnippetListField
from pages.forms import PageForm
from snippets.models import Organisation

from ..blocks import BodyBlock
from .base import ContactMixin
from .preview import PreviewMixin


class ProgrammePage(PreviewMixin, ContactMixin, Page):
    """A programme of the network: Ehrenamtskarte, Partnerschaft für Demokratie, …"""

    base_form_class = PageForm

    teaser = models.TextField(_("Anreißer"), max_length=600)
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)
    external_url = models.URLField(
        _("Externe Seite"), blank=True, help_text=_("Weiterführende Seite des Programms.")
    )

    parent_page_types = ["pages.HomePage"]
    subpage_types = []

    promote_panels = [FieldPanel("slug")]  # the address part only: no website SEO settings
    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"),
        FieldPanel("body"),
        FieldPanel("external_url"),
        InlinePanel("funder_links", label=_("Träger und Förderer")),
        *ContactMixin.contact_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("body"),
    ]
    graphql_fields = [
        GraphQLString("teaser", required=True),
        GraphQLStreamfield("body"),
        GraphQLString("external_url"),
        visible_list("funders", Organisation, source="visible_funders"),
        *ContactMixin.graphql_fields,
    ]
    api_fields = [
        APIField("teaser"),
        APIField("body"),
        APIField("external_url"),
        APIField(
            "funders",
            serializer=SnippetListField("name", "slug", "website", source="visible_funders"),
        ),
        *ContactMixin.api_fields,
    ]

    class Meta:
        verbose_name = _("Programmseite")
        verbose_name_plural = _("Programmseiten")

    def visible_funders(self, info=None, **kwargs):
        return visibility.live_snippets(link.organisation for link in self.funder_links.all())


class ProgrammePageFunder(Orderable):
    page = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="funder_links")
    organisation = models.ForeignKey(
        "snippets.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("Träger oder Förderer")
        verbose_name_plural = _("Träger und Förderer")
