import graphene
from django.db import models
from django.utils.translation import gettext_lazy as _
from grapple.models import GraphQLField, GraphQLForeignKey, GraphQLRichText, GraphQLString
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms import visibility
from cms.rest.fields import SnippetField
from pages.forms import PageForm

from .base import ContactMixin
from .preview import PreviewMixin


class CampaignPage(PreviewMixin, ContactMixin, Page):
    """The Glücksbringer campaign of the Regionalnetzwerk Anhalt."""

    base_form_class = PageForm

    launch_date = models.DateField(_("Auftakt der Kampagne"))
    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])
    why_heading = models.CharField(_("Überschrift „Warum?“"), max_length=255, blank=True)
    why_text = RichTextField(_("Warum „Glücksbringer“?"), blank=True)
    nomination_call = RichTextField(
        _("Aufruf zur Benennung"), blank=True, features=["bold", "italic", "link"]
    )
    quote_prompt = models.CharField(
        _("Satzanfang der Zitate"), max_length=120, default="Ich bin ein Glücksbringer, …"
    )

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.TownSectionPage"]
    max_count = 1

    promote_panels = [FieldPanel("slug")]  # the address part only: no website SEO settings
    content_panels = [
        *Page.content_panels,
        FieldPanel("launch_date"),
        FieldPanel("intro"),
        FieldPanel("why_heading"),
        FieldPanel("why_text"),
        FieldPanel("nomination_call"),
        FieldPanel("quote_prompt"),
        *ContactMixin.contact_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("why_text"),
        index.SearchField("nomination_call"),
    ]
    graphql_fields = [
        GraphQLField("launch_date", graphene.Date, required=True),
        GraphQLRichText("intro"),
        GraphQLString("why_heading"),
        GraphQLRichText("why_text"),
        GraphQLRichText("nomination_call"),
        GraphQLString("quote_prompt", required=True),
        *ContactMixin.graphql_fields,
    ]
    api_fields = [
        APIField("launch_date"),
        APIField("intro"),
        APIField("why_heading"),
        APIField("why_text"),
        APIField("nomination_call"),
        APIField("quote_prompt"),
        *ContactMixin.api_fields,
    ]

    class Meta:
        verbose_name = _("Kampagnenseite")
        verbose_name_plural = _("Kampagnenseiten")


class TownSectionPage(PreviewMixin, Page):
    """One partner town's part of the campaign; page permissions are granted per section."""

    base_form_class = PageForm

    town = models.OneToOneField(
        "snippets.PartnerCity",
        verbose_name=_("Partnerstadt"),
        on_delete=models.PROTECT,
        related_name="campaign_section",
    )
    intro = models.TextField(_("Einleitung"), blank=True)

    parent_page_types = ["pages.CampaignPage"]
    subpage_types = ["pages.PortraitPage"]

    promote_panels = [FieldPanel("slug")]  # the address part only: no website SEO settings
    content_panels = [*Page.content_panels, FieldPanel("town"), FieldPanel("intro")]
    graphql_fields = [
        GraphQLForeignKey("town", "snippets.PartnerCity", source="visible_town"),
        GraphQLString("intro"),
    ]
    api_fields = [
        APIField("town", serializer=SnippetField("name", "slug", source="visible_town")),
        APIField("intro"),
    ]

    class Meta:
        verbose_name = _("Bereich einer Partnerstadt")
        verbose_name_plural = _("Bereiche der Partnerstädte")

    def visible_town(self, info=None, **kwargs):
        return visibility.snippet_or_none(self.town)

    def copy(self, *args, update_attrs=None, **kwargs):
        """A translation (Wagtail's copy for translation, which wagtail-localize uses) belongs to
        the town of its own locale from its first save: one section per town and locale, so the
        one-to-one to the town holds in every language. wagtail-localize translates the town
        first (a related object); without that translation this raises
        PartnerCity.DoesNotExist."""
        locale = (update_attrs or {}).get("locale")
        if locale is not None and locale.pk != self.locale_id and "town" not in update_attrs:
            update_attrs = {**update_attrs, "town": self.town.get_translation(locale)}
        return super().copy(*args, update_attrs=update_attrs, **kwargs)
