"""One click is one approval: a workflow action applies to the step the user saw, and Wagtail's
autosave (the same form posted again with `Accept: application/json`) never approves, submits or
publishes anything.

The requests carry what a browser sends: the fields of the edit form as served, plus the inputs
Wagtail's scripts add (the StreamField's count, the clicked workflow button's hidden inputs).
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from wagtail.models import TaskState, WorkflowState

from cms import roles
from pages.forms import SEEN_TASK_STATE_FIELD
from tests.factories import PartnerCityFactory, PortraitPageFactory
from tests.helpers.admin import (
    AUTOSAVE,
    assert_forbidden,
    browser_form_data,
    edit_url,
)
from tests.helpers.workflow import (
    APPROVAL_STEP,
    CONSENT_STEP,
    approval_body,
    steps,
    submit_for_review,
)

STALE_MESSAGE = "Dieser Freigabeschritt wurde inzwischen abgeschlossen"


@pytest.fixture
def in_review(tree, people):
    return submit_for_review(tree.dessau_section, people["editor"])


@pytest.fixture
def coordinator(client, people):
    client.force_login(people["coordinator"])
    return client


@pytest.mark.django_db
def test_edit_form_carries_the_task_state_it_shows(coordinator, in_review):
    html = coordinator.get(edit_url(in_review)).content.decode()
    current = in_review.current_workflow_task_state
    assert browser_form_data(html)[SEEN_TASK_STATE_FIELD] == [str(current.pk)]


@pytest.mark.django_db
def test_autosave_and_double_click_replays_approve_nothing_more(coordinator, in_review):
    body = approval_body(coordinator, in_review)
    first = coordinator.post(edit_url(in_review), body)
    assert first.status_code == 302
    assert steps(in_review) == [
        (CONSENT_STEP, TaskState.STATUS_APPROVED),
        (APPROVAL_STEP, TaskState.STATUS_IN_PROGRESS),
    ]

    # Wagtail's autosave posts the very same form again about a second later.
    autosave = coordinator.post(edit_url(in_review), body, **AUTOSAVE)
    assert autosave.status_code == 400
    assert autosave.json()["success"] is False
    assert autosave.json()["error_code"] == "blocked_by_hook"

    # A second click on the old page (or a resubmitted POST) is refused with a German message.
    again = coordinator.post(edit_url(in_review), body)
    assert again.status_code == 200
    assert STALE_MESSAGE in again.content.decode()
    assert f"Aktueller Schritt: „{APPROVAL_STEP}“" in again.content.decode()

    assert steps(in_review) == [
        (CONSENT_STEP, TaskState.STATUS_APPROVED),
        (APPROVAL_STEP, TaskState.STATUS_IN_PROGRESS),
    ]
    in_review.refresh_from_db()
    assert not in_review.live
    assert in_review.current_workflow_task.name == APPROVAL_STEP


@pytest.mark.django_db
def test_autosave_never_approves_even_the_step_on_screen(coordinator, in_review):
    """The hook alone: an autosave carrying the current step's id still approves nothing."""
    body = approval_body(coordinator, in_review)
    response = coordinator.post(edit_url(in_review), body, **AUTOSAVE)
    assert response.status_code == 400
    assert steps(in_review) == [(CONSENT_STEP, TaskState.STATUS_IN_PROGRESS)]


@pytest.mark.django_db
def test_the_fresh_step_is_approved_and_the_portrait_goes_live(coordinator, in_review):
    assert coordinator.post(edit_url(in_review), approval_body(coordinator, in_review)).status_code
    stale = approval_body(coordinator, in_review)  # seen on step 2 ...
    refused = coordinator.post(edit_url(in_review), {**stale, SEEN_TASK_STATE_FIELD: ["0"]})
    assert STALE_MESSAGE in refused.content.decode()
    # ... the form shown with the refusal carries the step that is current now.
    current = in_review.current_workflow_task_state
    assert refused.context["form"][SEEN_TASK_STATE_FIELD].value() == current.pk

    response = coordinator.post(edit_url(in_review), stale)
    assert response.status_code == 302
    assert steps(in_review) == [
        (CONSENT_STEP, TaskState.STATUS_APPROVED),
        (APPROVAL_STEP, TaskState.STATUS_APPROVED),
    ]
    in_review.refresh_from_db()
    assert in_review.live
    assert in_review.workflow_states.get().status == WorkflowState.STATUS_APPROVED


