import graphene
from django.db import models
from django.utils.translation import gettext_lazy as _
from grapple.models import GraphQLField, GraphQLRichText, GraphQLString
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from pages.forms import PageForm

from .base import ContactMixin
from .preview import PreviewMixin


class HomePage(PreviewMixin, ContactMixin, Page):
    """The "Engagierte Stadt" page of Dessau-Roßlau: the root of the site."""

    base_form_class = PageForm

    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])
    member_since = models.DateField(_("Mitglied im Bundesnetzwerk seit"), null=True, blank=True)
    network_heading = models.CharField(_("Überschrift Netzwerk"), max_length=255, blank=True)
    network_text = RichTextField(_("Text Regionalnetzwerk"), blank=True)
    engagement_heading = models.CharField(_("Überschrift Engagement"), max_length=255, blank=True)
    engagement_text = RichTextField(_("Text Engagement in der Stadt"), blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.ProgrammePage", "pages.CampaignPage"]
    max_count = 1

    promote_panels = [FieldPanel("slug")]  # the address part only: no website SEO settings
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("network_heading"), FieldPanel("network_text")],
            heading=_("Regionalnetzwerk"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("engagement_heading"),
                FieldPanel("member_since"),
                FieldPanel("engagement_text"),
            ],
            heading=_("Engagement in der Stadt"),
        ),
        *ContactMixin.contact_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("network_text"),
        index.SearchField("engagement_text"),
    ]
    graphql_fields = [
        GraphQLRichText("intro"),
        GraphQLField("member_since", graphene.Date),
        GraphQLString("network_heading"),
        GraphQLRichText("network_text"),
        GraphQLString("engagement_heading"),
        GraphQLRichText("engagement_text"),
        *ContactMixin.graphql_fields,
    ]
    api_fields = [
        APIField("intro"),
        APIField("member_since"),
        APIField("network_heading"),
        APIField("network_text"),
        APIField("engagement_heading"),
        APIField("engagement_text"),
        *ContactMixin.api_fields,
    ]

    class Meta:
        verbose_name = _("Startseite „Engagierte Stadt“")
        verbose_name_plural = _("Startseiten")
