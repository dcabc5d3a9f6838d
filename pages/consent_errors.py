"""The errors a refused publish of a portrait raises, whatever the path (edit form, workflow,
scheduler, bulk action); their messages are the consent rule's (pages/consent_rule.py)."""

from django.core.exceptions import PermissionDenied

from pages.consent_rule import CONSENT_WITHDRAWN_MESSAGE, SOURCE_WITHOUT_CONSENT_MESSAGE


class ConsentWithdrawnError(PermissionDenied):
    """A publish of a portrait whose consent is withdrawn: refused, whatever the path."""

    def __init__(self, message=CONSENT_WITHDRAWN_MESSAGE):
        super().__init__(str(message))


class SourceWithoutConsentError(ConsentWithdrawnError):
    """A publish of a translation whose German source has no valid consent: consent belongs to
    the person, and is read from the source."""

    def __init__(self):
        super().__init__(SOURCE_WITHOUT_CONSENT_MESSAGE)
