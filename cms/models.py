"""API keys of partner websites: a key raises the rate limit; anonymous reads stay allowed."""

import hashlib
import secrets

from django.db import DEFAULT_DB_ALIAS, IntegrityError, models, transaction
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
        # On the primary: a key revoked or made in the admin counts at once, replica or not.
        keys = cls.objects.using(DEFAULT_DB_ALIAS)
        return keys.filter(key_hash=hash_key(raw_key), active=True).first()


class ContentGeneration(models.Model):
    """One row counting content changes that alter what the API shows.

    Bumped once a change has committed (cms/events.py), read before a cached answer is looked up
    (cms/graphql/cache.py). It lives in the database, not in Redis: a bump can never be lost
    while Redis is down, so nothing stale comes back with Redis. The bump runs after commit, in
    its own short statement, so no content-changing transaction holds this row while it waits
    for a page row (that would deadlock a bulk publish against a withdrawal).
    """

    ROW = 1
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("Inhaltsstand")

    def __str__(self):
        return str(self.value)

    @classmethod
    def current(cls, using=None):
        """The generation; `using` a database alias (cms/replica.py compares two), else the
        router's choice."""
        rows = cls.objects.using(using) if using else cls.objects
        return rows.filter(pk=cls.ROW).values_list("value", flat=True).first() or 0

    @classmethod
    def bump(cls):
        if cls.objects.filter(pk=cls.ROW).update(value=models.F("value") + 1):
            return
        try:
            with transaction.atomic():
                cls.objects.create(pk=cls.ROW, value=1)
        except IntegrityError:  # created by a concurrent first bump
            cls.objects.filter(pk=cls.ROW).update(value=models.F("value") + 1)
