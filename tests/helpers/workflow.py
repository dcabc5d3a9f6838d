"""The two-step approval workflow: its steps, a portrait submitted for review, the approval
as a browser posts it."""

from wagtail.models import TaskState, WorkflowState

from tests.factories import PortraitPageFactory
from tests.helpers.admin import browser_form_data, edit_url

CONSENT_STEP = "Einwilligung prüfen"


APPROVAL_STEP = "Freigabe durch die Koordination"


def approval_body(client, page):
    """Open the edit form and click "Freigeben": the form plus what Wagtail's scripts add."""
    response = client.get(edit_url(page))
    assert response.status_code == 200
    data = browser_form_data(response.content.decode())
    data["body-count"] = ["0"]  # the (empty) StreamField's inputs come from Wagtail's JS
    data["action-workflow-action"] = ["true"]  # workflow-action.js, on click
    data["workflow-action-name"] = ["approve"]
    return data


def steps(page):
    """(task, status) of the page's current workflow run, in order."""
    state = WorkflowState.objects.filter(object_id=str(page.pk)).latest("created_at")
    return [
        (task_state.task.name, task_state.status)
        for task_state in state.task_states.order_by("started_at", "pk")
    ]


def submit_for_review(section, editor):
    """A portrait with consent on record, submitted by its editor: step 1 is in progress."""
    page = PortraitPageFactory(parent=section)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    assert steps(page) == [(CONSENT_STEP, TaskState.STATUS_IN_PROGRESS)]
    return page


def approve_every_step(page, user):
    page.refresh_from_db()
    while (state := page.current_workflow_state) is not None:
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, user, "approve")
        page.refresh_from_db()
