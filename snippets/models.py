"""Partner data shared by every page: towns, organisations, contacts, engagement areas.

All four keep drafts and revisions (Wagtail's DraftStateMixin/RevisionMixin): a coordinator can
prepare a change and publish it when it is agreed; the API only ever shows the live version.
"""

import graphene
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from grapple.models import (
    GraphQLBoolean,
    GraphQLField,
    GraphQLForeignKey,
    GraphQLImage,
    GraphQLString,
)
from rest_framework.fields import CharField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms import visibility
from cms.rest.fields import ImageField, SnippetField

# A contact person's public fields, wherever the API shows one.
CONTACT_FIELDS = (
    *("name", "role", "department", "street", "postcode", "city"),
    *("phone", "fax", "email"),
)

phone_validator = RegexValidator(
    r"^[0-9 +()/-]{4,30}$", _("Bitte eine Telefonnummer aus Ziffern, Leerzeichen, +, /, - angeben.")
)


class PublishableSnippet(
    TranslatableMixin, DraftStateMixin, RevisionMixin, index.Indexed, models.Model
):
    """Base for snippets: drafts, revisions, a name and a slug."""

    name = models.CharField(_("Name"), max_length=255)
    slug = models.SlugField(
        _("Kürzel"),
        max_length=100,
        help_text=_("Kleinbuchstaben, Ziffern und Bindestriche; wird in der API verwendet."),
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("live"),
        index.FilterField("locale"),  # the choosers search one language (locale_choices.py)
    ]
    # Concrete snippets join these lists explicitly: `[*PublishableSnippet.panels, …]`.
    panels = [FieldPanel("name"), FieldPanel("slug")]
    graphql_fields = [GraphQLString("name", required=True), GraphQLString("slug", required=True)]
    api_fields = [APIField("name"), APIField("slug")]
    # wagtail-localize: the slug is the same in every language (the API finds a snippet by slug
    # and locale); names of people, places and organisations are never translated.
    override_translatable_fields = [
        SynchronizedField("slug", overridable=False),
        SynchronizedField("name", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]
        # Unique per language: a translation keeps its source's slug (synchronised below).
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="%(app_label)s_%(class)s_slug_locale"
            )
        ]

    def __str__(self):
        return self.name


