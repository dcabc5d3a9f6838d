"""Roles, the consent-gated approval workflow, scheduling and consent withdrawal, through the
real admin URLs."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, TaskState, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.events import content_changed
from pages.consent_errors import ConsentWithdrawnError
from pages.models import PortraitPage
from tests.factories import (
    DocumentFactory,
    ImageFactory,
    ProgrammePageFactory,
    make_due,
    publish,
)
from tests.helpers.admin import assert_forbidden, draft_portrait, edit_url


def as_user(client, user):
    client.force_login(user)
    return client


# --- Roles -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_groups_and_workflow_exist_in_german(tree):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Redaktion", "Koordination", "Redaktion Dessau-Roßlau"} <= names
    assert not {"Editors", "Moderators"} & names
    workflow = tree.campaign.get_workflow()
    assert workflow.name == "Glücksbringer-Freigabe"
    assert [type(t.specific).__name__ for t in workflow.tasks] == [
        "ConsentTask",
        "GroupApprovalTask",
    ]


@pytest.mark.django_db
def test_town_editor_edits_own_town_only(client, tree, people):
    own = draft_portrait(tree, "dessau-rosslau")
    other = draft_portrait(tree, "lutherstadt-wittenberg")
    client = as_user(client, people["dessau_editor"])
    assert client.get(edit_url(own)).status_code == 200
    assert_forbidden(client.get(edit_url(other)))
    assert_forbidden(client.post(edit_url(other), {"title": "übernommen"}))
    other.refresh_from_db()
    assert other.title != "übernommen"
    add_other = reverse(
        "wagtailadmin_pages:add",
        args=("pages", "portraitpage", tree.sections["lutherstadt-wittenberg"].pk),
    )
    assert_forbidden(client.get(add_other))
    add_own = reverse(
        "wagtailadmin_pages:add",
        args=("pages", "portraitpage", tree.dessau_section.pk),
    )
    assert client.get(add_own).status_code == 200


@pytest.mark.django_db
def test_town_editor_cannot_see_other_towns_drafts(client, tree, people):
    own = draft_portrait(tree, "dessau-rosslau", title="Eigener Entwurf")
    other = draft_portrait(tree, "lutherstadt-wittenberg", title="Fremder Entwurf")
    client = as_user(client, people["dessau_editor"])
    other_section = tree.sections["lutherstadt-wittenberg"]
    # The explorer sends a town editor back to the root of what they may explore: their town.
    response = client.get(reverse("wagtailadmin_explore", args=(other_section.pk,)))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=(tree.dessau_section.pk,))
    assert_forbidden(client.get(reverse("wagtailadmin_pages:preview_on_edit", args=(other.pk,))))
    assert_forbidden(client.get(reverse("wagtailadmin_pages:history", args=(other.pk,))))
    found = client.get(reverse("wagtailadmin_pages:search"), {"q": "Entwurf"})
    assert found.status_code == 200
    assert own.title in found.content.decode()
    assert other.title not in found.content.decode()


@pytest.mark.django_db
def test_editor_cannot_publish_or_unpublish(client, tree, people):
    live = publish(draft_portrait(tree))
    client = as_user(client, people["editor"])
    assert client.get(edit_url(live)).status_code == 200
    unpublish = reverse("wagtailadmin_pages:unpublish", args=(live.pk,))
    assert_forbidden(client.post(unpublish))
    live.refresh_from_db()
    assert live.live
    draft = draft_portrait(tree)
    assert not draft.permissions_for_user(people["editor"]).can_publish()
    data = nested_form_data(
        {
            "title": draft.title,
            "slug": draft.slug,
            "name": draft.name,
            "kind": "person",
            "quote": draft.quote,
            "teaser": draft.teaser,
            "body": streamfield([]),
            "areas": [],
            "action-publish": "action-publish",
        }
    )
    client.post(edit_url(draft), data)
    draft.refresh_from_db()
    assert not draft.live
    assert draft.first_published_at is None
    # The form was accepted (a draft revision by the editor was saved), only publishing was not.
    assert draft.latest_revision.user == people["editor"]


@pytest.mark.django_db
def test_snippets_are_managed_by_coordination_only(client, tree, people):
    url = reverse("wagtailsnippets_snippets_partnercity:edit", args=(tree.dessau.pk,))
    assert_forbidden(as_user(client, people["editor"]).get(url))
    assert as_user(client, people["coordinator"]).get(url).status_code == 200


# --- Workflow with consent ---------------------------------------------------------------------


def submit(page, user):
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


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


# --- Consent withdrawal ------------------------------------------------------------------------


@pytest.mark.django_db
def test_withdrawing_consent_takes_the_portrait_down_everywhere(
    client, graphql, tree, people, django_capture_on_commit_callbacks
):
    photo = ImageFactory(title="Foto Widerruf")
    page = publish(draft_portrait(tree, slug="widerruf", photo=photo))
    photo.get_rendition("fill-160x160")
    assert photo.renditions.count() >= 1  # prepared on publish, plus the one asked for
    assert graphql.data('{ portrait(slug: "widerruf") { slug } }')["portrait"]
    events = []

    def record(sender, **kwargs):
        events.append(kwargs["action"])

    content_changed.connect(record)

    url = reverse("editorial_withdraw_consent", args=(page.pk,))
    client = as_user(client, people["coordinator"])
    confirm = client.get(url)
    assert confirm.status_code == 200
    crumbs = [item["label"] for item in confirm.context["breadcrumbs_items"]]
    assert crumbs[-2:] == [page.title, "Einwilligung widerrufen"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    content_changed.disconnect(record)

    page.refresh_from_db()
    assert not page.live
    assert page.consent_withdrawn_at is not None
    assert page.consent_withdrawn_by == people["coordinator"]
    assert photo.renditions.count() == 0
    assert "unpublished" in events and "consent_withdrawn" in events
    entry = PageLogEntry.objects.get(page=page, action="pages.consent_withdrawn")
    assert entry.user == people["coordinator"]
    data = graphql.data(
        '{ portrait(slug: "widerruf") { slug } images { title } search(query: "widerruf") '
        "{ ... on PortraitPage { slug } } }"
    )
    assert data["portrait"] is None
    assert "Foto Widerruf" not in {i["title"] for i in data["images"]}


@pytest.mark.django_db
def test_withdrawal_kills_every_address_of_the_photo(
    tree, people, django_capture_on_commit_callbacks
):
    photo = ImageFactory(title="Foto Adresse")
    page = publish(draft_portrait(tree, slug="adresse", photo=photo))
    storage = photo.file.storage
    original = photo.file.name
    renditions = [photo.get_rendition("fill-400x400").file.name]
    assert storage.exists(original) and storage.exists(renditions[0])

    with django_capture_on_commit_callbacks(execute=True):
        page.withdraw_consent(by=people["coordinator"])

    photo.refresh_from_db()
    assert photo.file.name != original
    assert storage.exists(photo.file.name)  # still usable in the admin
    assert not storage.exists(original)
    assert not any(storage.exists(name) for name in renditions)
    assert photo.renditions.count() == 0


@pytest.mark.django_db
def test_withdrawal_cancels_workflow_and_schedule(tree, people):
    page = draft_portrait(tree)
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)
    page.save_revision().publish()  # scheduled
    submit(page, people["editor"])
    page.refresh_from_db()
    page.withdraw_consent(by=people["coordinator"])
    page.refresh_from_db()
    assert page.current_workflow_state is None
    assert not page.revisions.filter(approved_go_live_at__isnull=False).exists()
    assert page.go_live_at is None


@pytest.mark.django_db
def test_republishing_an_old_revision_does_not_revive_a_withdrawn_consent(graphql, tree, people):
    page = publish(draft_portrait(tree, slug="alt"))
    old_revision = page.latest_revision
    page.withdraw_consent(by=people["coordinator"])
    with pytest.raises(ConsentWithdrawnError):
        old_revision.publish()
    page.refresh_from_db()
    assert not page.live
    assert page.consent_withdrawn_at is not None
    assert graphql.data('{ portrait(slug: "alt") { slug } }')["portrait"] is None


@pytest.mark.django_db
def test_no_path_brings_a_withdrawn_portrait_back_from_a_stale_copy(tree, people):
    """Objects read before the withdrawal committed (an open edit form, a workflow approval, the
    scheduler's list of due revisions) still say "not withdrawn"; every write re-reads it."""
    page = publish(draft_portrait(tree, slug="veraltet"))
    stale = PortraitPage.objects.get(pk=page.pk)
    scheduled = PortraitPage.objects.get(pk=page.pk)
    PortraitPage.objects.get(pk=page.pk).withdraw_consent(by=people["coordinator"])
    assert stale.consent_withdrawn_at is None and stale.live  # what the stale copy believes

    with pytest.raises(ConsentWithdrawnError):  # publishing now
        stale.save_revision().publish()
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=1)
    with pytest.raises(ConsentWithdrawnError):  # scheduling for later
        scheduled.save_revision().publish()
    with pytest.raises(ConsentWithdrawnError):  # a plain save of the live copy
        stale.save()
    stale.title = "Nur ein Entwurf"
    stale.save_revision()  # drafts stay possible; they carry no withdrawal
    page.refresh_from_db()
    assert not page.live and page.is_consent_withdrawn
    assert not page.revisions.filter(approved_go_live_at__isnull=False).exists()