@pytest.mark.django_db
def test_the_action_goes_to_the_step_checked_even_if_it_moves_on_meanwhile(
    coordinator, in_review, people
):
    """The interleaving of two requests, in order: this one's form is checked while step 1 is
    in progress; another request then approves step 1; this one acts. It must act on step 1
    (Wagtail's edit view reads the current step again) and be refused, not approve step 2."""
    body = approval_body(coordinator, in_review)
    page = in_review.get_latest_revision_as_object()
    form_class = page.get_edit_handler().get_form_class()
    user = people["coordinator"]
    data = MultiValueDict(body)
    form = form_class(data, instance=page, parent_page=page.get_parent(), for_user=user)
    assert form.is_valid(), form.errors

    TaskState.objects.get(pk=body[SEEN_TASK_STATE_FIELD][0]).approve(user=user)

    # What EditView.perform_workflow_action does after the form is valid:
    with pytest.raises(PermissionDenied):
        page.current_workflow_task.on_action(page.current_workflow_task_state, user, "approve")
    assert steps(in_review) == [
        (CONSENT_STEP, TaskState.STATUS_APPROVED),
        (APPROVAL_STEP, TaskState.STATUS_IN_PROGRESS),
    ]


@pytest.mark.django_db
def test_workflow_action_without_the_seen_step_is_refused(coordinator, in_review):
    body = approval_body(coordinator, in_review)
    del body[SEEN_TASK_STATE_FIELD]
    response = coordinator.post(edit_url(in_review), body)
    assert STALE_MESSAGE in response.content.decode()
    assert steps(in_review) == [(CONSENT_STEP, TaskState.STATUS_IN_PROGRESS)]


@pytest.mark.django_db
def test_modal_workflow_action_refuses_a_finished_step(coordinator, in_review):
    """The workflow-action URL (dashboard, "Freigeben mit Kommentar") names the task state."""
    seen = in_review.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(in_review.pk, "approve", seen.pk))
    assert coordinator.post(url).status_code == 302
    assert_forbidden(coordinator.post(url))  # TaskState.approve: only a step in progress
    assert steps(in_review) == [
        (CONSENT_STEP, TaskState.STATUS_APPROVED),
        (APPROVAL_STEP, TaskState.STATUS_IN_PROGRESS),
    ]


@pytest.mark.django_db
def test_autosave_never_publishes_a_page(coordinator, tree):
    page = PortraitPageFactory(parent=tree.dessau_section)
    page.save_revision()
    body = browser_form_data(coordinator.get(edit_url(page)).content.decode())
    body |= {"body-count": ["0"], "action-publish": ["action-publish"]}
    assert coordinator.post(edit_url(page), body, **AUTOSAVE).status_code == 400
    page.refresh_from_db()
    assert not page.live


@pytest.mark.django_db
def test_autosave_never_publishes_a_snippet(coordinator, tree):
    city = PartnerCityFactory(name="Gräfenhainichen", slug="graefenhainichen", live=False)
    url = reverse("wagtailsnippets_snippets_partnercity:edit", args=(city.pk,))
    body = browser_form_data(coordinator.get(url).content.decode())
    body["action-publish"] = ["action-publish"]
    assert coordinator.post(url, body, **AUTOSAVE).status_code == 400
    city.refresh_from_db()
    assert not city.live


@pytest.mark.django_db
def test_both_steps_are_for_koordination(tree):
    """The premise of the replay bug: one person may approve both steps."""
    tasks = [task.specific for task in tree.campaign.get_workflow().tasks]
    assert [task.name for task in tasks] == [CONSENT_STEP, APPROVAL_STEP]
    for task in tasks:
        assert roles.COORDINATORS in {group.name for group in task.groups.all()}


@pytest.mark.django_db
def test_the_reviewer_is_told_why_there_is_no_approve(coordinator, tree, people):
    """Without complete consent the consent step offers no "Freigeben": the edit form says
    what is missing, and says nothing once it is complete."""
    page = PortraitPageFactory(
        parent=tree.dessau_section, consent_document=None, consent_given_by=""
    )
    page.save_revision(user=people["editor"])
    page.get_workflow().start(page, people["editor"])
    html = coordinator.get(edit_url(page)).content.decode()
    assert "Freigabe noch nicht möglich. Einwilligung fehlt:" in html
    assert "Einwilligung erteilt von" in html and "Unterschriebene Einwilligung" in html
    assert 'value="approve"' not in html and 'data-workflow-action-name="approve"' not in html

    complete = submit_for_review(tree.dessau_section, people["editor"])
    assert "Freigabe noch nicht möglich" not in coordinator.get(edit_url(complete)).content.decode()


@pytest.mark.django_db
def test_publish_is_not_offered_past_a_running_workflow(coordinator, in_review, tree):
    html = coordinator.get(edit_url(in_review)).content.decode()
    assert 'name="action-publish"' not in html
    assert 'data-workflow-action-name="approve"' in html or "Freigeben" in html
    outside = PortraitPageFactory(parent=tree.dessau_section)
    outside.save_revision()
    assert 'name="action-publish"' in coordinator.get(edit_url(outside)).content.decode()
