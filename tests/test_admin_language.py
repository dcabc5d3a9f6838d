"""The admin speaks German everywhere an editor looks: listings, relative times, error pages."""

import re

import pytest
from django.urls import reverse

from cms.models import PartnerApiKey
from tests.factories import PortraitPageFactory


def visible_text(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailsnippets_snippets_partnercity:list",
        "wagtailsnippets_snippets_organisation:list",
        "wagtailsnippets_snippets_contactperson:list",
        "wagtailsnippets_snippets_engagementarea:list",
        "api_keys:index",
    ],
)
def test_listings_show_no_python_booleans(client, tree, people, url_name):
    from tests.factories import ContactPersonFactory, EngagementAreaFactory, OrganisationFactory

    PartnerApiKey.issue("Stadt Gräfenhainichen")
    for factory in (ContactPersonFactory, EngagementAreaFactory, OrganisationFactory):
        factory()
    client.force_login(people["coordinator"])
    text = visible_text(client.get(reverse(url_name)))
    assert "Löschen" in text or "Bearbeiten" in text  # there are rows
    assert not re.search(r"\b(True|False|None)\b", text)


@pytest.mark.django_db
def test_relative_times_are_german(client, tree, people):
    page = PortraitPageFactory(parent=tree.sections["dessau-rosslau"])
    page.save_revision(user=people["editor"])
    page.get_workflow().start(page, people["editor"])
    client.force_login(people["coordinator"])
    text = visible_text(client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))))
    assert "ago" not in text
    assert "vor " in text


@pytest.mark.django_db
def test_forbidden_pages_are_german(client, people):
    client.force_login(people["editor"])
    response = client.get(reverse("nominations:index"))
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="de"' in html and "Kein Zugriff" in html