@pytest.mark.django_db
def test_a_second_withdrawal_is_a_no_op(client, tree, people):
    page = publish(draft_portrait(tree, slug="doppelt"))
    url = reverse("editorial_withdraw_consent", args=(page.pk,))
    client = as_user(client, people["coordinator"])
    assert client.post(url).status_code == 302
    first = PortraitPage.objects.get(pk=page.pk).consent_withdrawn_at
    PortraitPage.objects.get(pk=page.pk).withdraw_consent(by=people["coordinator"])
    assert client.post(url).status_code == 302  # a double click
    assert PortraitPage.objects.get(pk=page.pk).consent_withdrawn_at == first
    assert PageLogEntry.objects.filter(page=page, action="pages.consent_withdrawn").count() == 1


@pytest.mark.django_db
def test_editors_cannot_withdraw_consent(client, tree, people):
    page = publish(draft_portrait(tree))
    url = reverse("editorial_withdraw_consent", args=(page.pk,))
    assert_forbidden(as_user(client, people["editor"]).post(url))
    page.refresh_from_db()
    assert page.live and page.consent_withdrawn_at is None


@pytest.mark.django_db
def test_the_page_list_says_a_consent_was_withdrawn(client, tree, people):
    page = publish(draft_portrait(tree, title="Zurückgezogen"))
    section_list = reverse("wagtailadmin_explore", args=(tree.dessau_section.pk,))
    coordinator = as_user(client, people["coordinator"])

    def status_tags():
        from bs4 import BeautifulSoup

        html = BeautifulSoup(coordinator.get(section_list).content, "html.parser")
        return {" ".join(tag.text.split()) for tag in html.select(".w-status")}

    assert "Einwilligung widerrufen" not in status_tags()
    page.withdraw_consent(by=people["coordinator"])
    tags = status_tags()
    assert "Einwilligung widerrufen" in " ".join(tags) and "Entwurf" not in " ".join(tags), tags


