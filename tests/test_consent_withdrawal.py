"""Consent withdrawal: the portrait goes down everywhere (API, photo addresses, workflow,
schedule) and no stale copy or old revision brings it back."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from cms.events import content_changed
from pages.consent_errors import ConsentWithdrawnError
from pages.models import PortraitPage
from tests.factories import ImageFactory, publish
from tests.helpers.admin import assert_forbidden, draft_portrait
from tests.helpers.editorial import as_user, submit


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
