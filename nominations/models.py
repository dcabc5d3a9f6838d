"""Nominations for the Glücksbringer campaign, sent in by citizens through the public API.

A nomination holds personal data of the nominator (name, e-mail, phone) and of a third person
(the nominee). It is never a snippet and never a grapple type: only the coordination group
sees it, in the admin. `purge_nominations` anonymises closed nominations after the retention
period.
"""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pages.models import PortraitPage

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out on the phone
ANONYMISED = "anonymisiert"


def new_reference(year=None):
    """A non-guessable reference like "GB-2026-7KX4QM" (it reveals no count of nominations)."""
    year = year or timezone.localdate().year
    suffix = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
    return f"GB-{year}-{suffix}"


class Nomination(models.Model):
    # The kinds of portrait: a nomination becomes a portrait draft of the same kind.
    Kind = PortraitPage.Kind

    class Status(models.TextChoices):
        NEW = "new", _("neu")
        IN_REVIEW = "in_review", _("in Prüfung")
        ACCEPTED = "accepted", _("angenommen")
        REJECTED = "rejected", _("abgelehnt")

    CLOSED = (Status.ACCEPTED, Status.REJECTED)

    reference = models.CharField(_("Vorgangsnummer"), max_length=20, unique=True, editable=False)
    nominee_name = models.CharField(_("Name der/des Benannten"), max_length=200)
    nominee_kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    town = models.ForeignKey(
        "snippets.PartnerCity",
        verbose_name=_("Partnerstadt"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    areas = models.ManyToManyField(
        "snippets.EngagementArea",
        verbose_name=_("Engagementbereiche"),
        blank=True,
        related_name="nominations",
    )
    reason = models.TextField(_("Begründung"), max_length=4000, blank=True)
    nominator_name = models.CharField(_("Name der Einreichenden"), max_length=200, blank=True)
    nominator_email = models.EmailField(_("E-Mail der Einreichenden"), blank=True)
    nominator_phone = models.CharField(_("Telefon der Einreichenden"), max_length=30, blank=True)
    nominee_informed = models.BooleanField(_("Benannte Person ist informiert"), default=False)
    privacy_consent_at = models.DateTimeField(_("Datenschutz-Einwilligung am"))
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    internal_note = models.TextField(
        _("Interne Notiz"), blank=True, help_text=_("Nur für die Koordination sichtbar.")
    )
    created_at = models.DateTimeField(_("Eingegangen am"), default=timezone.now, editable=False)
    embedded_from = models.CharField(
        _("Eingereicht über"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_(
            "Die Website, in die das Formular eingebettet war (leer: direkt über die API)."
        ),
    )
    portrait = models.ForeignKey(
        "pages.PortraitPage",
        verbose_name=_("Porträt"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="nominations",
    )
    anonymised_at = models.DateTimeField(
        _("Anonymisiert am"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Nominierung")
        verbose_name_plural = _("Nominierungen")

    def __str__(self):
        # Only the reference: this string ends up in audit logs, which are not anonymised.
        return self.reference or str(_("Neue Nominierung"))

    def save(self, *args, **kwargs):
        if not self.reference:
            reference = new_reference()
            while type(self).objects.filter(reference=reference).exists():
                reference = new_reference()
            self.reference = reference
        super().save(*args, **kwargs)

    @property
    def is_closed(self):
        return self.status in self.CLOSED

    def anonymise(self):
        """Remove the nominator's data; a rejected nominee's name and the reason go too (an
        accepted nominee lives on in the portrait, under their own consent)."""
        self.nominator_name = ANONYMISED
        self.nominator_email = ""
        self.nominator_phone = ""
        self.internal_note = ""
        if self.portrait_id is None:
            self.nominee_name = ANONYMISED
            self.reason = ""
        self.anonymised_at = timezone.now()
        self.save()
