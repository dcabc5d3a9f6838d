"""E-mails about a new nomination: a confirmation to the nominator, a notice to the
coordination group. Sent after the nomination is committed (transaction.on_commit)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse

from editorial.roles import COORDINATORS

from .models import Nomination

logger = logging.getLogger(__name__)

CONFIRMATION_SUBJECT = "Ihre Nominierung für die Glücksbringer-Kampagne ({reference})"
CONFIRMATION_BODY = """Guten Tag {nominator_name},

vielen Dank! Ihre Nominierung ist bei uns eingegangen:

  Vorgangsnummer: {reference}
  Vorgeschlagen: {nominee_name} ({kind})
  Partnerstadt: {town}

Die Koordination der „Engagierten Stadt“ meldet sich bei Ihnen, wenn sie Fragen hat oder
die Person bzw. Initiative für ein Porträt ansprechen möchte. Bitte geben Sie bei Rückfragen
die Vorgangsnummer an.

Ihre Angaben verwenden wir nur für diese Nominierung; sie werden nach Abschluss gelöscht.

Mit freundlichen Grüßen
Engagierte Stadt Dessau-Roßlau
"""

NOTICE_SUBJECT = "Neue Nominierung {reference} ({town})"
NOTICE_BODY = """Eine neue Nominierung für die Glücksbringer-Kampagne ist eingegangen.

  Vorgangsnummer: {reference}
  Art: {kind}
  Partnerstadt: {town}

Die Angaben (auch die Kontaktdaten der Einreichenden) stehen im Redaktionssystem:
{admin_url}
"""


def coordinator_emails():
    users = (
        get_user_model().objects.filter(groups__name=COORDINATORS, is_active=True).exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def admin_url(nomination):
    path = reverse("nominations:edit", args=(nomination.pk,))
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send(nomination_pk):
    nomination = Nomination.objects.select_related("town").get(pk=nomination_pk)
    context = {
        "reference": nomination.reference,
        "nominee_name": nomination.nominee_name,
        "nominator_name": nomination.nominator_name,
        "kind": nomination.get_nominee_kind_display(),
        "town": nomination.town.name,
    }
    send_mail(
        CONFIRMATION_SUBJECT.format(**context),
        CONFIRMATION_BODY.format(**context),
        settings.DEFAULT_FROM_EMAIL,
        [nomination.nominator_email],
    )
    recipients = coordinator_emails()
    if recipients:
        # Without the nominator's or nominee's data: those stay in the admin.
        send_mail(
            NOTICE_SUBJECT.format(**context),
            NOTICE_BODY.format(admin_url=admin_url(nomination), **context),
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
    else:
        logger.warning("Nominierung %s: niemand in der Gruppe Koordination", nomination.reference)