# --- Publication plan --------------------------------------------------------------------------


@pytest.mark.django_db
def test_publication_plan_and_calendar_feed(client, tree, people):
    page = draft_portrait(tree, title="Geplantes Porträt")
    page.go_live_at = timezone.now() + datetime.timedelta(days=3)
    page.save_revision().publish()
    programme = publish(ProgrammePageFactory(parent=tree.home, title="Läuft aus"))
    type(programme).objects.filter(pk=programme.pk).update(
        expire_at=timezone.now() + datetime.timedelta(days=10)
    )

    url = reverse("editorial_publication_plan")
    assert_forbidden(as_user(client, people["editor"]).get(url))
    response = as_user(client, people["coordinator"]).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Geplantes Porträt" in html and "Dessau-Roßlau" in html and "Läuft aus" in html

    from editorial.views import calendar_url

    client.logout()
    feed = client.get(calendar_url(people["coordinator"]))
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert "Veröffentlichung: Geplantes Porträt (Dessau-Roßlau)" in body
    assert "Ablauf: Läuft aus" in body
    assert client.get(f"/kalender/{people['coordinator'].pk}/falsch.ics").status_code == 404
    assert client.get(calendar_url(people["editor"])).status_code == 404


@pytest.mark.django_db
def test_a_due_change_the_scheduler_has_not_run_yet_shows_as_coming_not_as_nothing(
    client, tree, people
):
    """Between a go-live time and the scheduler's next run the page list says "geplant": the
    plan and the dashboard say it goes live in a moment, and the feed can be copied."""
    from bs4 import BeautifulSoup

    page = draft_portrait(tree, title="Gleich online")
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)
    page.save_revision().publish()
    make_due(page)
    programme = publish(ProgrammePageFactory(parent=tree.home, title="Gleich abgelaufen"))
    type(programme).objects.filter(pk=programme.pk).update(
        expire_at=timezone.now() - datetime.timedelta(seconds=5)
    )
    coordinator = as_user(client, people["coordinator"])
    for url in (reverse("editorial_publication_plan"), reverse("wagtailadmin_home")):
        html = coordinator.get(url).content.decode()
        assert "Nichts geplant" not in html and "nichts geplant" not in html, url
        assert "wird gleich veröffentlicht" in html and "Gleich online" in html, url
        assert "läuft gleich ab" in html and "Gleich abgelaufen" in html, url
    plan = BeautifulSoup(
        coordinator.get(reverse("editorial_publication_plan")).content, "html.parser"
    )
    link = plan.find("a", attrs={"data-testid": "calendar-link"})["href"]
    assert link.endswith(".ics") and "/kalender/" in link
    assert plan.find("input", id="calendar-url")["value"] == link
    assert plan.find("button", attrs={"data-action": "w-clipboard#copy"})


