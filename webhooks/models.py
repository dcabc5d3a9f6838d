"""Partner endpoints and what was sent to them.

An `Endpoint` is a partner's URL with the events it wants and its signing secret. Every event
for an endpoint is one `Delivery` (one message id, one body, signed anew at each attempt);
every attempt to send it is one `DeliveryAttempt` (status code, response time, error).
"""

import base64
import secrets
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ACTIONS = ("published", "unpublished", "updated")
EVENT_CHOICES = [
    ("published", _("veröffentlicht")),
    ("unpublished", _("nicht mehr öffentlich")),
    ("updated", _("geändert")),
]


def new_secret():
    """A Standard Webhooks secret: "whsec_" and 32 random bytes, base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def new_message_id():
    return f"msg_{uuid.uuid4().hex}"


def all_events():
    return list(ACTIONS)


class Endpoint(models.Model):
    name = models.CharField(_("Name"), max_length=200, help_text=_("Partner oder Website."))
    url = models.URLField(
        _("URL"),
        max_length=500,
        help_text=_("HTTPS-Adresse, an die Änderungen per POST gemeldet werden."),
    )
    events = models.JSONField(
        _("Ereignisse"),
        default=all_events,
        help_text=_("Welche Änderungen gemeldet werden."),
    )
    active = models.BooleanField(_("aktiv"), default=True)
    secret = models.CharField(_("Signaturschlüssel"), max_length=100, default=new_secret)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    # Set at the first failed attempt after a success, cleared by the next success; an endpoint
    # failing for WEBHOOK_PAUSE_AFTER is paused (active unticked, paused_at set).
    failing_since = models.DateTimeField(_("fehlerhaft seit"), null=True, blank=True)
    paused_at = models.DateTimeField(_("pausiert am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Webhook-Empfänger")
        verbose_name_plural = _("Webhook-Empfänger")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def wants(self, action):
        return action in (self.events or [])

    def get_events_display(self):
        labels = dict(EVENT_CHOICES)
        return ", ".join(str(labels.get(event, event)) for event in self.events or [])


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("ausstehend")
        DELIVERED = "delivered", _("zugestellt")
        FAILED = "failed", _("fehlgeschlagen")
        CANCELLED = "cancelled", _("abgebrochen (Empfänger pausiert)")

    endpoint = models.ForeignKey(
        Endpoint, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("Empfänger")
    )
    message_id = models.CharField(
        _("Nachrichten-ID"), max_length=50, unique=True, default=new_message_id
    )
    event_type = models.CharField(_("Ereignis"), max_length=100)
    body = models.TextField(_("Inhalt"))  # exactly the bytes signed and sent, every attempt
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("Versuche"), default=0)
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("nächster Versuch"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("zugestellt am"), null=True, blank=True)
    last_status_code = models.PositiveIntegerField(_("letzter Statuscode"), null=True, blank=True)

    class Meta:
        verbose_name = _("Webhook-Zustellung")
        verbose_name_plural = _("Webhook-Zustellungen")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["endpoint", "-created_at"])]

    def __str__(self):
        return f"{self.event_type} → {self.endpoint}"


class DeliveryAttempt(models.Model):
    delivery = models.ForeignKey(
        Delivery, on_delete=models.CASCADE, related_name="attempt_log", verbose_name=_("Zustellung")
    )
    attempted_at = models.DateTimeField(_("Zeitpunkt"), default=timezone.now)
    status_code = models.PositiveIntegerField(_("Statuscode"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("Antwortzeit (ms)"), default=0)
    error = models.CharField(_("Fehler"), max_length=500, blank=True)
    response_excerpt = models.CharField(_("Antwort (Anfang)"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Zustellversuch")
        verbose_name_plural = _("Zustellversuche")
        ordering = ["-attempted_at"]

    def __str__(self):
        return f"{self.delivery} @ {self.attempted_at:%Y-%m-%d %H:%M:%S}"

    @property
    def succeeded(self):
        return self.status_code is not None and 200 <= self.status_code < 300
