"""API keys of partner websites: a key raises the rate limit; anonymous reads stay allowed."""

import hashlib
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def hash_key(raw_key):
    return hashlib.sha256(raw_key.encode()).hexdigest()


class PartnerApiKey(models.Model):
    name = models.CharField(_("Partner"), max_length=255, help_text=_("z. B. Stadt Wittenberg"))
    prefix = models.CharField(_("Schlüsselanfang"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    rate_limit = models.PositiveIntegerField(
        _("Anfragen pro Zeitfenster"),
        default=3000,
        help_text=_("Erlaubte Anfragen je GRAPHQL_RATE_LIMIT_WINDOW Sekunden."),
    )
    active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("API-Schlüssel")
        verbose_name_plural = _("API-Schlüssel")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def assign_new_key(self):
        """Give this record a fresh key and return it: shown once, only its hash is stored."""
        raw_key = "es_" + secrets.token_urlsafe(32)
        self.prefix, self.key_hash = raw_key[:10], hash_key(raw_key)
        return raw_key

    @classmethod
    def issue(cls, name, rate_limit=None):
        """Create a key; the raw key is returned once and only its hash is stored."""
        key = cls(name=name)
        raw_key = key.assign_new_key()
        if rate_limit:
            key.rate_limit = rate_limit
        key.save()
        return key, raw_key

    @classmethod
    def authenticate(cls, raw_key):
        return cls.objects.filter(key_hash=hash_key(raw_key), active=True).first()