@pytest.mark.django_db
def test_preview_token_shows_the_draft_and_nothing_else(client, graphql, tree, people):
    import re

    page = draft_portrait(tree, title="Entwurfstitel")
    page.save_revision(user=people["editor"])
    response = as_user(client, people["editor"]).get(
        reverse("editorial_preview_token", args=(page.pk,))
    )
    assert response.status_code == 200
    token = re.search(r'data-testid="preview-token">([^<]+)<', response.content.decode()).group(1)
    query = "query($t: String) { portrait(token: $t) { title } page(token: $t) { title } }"
    data = graphql.data(query, {"t": token})
    assert data["portrait"] == {"title": "Entwurfstitel"}
    assert data["page"] == {"title": "Entwurfstitel"}
    assert graphql.data(query, {"t": token + "x"}) == {"portrait": None, "page": None}
    # Nothing else reveals the draft.
    assert graphql.data("{ portraits { items { title } } }")["portraits"]["items"] == []


@pytest.mark.django_db
def test_preview_token_expires(graphql, tree, settings):
    from cms.graphql.preview import make_token

    page = draft_portrait(tree, title="Alt")
    page.save_revision()
    token = make_token(page)
    settings.PREVIEW_TOKEN_MAX_AGE = -1
    assert graphql.data("query($t: String) { portrait(token: $t) { title } }", {"t": token}) == {
        "portrait": None
    }


@pytest.mark.django_db
def test_preview_token_dies_with_the_consent(graphql, tree, people):
    from cms.graphql.preview import make_token

    page = draft_portrait(tree, title="Widerrufen")
    page.save_revision()
    token = make_token(page)
    query = "query($t: String) { portrait(token: $t) { title } }"
    assert graphql.data(query, {"t": token})["portrait"] == {"title": "Widerrufen"}
    page.withdraw_consent(by=people["coordinator"])
    assert graphql.data(query, {"t": token})["portrait"] is None


@pytest.mark.django_db
def test_dashboard_shows_the_coordinator_new_nominations_and_the_next_plan(client, tree, people):
    from tests.factories.nominations import NominationFactory

    NominationFactory.create_batch(2, town=tree.dessau)
    NominationFactory(town=tree.dessau, status="rejected")
    page = draft_portrait(tree, title="Bald online")
    page.go_live_at = timezone.now() + datetime.timedelta(days=3)
    page.save_revision().publish()  # approved and scheduled

    dashboard = as_user(client, people["coordinator"]).get(reverse("wagtailadmin_home"))
    html = dashboard.content.decode()
    assert 'data-testid="coordination-panel"' in html
    assert "2 neue Nominierungen" in html
    assert "Bald online" in html

    client.logout()
    editor_view = as_user(client, people["editor"]).get(reverse("wagtailadmin_home"))
    assert 'data-testid="coordination-panel"' not in editor_view.content.decode()


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
