"""The consent step of the Glücksbringer approval workflow."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask

CONSENT_PARTS = ("consent_given_by", "consent_given_at", "consent_scope", "consent_document")


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
        return _("Die deutsche Fassung dieses Porträts hat keine gültige Einwilligung.")
    missing = [
        str(type(latest)._meta.get_field(name).verbose_name)
        for name in CONSENT_PARTS
        if not getattr(latest, f"{name}_id" if name == "consent_document" else name)
    ]
    if missing:
        return _("Einwilligung fehlt: %(parts)s.") % {"parts": ", ".join(missing)}
    return _(
        "Die Einwilligung wurde widerrufen; eine neue braucht ein späteres Datum und ein anderes "
        "unterschriebenes Formular."
    )


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
            from django.core.exceptions import PermissionDenied

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
