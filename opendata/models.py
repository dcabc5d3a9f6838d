"""What Koordination decides about the open data: the licence, the publisher, the contact and
the catalog's German identifiers (Einstellungen → Offene Daten)."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting

from . import vocab

LICENCE_HELP = _(
    "Unter dieser Lizenz dürfen alle die Datensätze weiterverwenden. Beide Lizenzen erlauben "
    "jede Nutzung, auch kommerziell, verlangen aber die Namensnennung. "
    "„Datenlizenz Deutschland – Namensnennung – 2.0“ ist die Lizenz der deutschen Verwaltung "
    "und von GovData; „CC BY 4.0“ ist international verbreitet. Eine einmal veröffentlichte "
    "Lizenz gilt für die bereits geladenen Daten weiter."
)


class OpenDataSettings(BaseGenericSetting):
    licence = models.CharField(
        _("Lizenz"),
        max_length=40,
        choices=[(licence.key, licence.label) for licence in vocab.LICENCES.values()],
        default=vocab.DL_BY_DE.key,
        help_text=LICENCE_HELP,
    )
    attribution_text = models.CharField(
        _("Namensnennung"),
        max_length=255,
        default="Stadt Dessau-Roßlau, Engagierte Stadt",
        help_text=_("So sollen Nutzerinnen und Nutzer der Daten die Quelle nennen."),
    )
    publisher_name = models.CharField(
        _("Herausgeber"), max_length=255, default="Stadt Dessau-Roßlau"
    )
    publisher_url = models.URLField(
        _("Website des Herausgebers"), default="https://www.dessau-rosslau.de"
    )
    contact_name = models.CharField(
        _("Kontaktstelle"),
        max_length=255,
        default="Koordination Engagierte Stadt",
        help_text=_("Eine Stelle, keine Person: der Name steht in den offenen Daten."),
    )
    contact_email = models.EmailField(
        _("E-Mail der Kontaktstelle"), default="engagiertestadt@dessau-rosslau.de"
    )
    contributor_id = models.URLField(
        _("Datenbereitsteller-Kennung (contributorID)"),
        blank=True,
        validators=[
            RegexValidator(
                r"^http://dcat-ap\.de/def/contributors/[A-Za-z0-9]+$",
                _(
                    "Eine Kennung aus dem DCAT-AP.de-Verzeichnis, z. B. "
                    "http://dcat-ap.de/def/contributors/stadtBeispiel."
                ),
                code="contributor_id",  # not "invalid": URLField would put its own message
            )
        ],
        help_text=_(
            "Vergibt GovData bei der Anmeldung als Datenbereitsteller. Ohne sie nimmt GovData "
            "den Katalog nicht an."
        ),
    )
    municipality_key = models.CharField(
        _("Amtlicher Gemeindeschlüssel"),
        max_length=8,
        default=vocab.DESSAU_ROSSLAU_MUNICIPALITY_KEY,
        validators=[RegexValidator(r"^\d{8}$", _("Der Gemeindeschlüssel hat acht Ziffern."))],
        help_text=_("Der Ort, auf den sich die Daten beziehen (Dessau-Roßlau: 15001000)."),
    )

    panels = [
        HelpPanel(
            content=_(
                "Die offenen Daten unter /opendata/ enthalten Programme, Kampagnendaten, "
                "Partnerstädte, Organisationen, Engagementbereiche und Anzahlen von Porträts "
                "(unter 5 unterdrückt) – nie Porträts, Namen oder Fotos."
            )
        ),
        MultiFieldPanel([FieldPanel("licence"), FieldPanel("attribution_text")], _("Lizenz")),
        MultiFieldPanel(
            [
                FieldPanel("publisher_name"),
                FieldPanel("publisher_url"),
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
            ],
            _("Herausgeber und Kontakt"),
        ),
        MultiFieldPanel(
            [FieldPanel("contributor_id"), FieldPanel("municipality_key")],
            _("Angaben für GovData"),
        ),
    ]

    class Meta:
        verbose_name = _("Offene Daten")
        verbose_name_plural = _("Offene Daten")

    @property
    def licence_info(self):
        return vocab.LICENCES.get(self.licence, vocab.DL_BY_DE)

    @property
    def municipality_uri(self):
        return vocab.GEOCODING_MUNICIPALITY + self.municipality_key
