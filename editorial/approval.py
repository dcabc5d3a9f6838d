"""One click is one approval: background autosaves never act on the workflow or publish, and a
workflow step is finished once.

Wagtail's edit form adds the hidden inputs of a workflow action ("Freigeben") to the form on
click; its autosave then posts the whole form again (``Accept: application/json``) and the edit
view honours the action a second time, against whichever task is current by then: the next
step gets approved too. The form's own check (``pages.forms.PageForm``) binds an action to the
step the user saw; this hook keeps every action out of autosave requests altogether.

Refused rather than stripped: stripping would mean rewriting ``request.POST`` and would turn
the replay into a draft save that races the real submission, leaving a stray revision (and an
"edited" log entry) after the approval or publish. The browser's own submission carries the
action; the autosave has nothing to add, and Wagtail's autosave shows a refused request as
paused, as for any other hook refusal. The editor's script (static/editorial/
autosave-without-actions.js) cancels such an autosave before it is sent; the refusal here is
for any client that sends it anyway.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.http import JsonResponse
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.models import TaskState

# The POST keys by which Wagtail's page and snippet edit views publish or act on a workflow.
ACTION_KEYS = (
    "action-publish",
    "action-submit",
    "action-restart-workflow",
    "action-cancel-workflow",
    "action-workflow-action",
)


def is_background_save(request):
    """Wagtail's own test for its JSON (autosave) requests (JsonPostResponseMixin)."""
    return request.method == "POST" and not request.accepts("text/html")


def refuse_actions_in_autosave(request, instance):
    if not is_background_save(request):
        return None
    if not any(key in request.POST for key in ACTION_KEYS):
        return None
    # The shape of Wagtail's json_error_response, with the code it uses for hook refusals.
    return JsonResponse(
        {
            "success": False,
            "error_code": "blocked_by_hook",
            "error_message": _(
                "Automatisches Speichern führt keine Freigabe und keine Veröffentlichung aus."
            ),
        },
        status=400,
    )


def autosave_sends_no_actions():
    return format_html(
        '<script src="{}"></script>', static("editorial/autosave-without-actions.js")
    )


@receiver(pre_save, sender=TaskState)
def finish_each_step_once(sender, instance, raw=False, **kwargs):
    """Two requests acting on the same step at once (a double click while the first is still
    sending its notifications) both hold it "in progress" in memory; Wagtail checks only that.
    Lock the row and refuse to finish a step that another request has finished meanwhile (its
    stored finish time is not the one this object was loaded with). The approval runs in a
    transaction, so the lock holds until it commits; the second request waits, then is refused.

    Connected in EditorialConfig.ready(), so in every process (admin, scheduler, scripts).
    """
    if raw or instance.pk is None or instance.status == TaskState.STATUS_IN_PROGRESS:
        return
    with transaction.atomic():
        stored = (
            TaskState.objects.select_for_update()
            .filter(pk=instance.pk)
            .values_list("status", "finished_at")
            .first()
        )
    if stored is None:
        return
    status, finished_at = stored
    if status != TaskState.STATUS_IN_PROGRESS and finished_at != instance.finished_at:
        raise PermissionDenied(_("Dieser Freigabeschritt wurde bereits abgeschlossen."))
