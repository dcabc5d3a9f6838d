"""Delivery attempts, run by the task worker (the "jobs" backend, a database queue).

One task run is one attempt. A failed attempt queues the next one after the next delay of
WEBHOOK_RETRY_DELAYS (5 s … 10 h, 27.6 hours in all); after the last, the delivery has failed.
An endpoint that has not had one success for WEBHOOK_PAUSE_AFTER (a day) is paused: unticked
"aktiv", its waiting deliveries cancelled, Koordination told by e-mail. Every attempt is a
`DeliveryAttempt` row (status code, response time, error) and a log line.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from cms.roles import COORDINATORS

from . import delivery as http
from .models import Delivery, DeliveryAttempt, Endpoint

logger = logging.getLogger(__name__)

PAUSE_SUBJECT = "Webhook-Empfänger „{name}“ pausiert"
PAUSE_BODY = """Der Webhook-Empfänger „{name}“ ({url}) hat seit {since} keine Meldung
angenommen und ist deshalb pausiert: Er erhält keine Meldungen mehr, bis er im
Redaktionssystem wieder auf „aktiv“ gesetzt wird.

Letzter Fehler: {error}

{admin_url}
"""


@task(backend="jobs")
def deliver(delivery_id):
    return attempt(delivery_id)


def attempt(delivery_id):
    """One attempt of a waiting delivery; returns its status."""
    item = Delivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if item is None or item.status != Delivery.Status.PENDING:
        return item.status if item else "gone"
    endpoint = item.endpoint
    if not endpoint.active:
        Delivery.objects.filter(pk=item.pk).update(status=Delivery.Status.CANCELLED)
        return Delivery.Status.CANCELLED
    result = http.post(endpoint.url, endpoint.secret, item.message_id, item.body)
    now = timezone.now()
    logger.info(
        "Webhook %s an %s, Versuch %s: %s %s ms %s",
        item.message_id,
        endpoint.url,
        item.attempts + 1,
        result.status_code,
        result.duration_ms,
        result.error,
    )
    with transaction.atomic():
        record(item, result, now)
        item.attempts += 1
        item.last_status_code = result.status_code
        item.next_attempt_at = None
        if result.ok:
            item.status = Delivery.Status.DELIVERED
            item.delivered_at = now
            Endpoint.objects.filter(pk=endpoint.pk).update(failing_since=None)
        elif pause_if_failing_too_long(endpoint, now, result):
            item.status = Delivery.Status.CANCELLED
        elif item.attempts <= len(settings.WEBHOOK_RETRY_DELAYS):
            delay = settings.WEBHOOK_RETRY_DELAYS[item.attempts - 1]
            item.next_attempt_at = now + timedelta(seconds=delay)
            deliver.using(run_after=item.next_attempt_at).enqueue(item.pk)
        else:
            item.status = Delivery.Status.FAILED
        item.save()
    return item.status


def record(item, result, when):
    return DeliveryAttempt.objects.create(
        delivery=item,
        attempted_at=when,
        status_code=result.status_code,
        duration_ms=result.duration_ms,
        error=result.error[:500],
        response_excerpt=result.response_excerpt[:500],
    )


def pause_if_failing_too_long(endpoint, now, result):
    """Note the first failure; pause the endpoint once it has failed for WEBHOOK_PAUSE_AFTER."""
    Endpoint.objects.filter(pk=endpoint.pk, failing_since__isnull=True).update(failing_since=now)
    since = Endpoint.objects.values_list("failing_since", flat=True).get(pk=endpoint.pk)
    if now - since < timedelta(seconds=settings.WEBHOOK_PAUSE_AFTER):
        return False
    still_active = Endpoint.objects.filter(pk=endpoint.pk, active=True)
    paused = still_active.update(active=False, paused_at=now)
    Delivery.objects.filter(endpoint=endpoint, status=Delivery.Status.PENDING).update(
        status=Delivery.Status.CANCELLED, next_attempt_at=None
    )
    if paused:
        logger.warning("Webhook-Empfänger %s pausiert (fehlerhaft seit %s)", endpoint.url, since)
        error = result.error or f"HTTP {result.status_code}"
        transaction.on_commit(lambda: notify_paused(endpoint.pk, since, error))
    return True


def coordinator_emails():
    users = get_user_model().objects.filter(groups__name=COORDINATORS, is_active=True)
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def notify_paused(endpoint_pk, since, error):
    endpoint = Endpoint.objects.get(pk=endpoint_pk)
    recipients = coordinator_emails()
    if not recipients:
        logger.warning("Webhook-Empfänger %s pausiert: niemand in Koordination", endpoint.name)
        return
    admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "webhook_endpoints:edit", args=(endpoint.pk,)
    )
    send_mail(
        PAUSE_SUBJECT.format(name=endpoint.name),
        PAUSE_BODY.format(
            name=endpoint.name,
            url=endpoint.url,
            since=timezone.localtime(since).strftime("%d.%m.%Y %H:%M"),
            error=error,
            admin_url=admin_url,
        ),
        settings.DEFAULT_FROM_EMAIL,
        recipients,
    )


def send_test(endpoint):
    """ "Test senden": one signed test message, sent now (not queued), logged like any other."""
    from .events import encode

    body = encode(
        {
            "type": "webhook.test",
            "timestamp": timezone.now().isoformat(),
            "data": {
                "id": None,
                "slug": None,
                "urlPath": None,
                "town": None,
                "locale": None,
                "url": None,
            },
        }
    )
    item = Delivery.objects.create(endpoint=endpoint, event_type="webhook.test", body=body)
    result = http.post(endpoint.url, endpoint.secret, item.message_id, body)
    record(item, result, timezone.now())
    item.attempts = 1
    item.last_status_code = result.status_code
    item.status = Delivery.Status.DELIVERED if result.ok else Delivery.Status.FAILED
    item.delivered_at = timezone.now() if result.ok else None
    item.save()
    return result
