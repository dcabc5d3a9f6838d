"""The consent-gated approval workflow and scheduling through the real admin URLs, and that
no way of publishing (form, bulk action) gets a portrait out without valid consent."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from pages.models import PortraitPage
from tests.factories import DocumentFactory, make_due, publish
from tests.helpers.admin import assert_forbidden, draft_portrait, edit_url
from tests.helpers.editorial import as_user, submit

# --- Workflow with consent ---------------------------------------------------------------------


def action_url(page, action):
    task_state = TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))


@pytest.mark.django_db
def test_consent_task_refuses_approval_without_consent(client, tree, people):
    page = draft_portrait(tree, consent_document=None)
    submit(page, people["editor"])
    client = as_user(client, people["coordinator"])
    assert_forbidden(client.post(action_url(page, "approve")))
    assert page.current_workflow_task.specific.__class__.__name__ == "ConsentTask"

    # The coordinator records the consent (a new revision), then approval goes through.
    page.consent_document = DocumentFactory(title="Einwilligung unterschrieben")
    page.save_revision(user=people["coordinator"])
    response = client.post(action_url(page, "approve"))
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Freigabe durch die Koordination"


@pytest.mark.django_db
def test_submission_notifies_coordination_by_email(tree, people):
    mail.outbox.clear()
    submit(draft_portrait(tree), people["editor"])
    recipients = {address for message in mail.outbox for address in message.to}
    assert "koordination@example.org" in recipients
    assert "redaktion-dessau@example.org" not in recipients


@pytest.mark.django_db
def test_approval_with_go_live_schedules_and_the_scheduler_publishes(graphql, tree, people):
    page = draft_portrait(tree, slug="geplant")
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    submit(page, people["editor"])
    state = page.current_workflow_state
    for _ in range(2):
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, people["coordinator"], "approve")
        state.refresh_from_db()
    page.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert not page.live
    assert page.revisions.filter(approved_go_live_at__isnull=False).exists()
    assert graphql.data('{ portrait(slug: "geplant") { slug } }')["portrait"] is None

    # Time passes: the go-live moment is due, the scheduler runs.
    make_due(page)
    call_command("run_scheduler", "--once")
    page.refresh_from_db()
    assert page.live
    assert graphql.data('{ portrait(slug: "geplant") { slug } }')["portrait"] == {"slug": "geplant"}


@pytest.mark.django_db
def test_scheduler_unpublishes_expired_pages(tree):
    page = publish(draft_portrait(tree))
    PortraitPage.objects.filter(pk=page.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("run_scheduler", "--once")
    page.refresh_from_db()
    assert not page.live and page.expired


# --- Publishing needs consent ---------------------------------------------------------------


def _publish_form(page, **consent):
    data = {
        "title": page.title,
        "slug": page.slug,
        "name": page.name,
        "kind": "person",
        "quote": page.quote,
        "teaser": page.teaser,
        "body": streamfield([]),
        "areas": [],
        "consent_given_by": page.consent_given_by,
        "consent_given_at": page.consent_given_at.isoformat() if page.consent_given_at else "",
        "consent_scope": page.consent_scope,
        "consent_document": page.consent_document_id or "",
        "action-publish": "action-publish",
    }
    data.update(consent)
    return nested_form_data(data)


@pytest.mark.django_db
def test_nobody_publishes_a_portrait_without_valid_consent(client, tree, people):
    client = as_user(client, people["coordinator"])
    without = draft_portrait(tree, slug="ohne", consent_document=None, consent_given_by="")
    response = client.post(edit_url(without), _publish_form(without))
    assert response.status_code == 200  # the form again, with the error
    assert "Ohne vollständige, nicht widerrufene Einwilligung" in response.content.decode()
    without.refresh_from_db()
    assert not without.live

    withdrawn = publish(draft_portrait(tree, slug="widerrufen-neu"))
    withdrawn.withdraw_consent(by=people["coordinator"])
    response = client.post(edit_url(withdrawn), _publish_form(withdrawn))
    withdrawn.refresh_from_db()
    assert not withdrawn.live
    from django.utils import formats

    when = timezone.localtime(withdrawn.consent_withdrawn_at)
    shown = client.get(edit_url(withdrawn)).content.decode()
    assert formats.date_format(when, "DATETIME_FORMAT") in shown  # the consent tab says when
    assert when.strftime("%d.%m.%Y %H:%M") in shown  # in the one German format

    valid = draft_portrait(tree, slug="mit")
    response = client.post(edit_url(valid), _publish_form(valid))
    valid.refresh_from_db()
    assert valid.live  # the same form with consent publishes (so the refusals can fail)


@pytest.mark.django_db
def test_bulk_publishing_refuses_portraits_without_consent(client, tree, people):
    without = draft_portrait(tree, slug="ohne-bulk", consent_document=None)
    without.save_revision()
    url = (
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
        + f"?id={without.pk}"
    )
    client = as_user(client, people["coordinator"])
    client.post(url, {})
    without.refresh_from_db()
    assert not without.live

    valid = draft_portrait(tree, slug="mit-bulk")
    valid.save_revision()
    base = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    client.post(f"{base}?id={valid.pk}", {})
    valid.refresh_from_db()
    assert valid.live  # the same action with consent publishes


@pytest.mark.django_db
def test_slugs_are_ascii(client, tree, people):
    page = draft_portrait(tree, slug="ascii")
    client = as_user(client, people["coordinator"])
    data = _publish_form(page, slug="porträt")
    data.pop("action-publish")
    response = client.post(edit_url(page), data)
    assert response.status_code == 200  # the form again, with the slug error
    page.refresh_from_db()
    assert page.slug == "ascii"
    assert page.get_latest_revision_as_object().slug == "ascii"
