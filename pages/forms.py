"""Admin page forms: ASCII slugs everywhere; a workflow action applies to the step the user saw;
a portrait needs valid consent to be published."""

from django import forms
from django.core.validators import validate_slug
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

NO_CONSENT_MESSAGE = _(
    "Ohne vollständige, nicht widerrufene Einwilligung kann das Porträt nicht veröffentlicht "
    "werden (Reiter „Einwilligung“)."
)

WORKFLOW_ACTION_KEY = "action-workflow-action"  # set by Wagtail's workflow buttons
SEEN_TASK_STATE_FIELD = "seen_workflow_task_state"
STALE_TASK_STATE_MESSAGE = _(
    "Dieser Freigabeschritt wurde inzwischen abgeschlossen; es wurde nichts freigegeben. "
    "Bitte den aktuellen Schritt prüfen und dann erneut entscheiden."
)
CURRENT_TASK_MESSAGE = _("Aktueller Schritt: „%(task)s“.")


class SeenTaskStateField(forms.IntegerField):
    """Hidden bookkeeping, not content: it never counts as a change of the page."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False


class PageForm(WagtailAdminPageForm):
    """Slugs are plain ASCII (WAGTAIL_ALLOW_UNICODE_SLUGS is off): partner websites build URLs
    from them.

    A workflow action ("Freigeben", "Änderungen anfordern") applies to the task state shown when
    the form was rendered, never to whatever step is current when the request arrives: a second
    click or a replayed request would otherwise approve the next step as well. No panel claims
    the hidden field; Wagtail renders it with the form's unclaimed fields.
    """

    seen_workflow_task_state = SeenTaskStateField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self._current_task_state()
        self.fields[SEEN_TASK_STATE_FIELD].initial = current.pk if current else None

    def _current_task_state(self):
        if not self.instance.pk:
            return None
        return self.instance.current_workflow_task_state

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if slug:
            validate_slug(slug)
        return slug

    def clean(self):
        cleaned_data = super().clean()
        if self.data.get(WORKFLOW_ACTION_KEY):
            self._refuse_stale_workflow_action(cleaned_data.get(SEEN_TASK_STATE_FIELD))
        return cleaned_data

    def _refuse_stale_workflow_action(self, seen):
        # Wagtail's edit view looks the current step up again when it acts, by then perhaps moved
        # on by a request that committed meanwhile. Pin the workflow state read here (through
        # the attribute Wagtail's prefetch_workflow_states fills): the view acts on the step
        # checked here, and editorial.approval refuses it if it was finished in the meantime.
        self.instance.__dict__.pop("_current_workflow_states", None)  # read it afresh
        state = self.instance.current_workflow_state if self.instance.pk else None
        self.instance._current_workflow_states = [state] if state else []
        current = self.instance.current_workflow_task_state
        if current is not None and seen == current.pk:
            return
        message = STALE_TASK_STATE_MESSAGE
        if current is not None:
            message = f"{message} {CURRENT_TASK_MESSAGE % {'task': current.task.name}}"
        self.add_error(None, message)
        # The form shown again carries the step that is current now: the user sees it (status
        # panel, footer actions) and decides again; reloading would only repeat the old POST.
        self.data = self.data.copy()
        self.data[self.add_prefix(SEEN_TASK_STATE_FIELD)] = current.pk if current else ""


class PortraitPageForm(PageForm):
    def clean(self):
        cleaned_data = super().clean()
        # Only where publishing would happen: without the right, Wagtail saves a draft anyway.
        publishing = bool(self.data.get("action-publish")) and self._may_publish()
        if publishing:
            from pages.models.portrait import CONSENT_WITHDRAWN_MESSAGE, consent_is_valid

            document = cleaned_data.get("consent_document")
            withdrawn_at = self.instance.consent_withdrawn_at
            if not consent_is_valid(
                cleaned_data.get("consent_given_by"),
                cleaned_data.get("consent_given_at"),
                cleaned_data.get("consent_scope"),
                document.pk if document else None,
                withdrawn_at,
                self.instance.consent_withdrawn_document_id,
            ):
                message = CONSENT_WITHDRAWN_MESSAGE if withdrawn_at else NO_CONSENT_MESSAGE
                self.add_error(None, message)
        return cleaned_data

    def _may_publish(self):
        user = self.for_user
        if self.instance.pk:
            return self.instance.permissions_for_user(user).can_publish()
        return self.parent_page.permissions_for_user(user).can_publish_subpage()