class ContactPerson(TranslatableMixin, DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    name = models.CharField(_("Name"), max_length=255)
    role = models.CharField(_("Funktion"), max_length=255, blank=True)
    department = models.CharField(_("Dienststelle"), max_length=255, blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=255, blank=True)
    postcode = models.CharField(
        _("PLZ"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^\d{5}$", _("Eine Postleitzahl hat fünf Ziffern."))],
    )
    city = models.CharField(_("Ort"), max_length=255, blank=True)
    phone = models.CharField(_("Telefon"), max_length=30, blank=True, validators=[phone_validator])
    fax = models.CharField(_("Fax"), max_length=30, blank=True, validators=[phone_validator])
    email = models.EmailField(_("E-Mail"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("department"),
        MultiFieldPanel(
            [FieldPanel("street"), FieldPanel("postcode"), FieldPanel("city")],
            heading=_("Anschrift"),
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("fax"), FieldPanel("email")],
            heading=_("Erreichbarkeit"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("department"),
        index.FilterField("live"),
        index.FilterField("locale"),  # the choosers search one language (locale_choices.py)
    ]
    graphql_fields = [
        GraphQLString("name", required=True),
        GraphQLString("role"),
        GraphQLString("department"),
        GraphQLString("street"),
        GraphQLString("postcode"),
        GraphQLString("city"),
        GraphQLString("phone"),
        GraphQLString("fax"),
        GraphQLString("email"),
    ]
    api_fields = [APIField(name) for name in CONTACT_FIELDS]
    # A person's name and how to reach them are the same in every language; role and
    # department are translated.
    override_translatable_fields = [
        TranslatableField("role"),
        TranslatableField("department"),
        *(
            SynchronizedField(name, overridable=False)
            for name in ("name", "street", "postcode", "city", "phone", "fax", "email")
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("Ansprechperson")
        verbose_name_plural = _("Ansprechpersonen")

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name


class EngagementArea(PublishableSnippet):
    description = models.TextField(_("Beschreibung"), blank=True)

    panels = [*PublishableSnippet.panels, FieldPanel("description")]
    graphql_fields = [*PublishableSnippet.graphql_fields, GraphQLString("description")]
    api_fields = [*PublishableSnippet.api_fields, APIField("description")]
    # An engagement area's name is a word, not a proper name: translated.
    override_translatable_fields = [
        SynchronizedField("slug", overridable=False),
        TranslatableField("name"),
        TranslatableField("description"),
    ]

    class Meta(PublishableSnippet.Meta):
        verbose_name = _("Engagementbereich")
        verbose_name_plural = _("Engagementbereiche")


class Organisation(PublishableSnippet):
    class Role(models.TextChoices):
        OPERATOR = "traeger", _("Träger")
        FUNDER = "foerderer", _("Förderer")
        PARTNER = "partner", _("Partner")
        NETWORK = "netzwerk", _("Netzwerk")

    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    website = models.URLField(_("Website"), blank=True)
    logo = models.ForeignKey(
        "media.Image",
        verbose_name=_("Logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        *PublishableSnippet.panels,
        FieldPanel("role"),
        FieldPanel("website"),
        FieldPanel("logo"),
    ]
    graphql_fields = [
        *PublishableSnippet.graphql_fields,
        GraphQLString("role", source="role_label", required=True),
        GraphQLString("role_key", source="role", required=True),
        GraphQLString("website"),
        GraphQLImage("logo", source="visible_logo"),
    ]
    api_fields = [
        *PublishableSnippet.api_fields,
        APIField("role", serializer=CharField(source="role_label")),
        APIField("role_key", serializer=CharField(source="role")),
        APIField("website"),
        APIField("logo", serializer=ImageField(source="visible_logo")),
    ]

    class Meta(PublishableSnippet.Meta):
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")

    def visible_logo(self, info=None, **kwargs):
        return visibility.used_image(self.logo, info)

    @property
    def role_label(self):
        return str(self.get_role_display())


class PartnerCity(PublishableSnippet):
    member_since = models.DateField(
        _("Mitglied seit"), null=True, blank=True, help_text=_("Beitritt zur „Engagierten Stadt“.")
    )
    website = models.URLField(_("Website"), blank=True)
    is_coordinating = models.BooleanField(
        _("koordinierende Stadt"),
        default=False,
        help_text=_("Koordiniert das Regionalnetzwerk Anhalt."),
    )
    contact = models.ForeignKey(
        ContactPerson,
        verbose_name=_("Ansprechperson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        *PublishableSnippet.panels,
        FieldPanel("member_since"),
        FieldPanel("website"),
        FieldPanel("is_coordinating"),
        FieldPanel("contact"),
    ]
    graphql_fields = [
        *PublishableSnippet.graphql_fields,
        GraphQLField("member_since", graphene.Date),
        GraphQLString("website"),
        GraphQLBoolean("is_coordinating", required=True),
        GraphQLForeignKey("contact", "snippets.ContactPerson", source="visible_contact"),
    ]
    api_fields = [
        *PublishableSnippet.api_fields,
        APIField("member_since"),
        APIField("website"),
        APIField("is_coordinating"),
        APIField("contact", serializer=SnippetField(*CONTACT_FIELDS, source="visible_contact")),
    ]

    class Meta(PublishableSnippet.Meta):
        verbose_name = _("Partnerstadt")
        verbose_name_plural = _("Partnerstädte")

    def visible_contact(self, info=None, **kwargs):
        return visibility.snippet_or_none(self.contact)
