"""The Glücksbringer portrait: fields, panels, API fields, preview. The consent rule is
pages/consent_rule.py; the withdrawal's steps are ConsentWithdrawalMixin (withdrawal.py)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from grapple.models import GraphQLForeignKey, GraphQLImage, GraphQLStreamfield, GraphQLString
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms import visibility
from cms.graphql.fields import visible_list
from cms.rest.fields import ImageField, SnippetField, SnippetListField
from pages import consent_rule
from pages.consent import ConsentDocumentChooser, secure_consent_document
from pages.forms import PortraitPageForm
from snippets.models import EngagementArea

from ..blocks import BodyBlock
from ..panels import WithdrawConsentPanel
from .preview import PreviewMixin
from .withdrawal import ConsentWithdrawalMixin


class PortraitPage(ConsentWithdrawalMixin, PreviewMixin, Page):
    """A Glücksbringer: a person or initiative who volunteers, portrayed with consent."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        INITIATIVE = "initiative", _("Initiative")

    class ConsentScope(models.TextChoices):
        WEB = "web", _("Websites der Partnerstädte")
        WEB_PRINT = "web_print", _("Websites und Druck")
        ALL = "all", _("Websites, Druck und soziale Medien")

    # The consent rule as Q objects (pages/consent_rule.py), for querysets of portraits: used
    # by the API's visibility policy; `has_valid_consent` and `is_consent_withdrawn` say the
    # same for one object.
    VALID_CONSENT = consent_rule.VALID_CONSENT
    CONSENT_WITHDRAWN = consent_rule.CONSENT_WITHDRAWN

    name = models.CharField(
        _("Name"),
        max_length=255,
        help_text=_(
            "Vor- und Nachname der Person oder Name der Initiative; daraus ergeben sich Titel "
            "und Adresse des Porträts."
        ),
    )
    kind = models.CharField(
        _("Art"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.PERSON,
        help_text=_("Wird eine einzelne Person oder eine Gruppe (Initiative) porträtiert?"),
    )
    quote = models.CharField(
        _("Ich bin ein Glücksbringer, …"),
        max_length=280,
        help_text=_("Ergänzt den Satz „Ich bin ein Glücksbringer, …“ – in eigenen Worten."),
    )
    teaser = models.TextField(
        _("Anreißer"),
        max_length=600,
        help_text=_(
            "Zwei, drei Sätze, die neugierig machen: erscheinen in Übersichten und Teasern der "
            "Partner-Websites (höchstens 600 Zeichen)."
        ),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("Geschichte"),
        blank=True,
        help_text=_(
            "Die ausführliche Geschichte: was die Person oder Initiative tut und warum – in "
            "Absätzen, gern mit Zwischenüberschriften, Zitaten und Bildern."
        ),
    )
    photo = models.ForeignKey(
        "media.Image",
        verbose_name=_("Foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Ein Foto der Person oder Initiative, mit Alternativtext und Bildnachweis; nur mit "
            "Einwilligung der Abgebildeten."
        ),
    )
    areas = ParentalManyToManyField(
        "snippets.EngagementArea",
        verbose_name=_("Engagementbereiche"),
        blank=True,
        help_text=_("Alle Bereiche ankreuzen, in denen sich die Person oder Initiative engagiert."),
    )
    town = models.ForeignKey(
        "snippets.PartnerCity",
        verbose_name=_("Partnerstadt"),
        null=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="portraits",
        help_text=_("Ergibt sich aus dem Bereich, unter dem das Porträt liegt."),
    )

    consent_given_by = models.CharField(
        _("Einwilligung erteilt von"),
        max_length=255,
        blank=True,
        help_text=_(
            "Name der Person, die eingewilligt hat (bei Initiativen: vertretungsberechtigt)."
        ),
    )
    consent_given_at = models.DateField(_("Einwilligung erteilt am"), null=True, blank=True)
    consent_scope = models.CharField(
        _("Umfang der Einwilligung"), max_length=20, choices=ConsentScope.choices, blank=True
    )
    consent_document = models.ForeignKey(
        "media.Document",
        verbose_name=_("Unterschriebene Einwilligungserklärung"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Im Ordner „Einwilligungen“ ablegen: er ist nicht öffentlich."),
    )
    consent_withdrawn_at = models.DateTimeField(
        _("Einwilligung widerrufen am"), null=True, blank=True, editable=False
    )
    consent_withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Widerruf erfasst von"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_withdrawn_document = models.ForeignKey(
        "media.Document",
        verbose_name=_("Widerrufene Einwilligungserklärung"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Eine neue Einwilligung braucht eine neu unterschriebene Erklärung."),
    )

    base_form_class = PortraitPageForm
    parent_page_types = ["pages.TownSectionPage"]
    subpage_types = []

    # No title field: the title is the name (PortraitPageForm says why).
    content_panels = [
        FieldPanel(
            "name",
            classname="title",
            # Wagtail's title styling shows no label: the placeholder says what to type.
            widget=forms.TextInput(attrs={"placeholder": _("Name der Person oder Initiative*")}),
        ),
        FieldPanel("kind"),
        FieldPanel("quote"),
        FieldPanel("teaser"),
        FieldPanel("photo"),
        FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
    ]
    # Headless: only the address part; the partner websites make their own menus and SEO.
    promote_panels = [FieldPanel("slug")]
    consent_panels = [
        WithdrawConsentPanel(),
        MultiFieldPanel(
            [
                FieldPanel("consent_given_by"),
                FieldPanel("consent_given_at"),
                FieldPanel("consent_scope"),
                FieldPanel("consent_document", widget=ConsentDocumentChooser),
            ],
            heading=_("Einwilligung"),
            help_text=_(
                "Ohne vollständige Einwilligung kann das Porträt nicht freigegeben werden. "
                "Diese Angaben sind nur im Redaktionssystem sichtbar."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("consent_withdrawn_at", read_only=True),
                FieldPanel("consent_withdrawn_by", read_only=True),
                FieldPanel("consent_withdrawn_document", read_only=True),
            ],
            heading=_("Widerruf"),
            help_text=_(
                "Wird über „Einwilligung widerrufen“ erfasst. Ein widerrufenes Porträt bleibt "
                "offline, auch wenn eine ältere Fassung veröffentlicht wird. Nur eine neue "
                "Einwilligung (Datum ab dem Widerruf, neu unterschriebene Erklärung), von der "
                "Koordination freigegeben, macht es wieder veröffentlichbar; der Widerruf bleibt "
                "im Verlauf."
            ),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhalt")),
            ObjectList(consent_panels, heading=_("Einwilligung")),
            ObjectList(promote_panels, heading=_("Auffindbarkeit")),
            ObjectList(Page.settings_panels, heading=_("Veröffentlichung")),
        ]
    )
    # wagtail-localize: consent belongs to the person, not to a language. The consent on record
    # and the person's name come from the German source on every sync and are not offered in the
    # translation editor. (The withdrawal is not editable at all: `withdraw_consent` records it
    # on every translation at once.) The areas (many-to-many) are not handled by
    # wagtail-localize: `copy` points a new translation to the areas of its locale.
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in (
            "name",
            "title",
            "kind",
            "consent_given_by",
            "consent_given_at",
            "consent_scope",
            "consent_document",
        )
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("quote"),
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("town"),
    ]
    graphql_fields = [
        GraphQLString("name", required=True),
        GraphQLString("kind", required=True),
        GraphQLString("quote", required=True),
        GraphQLString("teaser", required=True),
        GraphQLStreamfield("body"),
        GraphQLForeignKey("town", "snippets.PartnerCity", required=True),
        visible_list("areas", EngagementArea, source="visible_areas"),
        GraphQLImage("photo", source="visible_photo"),
    ]
    api_fields = [
        APIField("name"),
        APIField("kind"),
        APIField("quote"),
        APIField("teaser"),
        APIField("body"),
        APIField("town", serializer=SnippetField("name", "slug")),
        APIField("areas", serializer=SnippetListField("name", "slug", source="visible_areas")),
        APIField("photo", serializer=ImageField(source="visible_photo")),
    ]

    class Meta:
        verbose_name = _("Glücksbringer-Porträt")
        verbose_name_plural = _("Glücksbringer-Porträts")
        indexes = [
            # Every column the API's visibility filter reads (consent on record, town, kind),
            # keyed by the page: counts and the id walk of a deep page are answered from this
            # index alone, without reading the wide rows (body). Partial: portraits without
            # consent on record are never listed. The order columns are indexed on
            # wagtailcore_page (migration 0005).
            models.Index(
                fields=[
                    "page_ptr",
                    "town",
                    "kind",
                    "consent_given_at",
                    "consent_document",
                    "consent_given_by",
                    "consent_scope",
                    "consent_withdrawn_at",
                    "consent_withdrawn_document",
                ],
                condition=Q(consent_given_at__isnull=False, consent_document__isnull=False),
                name="portrait_visible_idx",
            ),
            # Withdrawals in force (`consent_withdrawn_keys()`, previews): only the few
            # withdrawn portraits, not a scan of all.
            models.Index(
                fields=["consent_withdrawn_at"],
                condition=Q(consent_withdrawn_at__isnull=False),
                name="portrait_withdrawn_idx",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def has_valid_consent(self):
        return consent_rule.consent_is_valid(*consent_rule.consent_values(self))

    # The admin's preview: the portrait roughly as a partner website shows it (Wagtail's
    # preview panel switches between these and between mobile, tablet and desktop widths).
    preview_modes = [
        ("", _("Porträt")),
        ("card", _("Karte in der Übersicht")),
        ("fields", _("Alle Felder")),
    ]

    def get_template(self, request, *args, **kwargs):
        if getattr(request, "preview_mode", "") == "fields":
            return super().get_template(request, *args, **kwargs)
        return "pages/portrait_preview.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["mode"] = getattr(request, "preview_mode", "")
        return context

    def source_has_valid_consent(self):
        """A translation's German source, if there is one, has valid consent on record (its
        committed row); a German portrait is its own source. A translation's consent fields are
        a synchronised copy: the source's are the person's (as in pages/visibility.py)."""
        if self.locale_id is None or self.locale_id == Locale.get_default().pk:
            return True
        from pages.visibility import consent_lost_keys  # it reads this model: a real cycle

        lost = consent_lost_keys().filter(translation_key=self.translation_key)
        return not lost.exists()

    @property
    def is_consent_withdrawn(self):
        """A withdrawal is in force (no new consent recorded since)."""
        return consent_rule.consent_is_withdrawn(*consent_rule.consent_values(self))

    def save_revision(self, *args, **kwargs):
        """Drafts too: a consent form chosen from anywhere ends up in the private collection."""
        secure_consent_document(self)
        return super().save_revision(*args, **kwargs)

    def copy(self, *args, update_attrs=None, **kwargs):
        """A translation's engagement areas are the areas of its locale where translated (the
        source's area otherwise, until it is translated). The town follows from the parent
        section (`save`)."""
        locale = (update_attrs or {}).get("locale")
        if locale is not None and locale.pk != self.locale_id and "areas" not in update_attrs:
            areas = list(self.areas.all())
            translated = (
                {
                    area.translation_key: area
                    for area in type(areas[0]).objects.filter(
                        translation_key__in=[area.translation_key for area in areas], locale=locale
                    )
                }
                if areas
                else {}
            )
            update_attrs = {
                **update_attrs,
                "areas": [translated.get(area.translation_key, area) for area in areas],
            }
        return super().copy(*args, update_attrs=update_attrs, **kwargs)

    def visible_photo(self, info=None, **kwargs):
        return visibility.used_image(self.photo, info)

    def visible_areas(self, info=None, **kwargs):
        return visibility.live_snippets(self.areas.all())

    def town_from_parent(self):
        parent = self.get_parent()
        section = parent.specific if parent else None
        return getattr(section, "town", None)

    def clean(self):
        super().clean()
        if self.consent_given_at and self.consent_given_at > timezone.localdate():
            raise ValidationError(
                {"consent_given_at": _("Das Datum der Einwilligung liegt in der Zukunft.")}
            )

    def save(self, *args, **kwargs):
        """The one place every write of the page row passes: the town follows the section, the
        consent form is moved into the private collection; then the withdrawal's steps
        (ConsentWithdrawalMixin.save)."""
        if self.path:
            town = self.town_from_parent()
            if town is not None:
                self.town = town
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "consent_document" in update_fields:
            secure_consent_document(self)  # (save_revision's own row update writes no document)
        return super().save(*args, **kwargs)
