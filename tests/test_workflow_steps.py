"""Approval and withdrawal that say what they do (issue 20, item 4), through the real admin URLs:
the edit form names its workflow step, a click's message names the step decided and the next,
the last step's button names the go-live it schedules, Wagtail's autosave replay of a workflow
action changes neither the steps nor the messages, an add form never saved leaves no page, and
"Einwilligung widerrufen" is on the consent tab with a confirmation naming every language
version and the photos.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, TaskState

from pages.models import PortraitPage
from tests.helpers.admin import AUTOSAVE, draft_portrait, edit_url
from tests.helpers.workflow import (
    APPROVAL_STEP,
    CONSENT_STEP,
    approval_body,
    steps,
    submit_for_review,
)

NEXT_STEP = f"Einwilligung geprüft. Nächster Schritt: {APPROVAL_STEP}."
WAGTAILS_MESSAGE = "wurde aktualisiert"


def review(tree, people, **fields):
    section = tree.dessau_section
    page = submit_for_review(section, people["editor"])
    if fields:
        for name, value in fields.items():
            setattr(page, name, value)
        page.save_revision(user=people["editor"])
    return page


def shown_messages(client, url):
    """The messages the next page shows (and consumes)."""
    response = client.get(url)
    return [str(message) for message in response.context["messages"]]


def click(client, page, action="approve"):
    body = approval_body(client, page)
    body["workflow-action-name"] = [action]
    response = client.post(edit_url(page), body)
    assert response.status_code == 302, response.content.decode()[:500]
    return body


def explorer(page):
    return reverse("wagtailadmin_explore", args=(page.get_parent().pk,))


def berlin(moment):
    return timezone.localtime(moment).strftime("%d.%m.%Y, %H:%M")


@pytest.fixture
def coordinator(client, people):
    client.force_login(people["coordinator"])
    return client


@pytest.mark.django_db
def test_the_edit_form_names_its_step(coordinator, tree, people):
    page = review(tree, people)
    assert "Schritt 1 von 2: Einwilligung prüfen" in shown_messages(coordinator, edit_url(page))
    click(coordinator, page)
    shown_messages(coordinator, explorer(page))  # the approval's own message
    assert f"Schritt 2 von 2: {APPROVAL_STEP}" in shown_messages(coordinator, edit_url(page))

    outside = draft_portrait(tree)  # not in the workflow: no step named
    assert not [m for m in shown_messages(coordinator, edit_url(outside)) if "Schritt" in m]


@pytest.mark.django_db
def test_approving_a_step_names_it_and_the_next(coordinator, tree, people):
    page = review(tree, people)
    click(coordinator, page)
    shown = shown_messages(coordinator, explorer(page))
    assert NEXT_STEP in shown
    assert not [message for message in shown if WAGTAILS_MESSAGE in message]


@pytest.mark.django_db
def test_the_autosave_replay_changes_neither_steps_nor_messages(coordinator, tree, people):
    """Wagtail's autosave posts the clicked form again as JSON: refused, no second approval,
    no message of its own; the one message is the click's."""
    page = review(tree, people)
    body = click(coordinator, page)
    replay = coordinator.post(edit_url(page), body, **AUTOSAVE)
    assert replay.status_code == 400
    assert steps(page) == [
        (CONSENT_STEP, TaskState.STATUS_APPROVED),
        (APPROVAL_STEP, TaskState.STATUS_IN_PROGRESS),
    ]
    shown = shown_messages(coordinator, explorer(page))
    assert shown.count(NEXT_STEP) == 1
    assert not [message for message in shown if WAGTAILS_MESSAGE in message]


@pytest.mark.django_db
def test_last_step_with_a_go_live_says_it_schedules(coordinator, tree, people):
    go_live = (timezone.now() + datetime.timedelta(days=18)).replace(second=0, microsecond=0)
    page = review(tree, people, go_live_at=go_live)
    click(coordinator, page)
    shown_messages(coordinator, explorer(page))

    form = coordinator.get(edit_url(page)).content.decode()
    assert f"Freigeben und einplanen für {berlin(go_live)}" in form
    assert "Freigeben und Veröffentlichen" not in form

    click(coordinator, page)
    shown = shown_messages(coordinator, explorer(page))
    assert (
        f"Schritt „{APPROVAL_STEP}“ erledigt. „{page.title}“ ist freigegeben und eingeplant für "
        f"{berlin(go_live)}; vorher erscheint es nirgends."
    ) in shown
    page.refresh_from_db()
    assert not page.live


@pytest.mark.django_db
def test_last_step_without_a_go_live_publishes(coordinator, tree, people):
    page = review(tree, people)
    click(coordinator, page)
    shown_messages(coordinator, explorer(page))
    form = coordinator.get(edit_url(page)).content.decode()
    assert "Freigeben und Veröffentlichen" in form
    assert "einplanen für" not in form

    click(coordinator, page)
    shown = shown_messages(coordinator, explorer(page))
    assert (
        f"Schritt „{APPROVAL_STEP}“ erledigt. „{page.title}“ ist freigegeben und veröffentlicht."
    ) in shown
    page.refresh_from_db()
    assert page.live


@pytest.mark.django_db
def test_requesting_changes_names_the_step(coordinator, tree, people):
    page = review(tree, people)
    body = approval_body(coordinator, page)
    body["workflow-action-name"] = ["reject"]
    body["workflow-action-extra-data"] = ['{"comment": "Foto fehlt"}']
    assert coordinator.post(edit_url(page), body).status_code == 302
    shown = shown_messages(coordinator, explorer(page))
    assert any(
        message.startswith(f"Änderungen angefordert im Schritt „{CONSENT_STEP}“.")
        for message in shown
    ), shown
    assert steps(page) == [(CONSENT_STEP, TaskState.STATUS_REJECTED)]


# --- An add form never saved leaves no page ------------------------------------------------------


def add_url(section):
    return reverse("wagtailadmin_pages:add", args=("pages", "portraitpage", section.pk))


@pytest.mark.django_db
def test_the_add_form_does_not_save_itself(client, tree, people):
    section = tree.dessau_section
    client.force_login(people["dessau_editor"])
    html = client.get(add_url(section)).content.decode()
    form = BeautifulSoup(html, "html.parser").find("form", id="page-edit-form")
    # No background saving: Wagtail's would create the page on the first autosave.
    assert "w-autosave" not in form["data-controller"].split()

    before = Page.objects.count()
    typed = {"name": "Nur angefangen", "kind": "person", "body-count": "0", "slug": ""}
    response = client.post(add_url(section), typed, **AUTOSAVE)
    assert response.status_code == 400
    assert response.json()["success"] is False
    assert Page.objects.count() == before
    assert not PortraitPage.objects.filter(name="Nur angefangen").exists()


@pytest.mark.django_db
def test_the_dashboards_approve_button_names_the_step_too(coordinator, tree, people):
    """Wagtail's workflow action view (the dashboard's and the explorer's "Freigeben") said
    nothing after acting."""
    page = review(tree, people)
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    response = coordinator.post(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200
    assert NEXT_STEP in shown_messages(coordinator, reverse("wagtailadmin_home"))
