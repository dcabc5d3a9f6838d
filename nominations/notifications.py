"""E-mails about a new nomination: a confirmation to the nominator, a notice to the
coordination group. Sent after the nomination is committed (transaction.on_commit)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse

from cms.roles import COORDINATORS

from .models import Nomination

logger = logging.getLogger(__name__)

# The confirmation goes to an address nobody has verified: anyone can make the city's address
# write to anyone. So it is a fixed text with only the reference, which we generate, and echoes
# nothing that was sent in (no names, no reason: no header-like lines, links or insults).
CONFIRMATION_SUBJECT = "Ihre Nominierung für die Glücksbringer-Kampagne ({reference})"
CONFIRMATION_BODY = """Guten Tag,

vielen Dank! Ihre Nominierung für die Glücksbringer-Kampagne ist bei uns eingegangen.

  Vorgangsnummer: {reference}

Die Koordination der „Engagierten Stadt“ meldet sich bei Ihnen, wenn sie Fragen hat oder
die Person bzw. Initiative für ein Porträt ansprechen möchte. Bitte geben Sie bei Rückfragen
die Vorgangsnummer an.

Ihre Angaben verwenden wir nur für diese Nominierung; sie werden nach Abschluss gelöscht.
Falls Sie niemanden nominiert haben, können Sie diese E-Mail ignorieren.

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
    send_mail(
        CONFIRMATION_SUBJECT.format(reference=nomination.reference),
        CONFIRMATION_BODY.format(reference=nomination.reference),
        settings.DEFAULT_FROM_EMAIL,
        [nomination.nominator_email],
    )
    context = {
        "reference": nomination.reference,
        "kind": nomination.get_nominee_kind_display(),
        "town": nomination.town.name,
    }
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
