"""Per town: whether its content may be embedded, and from which websites (issue 22)."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def parse_origin(line):
    """`https://www.example.de` from a line an editor typed (a trailing slash is forgiven);
    None when the line is not a web origin (scheme and host, no path, query or user)."""
    value = line.strip().rstrip("/")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if parts.path or parts.query or parts.fragment or parts.username or parts.password:
        return None
    return f"{parts.scheme}://{parts.netloc.lower()}"


class TownEmbed(models.Model):
    """Embedding of one partner town's content. Without a row a town's iframe and oEmbed work
    (its content is public anyway) and no website may use the custom element for it."""

    town = models.OneToOneField(
        "snippets.PartnerCity",
        verbose_name=_("Partnerstadt"),
        on_delete=models.CASCADE,
        related_name="embed_settings",
        limit_choices_to={"locale__language_code": "de"},
    )
    enabled = models.BooleanField(
        _("Einbetten eingeschaltet"),
        default=True,
        help_text=_("Aus: Die Inhalte dieser Stadt lassen sich nirgends einbetten."),
    )
    allowed_origins = models.TextField(
        _("Erlaubte Websites"),
        blank=True,
        help_text=_(
            "Eine Adresse je Zeile, nur Schema und Host, z. B. https://www.graefenhainichen.de. "
            "Nur diese Websites können das Element <engagierte-stadt-portraits> verwenden."
        ),
    )

    class Meta:
        verbose_name = _("Einbettung")
        verbose_name_plural = _("Einbettungen")

    def __str__(self):
        return str(self.town)

    def origins(self):
        return [
            origin for line in self.allowed_origins.splitlines() if (origin := parse_origin(line))
        ]

    def clean(self):
        bad = [
            line.strip()
            for line in self.allowed_origins.splitlines()
            if line.strip() and not parse_origin(line)
        ]
        if bad:
            raise ValidationError(
                {
                    "allowed_origins": _(
                        "Keine Website-Adresse (https://host, ohne Pfad): %(lines)s"
                    )
                    % {"lines": ", ".join(bad)}
                }
            )


def embedding_origins():
    """Every origin some switched-on town allows for the custom element."""
    found = set()
    for embed in TownEmbed.objects.filter(enabled=True, town__live=True):
        found.update(embed.origins())
    return found


def switched_off(town_slug):
    """Whether the town's embedding is switched off (no row: on)."""
    return TownEmbed.objects.filter(town__slug=town_slug, enabled=False).exists()
