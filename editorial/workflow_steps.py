"""What the approval workflow says to the people in it, in German: the step a page is at
("Schritt 1 von 2: Einwilligung prüfen"), what a click on a workflow button did and what comes
next ("Einwilligung geprüft. Nächster Schritt: Freigabe durch die Koordination."), and what the
last step's "Freigeben" does when a go-live is set ("Freigeben und einplanen für 24.12.2026,
10:00", where Wagtail says "Freigeben und Veröffentlichen").
"""

from django.contrib import messages
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.action_menu import WorkflowMenuItem
from wagtail.models import TaskState, WorkflowState

from .models import ConsentTask


def when(moment):
    """A moment as the admin shows it: "24.12.2026, 10:00" (Europe/Berlin)."""
    return timezone.localtime(moment).strftime("%d.%m.%Y, %H:%M")


def step_label(workflow_state):
    """ "Schritt 1 von 2: Einwilligung prüfen" for the workflow's current step, else None."""
    task_state = workflow_state.current_task_state if workflow_state else None
    if task_state is None:
        return None
    tasks = list(workflow_state.workflow.tasks.filter(active=True).values_list("pk", flat=True))
    if task_state.task_id not in tasks:
        return None
    return _("Schritt %(number)s von %(total)s: %(task)s") % {
        "number": tasks.index(task_state.task_id) + 1,
        "total": len(tasks),
        "task": task_state.task.name,
    }


def future_go_live(page):
    """The go-live of the page's latest revision when it lies ahead, else None."""
    go_live_at = getattr(page, "go_live_at", None)
    if go_live_at and go_live_at > timezone.now():
        return go_live_at
    return None


def decided(task_state):
    """What a finished step achieved: "Einwilligung geprüft", or its name for other steps."""
    if isinstance(task_state.task.specific, ConsentTask):
        return _("Einwilligung geprüft")
    return _("Schritt „%(task)s“ erledigt") % {"task": task_state.task.name}


def decision_message(task_state, page):
    """The message after a workflow button was clicked on `task_state` (the step the person
    decided), read from the database as the click left it; None for an action we do not know
    (Wagtail's own message stays then)."""
    task_state = TaskState.objects.select_related("task", "workflow_state").get(pk=task_state.pk)
    workflow_state = WorkflowState.objects.get(pk=task_state.workflow_state_id)
    title = page.get_admin_display_title()
    if task_state.status == TaskState.STATUS_REJECTED:
        return _(
            "Änderungen angefordert im Schritt „%(task)s“. „%(title)s“ geht zurück an die "
            "Redaktion; nach dem Überarbeiten reicht sie es erneut ein."
        ) % {"task": task_state.task.name, "title": title}
    if task_state.status != TaskState.STATUS_APPROVED:
        return None
    done = decided(task_state)
    if workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        return _("%(done)s. Nächster Schritt: %(next)s.") % {
            "done": done,
            "next": workflow_state.current_task_state.task.name,
        }
    page = type(page).objects.get(pk=page.pk)
    scheduled = page.scheduled_revision
    if scheduled is not None and scheduled.approved_go_live_at > timezone.now():
        return _(
            "%(done)s. „%(title)s“ ist freigegeben und eingeplant für %(when)s; vorher "
            "erscheint es nirgends."
        ) % {"done": done, "title": title, "when": when(scheduled.approved_go_live_at)}
    if page.live:
        return _("%(done)s. „%(title)s“ ist freigegeben und veröffentlicht.") % {
            "done": done,
            "title": title,
        }
    return _("%(done)s. „%(title)s“ ist freigegeben.") % {"done": done, "title": title}


def name_the_step(request, page):
    """The edit form of a page in the workflow says which step it is at, above the form."""
    if request.method != "GET":
        return
    label = step_label(page.current_workflow_state)
    if label:
        messages.info(request, label)


def approve_and_schedule(menu_items, request, context):
    """The last step's "Freigeben" says when the page will go live, if not at once: approving
    a page with a go-live ahead schedules it (Wagtail's label says "und Veröffentlichen")."""
    page = context.get("page")
    state = page.current_workflow_state if page is not None and page.pk else None
    if state is None or not state.is_at_final_task:
        return
    go_live_at = future_go_live(page)
    if go_live_at is None:
        return
    for item in menu_items:
        if isinstance(item, WorkflowMenuItem) and item.name == "approve":
            item.label = (
                _("Mit Kommentar freigeben und einplanen für %(when)s")
                if item.launch_modal
                else _("Freigeben und einplanen für %(when)s")
            ) % {"when": when(go_live_at)}
