"""The CMS renders no pages for the public (same 404 for live, hidden and missing pages), and
the admin's own preview works for every page type."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from pages.models import PortraitPage
from tests.factories import ImageFactory, PortraitPageFactory, ProgrammePageFactory, publish


@pytest.mark.django_db
def test_page_addresses_answer_alike_whatever_exists(client, tree):
    section = tree.dessau_section
    live = publish(PortraitPageFactory(parent=section, slug="live"))
    expired = publish(PortraitPageFactory(parent=section, slug="abgelaufen"))
    PortraitPage.objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    private = publish(PortraitPageFactory(parent=section, slug="privat"))
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    answers = {
        path: client.get(path) for path in (live.url, expired.url, private.url, "/gibt-es-nicht/")
    }
    assert live.url.endswith("/live/")  # page URLs are still built
    assert {response.status_code for response in answers.values()} == {404}
    assert len({response.content for response in answers.values()}) == 1
    home = client.get("/")
    assert home.status_code == 200 and home.json()["graphql"] == "/graphql/"
    # A browser ("Live anzeigen" in the admin) gets a German explanation, the same for all.
    pages = [client.get(path, HTTP_ACCEPT="text/html") for path in answers]
    assert {page.status_code for page in pages} == {404}
    assert len({page.content for page in pages}) == 1
    assert "Dieses System zeigt keine Seiten an" in pages[0].content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["home", "campaign", "section", "portrait", "programme"])
def test_admin_preview_renders_every_page_type(client, tree, people, kind):
    portrait = PortraitPageFactory(
        parent=tree.dessau_section, photo=ImageFactory(), quote="weil ich <helfe>"
    )
    portrait.areas.set([])
    pages = {
        "home": tree.home,
        "campaign": tree.campaign,
        "section": tree.dessau_section,
        "portrait": portrait,
        "programme": ProgrammePageFactory(parent=tree.home),
    }
    page = pages[kind]
    client.force_login(people["coordinator"])
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=(page.pk,)))
    assert response.status_code == 200
    html = response.content.decode()
    assert page.title in html
    if kind == "portrait":
        assert "weil ich &lt;helfe&gt;" in html  # plain text is escaped
        assert "<img" in html
