"""The consent step of the Glücksbringer approval workflow."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask

from pages.consent_rule import (
    CONSENT_WITHDRAWN_MESSAGE,
    SOURCE_WITHOUT_CONSENT_MESSAGE,
    missing_consent_parts,
)


def why_no_consent(obj):
    """What keeps the content under review from approval, in German (its latest revision), or
    None when its consent is valid (or it is not a portrait)."""
    specific = getattr(obj, "specific", obj)
    if not hasattr(specific, "has_valid_consent"):
        return None
    latest = specific.get_latest_revision_as_object()
    if latest.has_valid_consent:
        if specific.source_has_valid_consent():
            return None
        return SOURCE_WITHOUT_CONSENT_MESSAGE
    missing = [
        str(type(latest)._meta.get_field(name).verbose_name)
        for name in missing_consent_parts(latest)
    ]
    if missing:
        return _("Einwilligung fehlt: %(parts)s.") % {"parts": ", ".join(missing)}
    return CONSENT_WITHDRAWN_MESSAGE


def has_consent_on_record(obj):
    """Whether the content under review (its latest revision) has valid consent on record."""
    specific = getattr(obj, "specific", obj)
    if not hasattr(specific, "has_valid_consent"):
        return True  # not a portrait: nothing to check
    latest = specific.get_latest_revision_as_object()
    return latest.has_valid_consent and specific.source_has_valid_consent()


class ConsentTask(AbstractGroupApprovalTask):
    """Group approval that cannot be approved while the portrait lacks valid consent.

    Valid consent means: who consented, when, in which scope, and the signed form as a private
    document — and no withdrawal. Without it, only "request changes" is offered; the admin's
    workflow action URL refuses "approve" (403).
    """

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if has_consent_on_record(obj):
            return actions
        return [action for action in actions if action[0] != "approve"]

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and not has_consent_on_record(
            task_state.workflow_state.content_object
        ):
            raise PermissionDenied(_("Ohne gültige Einwilligung ist keine Freigabe möglich."))
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Prüft, ob eine vollständige Einwilligung vorliegt (wer, wann, Umfang, "
            "unterschriebenes Formular); erst dann kann die Gruppe freigeben."
        )

    class Meta:
        verbose_name = _("Einwilligungsprüfung")
        verbose_name_plural = _("Einwilligungsprüfungen")
