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
    page = PortraitPageFactory(parent=tree.dessau_section)
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


# Issue 12: English and Leichte Sprache are content languages (LANGUAGES), yet a browser that
# asks for English must not switch the admin; only the editor's own account setting does.
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}


def html_lang(response):
    match = re.search(r'<html[^>]*\blang="([^"]+)"', response.content.decode())
    return match.group(1) if match else None


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["en-GB,en;q=0.9", "en", "de-x-ls"])
def test_login_page_stays_german_for_any_browser_language(client, accept):
    response = client.get(reverse("wagtailadmin_login"), HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 200
    assert html_lang(response) == "de"
    text = visible_text(response)
    assert "Anmelden" in text and "Sign in" not in text
    assert "Accept-Language" not in response.get("Vary", "")


@pytest.mark.django_db
def test_admin_stays_german_for_an_english_browser(client, tree, people):
    page = PortraitPageFactory(parent=tree.dessau_section)
    client.force_login(people["coordinator"])
    for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_pages:edit", args=(page.pk,))):
        response = client.get(url, **ENGLISH_BROWSER)
        assert response.status_code == 200
        assert html_lang(response) == "de", url
        text = visible_text(response)
        assert "Abmelden" in text or "Speichern" in text or "Seiten" in text, url
        assert "Log out" not in text and "Pages" not in text, url


@pytest.mark.django_db
def test_admin_is_english_for_an_editor_who_chose_english(client, tree, people):
    from wagtail.users.models import UserProfile

    editor = people["coordinator"]
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(editor)
    # Even a German browser: the account setting wins.
    response = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="de")
    assert html_lang(response) == "en"
    assert "Pages" in visible_text(response)


@pytest.mark.django_db
def test_account_settings_offer_german_and_english_only(client, people):
    client.force_login(people["coordinator"])
    response = client.get(reverse("wagtailadmin_account"))
    html = response.content.decode()
    assert 'value="en"' in html
    assert 'value="de-x-ls"' not in html  # Leichte Sprache is a content language, not the admin's


@pytest.mark.django_db
@pytest.mark.parametrize(("accept", "expected"), [("en", "en"), ("de-x-ls", "de-x-ls"), ("", "de")])
def test_public_api_follows_accept_language(client, accept, expected):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
    response = client.get("/graphql/", {"query": "{ __typename }"}, **headers)
    assert response["Content-Language"] == expected
    assert "Accept-Language" in response.get("Vary", "")
