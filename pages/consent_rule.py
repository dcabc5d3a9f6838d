"""The consent rule, written once: whether a portrait has valid consent, and whether a withdrawal
is in force, as database expressions (Q objects for querysets of PortraitPage) and as Python
predicates side by side. tests/test_consent_rule.py checks that both give the same answer on
every combination of the consent fields, on SQLite and PostgreSQL.

Valid consent: complete consent on record (who, when, the scope, the signed form), and no
withdrawal — unless the consent was recorded anew after the withdrawal: dated on or after the
withdrawal's day, with another signed form. The withdrawal itself stays on record. The
withdrawal's day is its date in settings.TIME_ZONE (Europe/Berlin) on both sides, whatever time
zone is active: a withdrawal at 00:30 in Berlin is on that day, not on the day before (UTC).

Withdrawn: a withdrawal on record, and no valid consent since.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The fields that make up consent on record (`consent_document` is a foreign key).
CONSENT_PARTS = ("consent_given_by", "consent_given_at", "consent_scope", "consent_document")

NO_CONSENT_MESSAGE = _(
    "Ohne vollständige, nicht widerrufene Einwilligung kann das Porträt nicht veröffentlicht "
    "werden (Reiter „Einwilligung“)."
)
CONSENT_WITHDRAWN_MESSAGE = _(
    "Die Einwilligung für dieses Porträt wurde widerrufen. Erst eine neue Einwilligung "
    "(Datum ab dem Widerruf, neu unterschriebene Erklärung) macht es wieder veröffentlichbar."
)
SOURCE_WITHOUT_CONSENT_MESSAGE = _(
    "Die deutsche Fassung dieses Porträts hat keine gültige Einwilligung. Eine Übersetzung "
    "kann erst veröffentlicht werden, wenn die Einwilligung dort vollständig vorliegt."
)


def rule_time_zone():
    """The zone in which a withdrawal's day is counted (the office's: Europe/Berlin)."""
    return ZoneInfo(settings.TIME_ZONE)


# --- The database side -----------------------------------------------------------------------

_COMPLETE = (
    Q(consent_given_at__isnull=False)
    & Q(consent_document__isnull=False)
    & ~Q(consent_given_by="")
    & ~Q(consent_scope="")
)
_WITHDRAWN_ON = TruncDate("consent_withdrawn_at", tzinfo=rule_time_zone())
_ANOTHER_DOCUMENT = Q(consent_withdrawn_document__isnull=True) | ~Q(
    consent_document=F("consent_withdrawn_document")
)
_RENEWED_AFTER_WITHDRAWAL = Q(consent_given_at__gte=_WITHDRAWN_ON) & _ANOTHER_DOCUMENT

# Portraits with valid consent (`consent_is_valid` for one set of values).
VALID_CONSENT = _COMPLETE & (Q(consent_withdrawn_at__isnull=True) | _RENEWED_AFTER_WITHDRAWAL)
# Portraits whose withdrawal is in force (`consent_is_withdrawn` for one set of values).
CONSENT_WITHDRAWN = Q(consent_withdrawn_at__isnull=False) & ~VALID_CONSENT


# --- The Python side, for one set of values --------------------------------------------------


def consent_is_valid(given_by, given_at, scope, document_id, withdrawn_at, withdrawn_document_id):
    """`VALID_CONSENT` for one set of values (a saved row, a form's cleaned data, a revision)."""
    if not (given_by and given_at and scope and document_id):
        return False
    if withdrawn_at is None:
        return True
    withdrawn_on = timezone.localdate(withdrawn_at, rule_time_zone())
    return given_at >= withdrawn_on and document_id != withdrawn_document_id


def consent_is_withdrawn(
    given_by, given_at, scope, document_id, withdrawn_at, withdrawn_document_id
):
    """`CONSENT_WITHDRAWN` for one set of values."""
    return withdrawn_at is not None and not consent_is_valid(
        given_by, given_at, scope, document_id, withdrawn_at, withdrawn_document_id
    )


def publish_refusal(given_by, given_at, scope, document_id, withdrawn_at, withdrawn_document_id):
    """Why a portrait with these values may not go live, in German, or None when it may."""
    values = (given_by, given_at, scope, document_id, withdrawn_at, withdrawn_document_id)
    if consent_is_valid(*values):
        return None
    return CONSENT_WITHDRAWN_MESSAGE if withdrawn_at is not None else NO_CONSENT_MESSAGE


def consent_values(portrait, withdrawal=None):
    """The rule's arguments, in order, as `portrait` (a page or a revision's object) holds them;
    the withdrawal as `withdrawal` holds it if given (the committed row: `committed_withdrawal`)."""
    withdrawal = portrait if withdrawal is None else withdrawal
    return (
        portrait.consent_given_by,
        portrait.consent_given_at,
        portrait.consent_scope,
        portrait.consent_document_id,
        withdrawal.consent_withdrawn_at,
        withdrawal.consent_withdrawn_document_id,
    )


def committed_withdrawal(portrait):
    """The withdrawal of `portrait` as its committed row holds it (a revision's object or a
    form's instance may carry an older copy)."""
    return (
        type(portrait)
        .objects.only("consent_withdrawn_at", "consent_withdrawn_document")
        .get(pk=portrait.pk)
    )


def missing_consent_parts(portrait):
    """The names of `CONSENT_PARTS` that `portrait` leaves empty."""
    return [
        name
        for name in CONSENT_PARTS
        if not getattr(portrait, f"{name}_id" if name == "consent_document" else name)
    ]
