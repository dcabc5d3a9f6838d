from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from grapple.models import GraphQLForeignKey, GraphQLImage, GraphQLStreamfield, GraphQLString
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.search import index

from cms.graphql import visibility
from cms.graphql.fields import visible_list
from pages.forms import PortraitPageForm

from ..blocks import BodyBlock
from .preview import PreviewMixin


class PortraitPage(PreviewMixin, Page):
    """A Glücksbringer: a person or initiative who volunteers, portrayed with consent."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        INITIATIVE = "initiative", _("Initiative")

    class ConsentScope(models.TextChoices):
        WEB = "web", _("Websites der Partnerstädte")
        WEB_PRINT = "web_print", _("Websites und Druck")
        ALL = "all", _("Websites, Druck und soziale Medien")

    # Who has consent on record, and has not withdrawn it. The one definition used by the
    # API's visibility policy and by the consent task of the approval workflow.
    VALID_CONSENT = (
        Q(consent_given_at__isnull=False)
        & Q(consent_document__isnull=False)
        & Q(consent_withdrawn_at__isnull=True)
        & ~Q(consent_given_by="")
        & ~Q(consent_scope="")
    )

    name = models.CharField(_("Name"), max_length=255)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.PERSON)
    quote = models.CharField(
        _("Ich bin ein Glücksbringer, …"),
        max_length=280,
        help_text=_("Ergänzt den Satz „Ich bin ein Glücksbringer, …“ – in eigenen Worten."),
    )
    teaser = models.TextField(_("Anreißer"), max_length=600)
    body = StreamField(BodyBlock(), verbose_name=_("Geschichte"), blank=True)
    photo = models.ForeignKey(
        "media.Image",
        verbose_name=_("Foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    areas = ParentalManyToManyField(
        "snippets.EngagementArea", verbose_name=_("Engagementbereiche"), blank=True
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

    base_form_class = PortraitPageForm
    parent_page_types = ["pages.TownSectionPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("quote"),
        FieldPanel("teaser"),
        FieldPanel("photo"),
        FieldPanel("areas"),
        FieldPanel("body"),
    ]
    consent_panels = [
        MultiFieldPanel(
            [
                FieldPanel("consent_given_by"),
                FieldPanel("consent_given_at"),
                FieldPanel("consent_scope"),
                FieldPanel("consent_document"),
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
            ],
            heading=_("Widerruf"),
            help_text=_(
                "Wird über „Einwilligung widerrufen“ erfasst. Ein widerrufenes Porträt bleibt "
                "offline, auch wenn eine ältere Fassung veröffentlicht wird."
            ),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhalt")),
            ObjectList(consent_panels, heading=_("Einwilligung")),
            ObjectList(Page.promote_panels, heading=_("Auffindbarkeit")),
            ObjectList(Page.settings_panels, heading=_("Veröffentlichung")),
        ]
    )
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
        visible_list("areas", "snippets.EngagementArea", source="visible_areas"),
        GraphQLImage("photo", source="visible_photo"),
    ]

    class Meta:
        verbose_name = _("Glücksbringer-Porträt")
        verbose_name_plural = _("Glücksbringer-Porträts")

    def __str__(self):
        return self.title

    @property
    def has_valid_consent(self):
        return bool(
            self.consent_given_by
            and self.consent_given_at
            and self.consent_scope
            and self.consent_document_id
            and not self.consent_withdrawn_at
        )

    def with_content_json(self, content):
        """A revision never brings back a withdrawn consent: withdrawal is not content."""
        obj = super().with_content_json(content)
        obj.consent_withdrawn_at = self.consent_withdrawn_at
        obj.consent_withdrawn_by_id = self.consent_withdrawn_by_id
        return obj

    @transaction.atomic
    def withdraw_consent(self, by):
        """The person withdrew consent: take the portrait down everywhere, at once.

        Unpublishes (which fires the unpublish event every reaction hangs on), cancels a running
        workflow and any scheduled publication, deletes the photo's renditions, moves its original
        to a new unguessable address and records who and when in the audit log. Visibility also
        refuses the portrait and its photo from now on.
        """
        now = timezone.now()
        type(self).objects.filter(pk=self.pk).update(
            consent_withdrawn_at=now, consent_withdrawn_by=by, go_live_at=None, expire_at=None
        )
        self.consent_withdrawn_at, self.consent_withdrawn_by = now, by
        self.go_live_at = self.expire_at = None
        workflow_state = self.current_workflow_state
        if workflow_state is not None:
            workflow_state.cancel(user=by)
        self.revisions.filter(approved_go_live_at__isnull=False).update(approved_go_live_at=None)
        if self.live:
            self.unpublish(user=by)
        if self.photo_id:
            self.photo.withdraw_from_public()
        log(instance=self, action="pages.consent_withdrawn", user=by)

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
        if self.path:
            town = self.town_from_parent()
            if town is not None:
                self.town = town
        super().save(*args, **kwargs)
