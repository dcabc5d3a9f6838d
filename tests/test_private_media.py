"""Consent forms and unpublished photos stay private on every file path: unguessable image
names, no document files under /media/, consent documents only for Koordination, and choosers
that do not offer other people's private things."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.models import Collection

from tests.factories import DocumentFactory, ImageFactory, PortraitPageFactory, publish


@pytest.fixture
def consent_form(db):
    return DocumentFactory(
        title="Einwilligung Greta Gedacht",
        collection=Collection.objects.get(name="Einwilligungen"),  # made by a migration
        file=ContentFile(b"unterschrieben", name="einwilligung-greta-gedacht.txt"),
    )


@pytest.mark.django_db
def test_image_file_names_do_not_follow_from_the_upload_name():
    image = ImageFactory(file__filename="anna-beispiel-privat.jpg")
    assert "anna" not in image.file.name
    assert image.file.name.startswith("original_images/")


@pytest.mark.django_db
@pytest.mark.urls("tests.debug_urls")
def test_development_server_serves_images_but_no_document_files(client, consent_form):
    image = ImageFactory()
    assert client.get("/" + image.file.url.lstrip("/")).status_code == 200
    response = client.get(consent_form.file.url)
    assert response.status_code == 404
    assert b"unterschrieben" not in b"".join(getattr(response, "streaming_content", [b""]))


@pytest.mark.django_db
def test_consent_forms_open_for_koordination_only(client, consent_form, people):
    url = consent_form.url
    assert client.get(url).status_code == 302  # anonymous: to the login
    client.force_login(people["editor"])
    response = client.get(url)  # logged in, but not in the group: to the login again
    assert response.status_code == 302
    assert "login" in response["Location"]
    client.force_login(people["coordinator"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"unterschrieben" in b"".join(response.streaming_content)


@pytest.mark.django_db
def test_document_chooser_offers_consent_forms_to_koordination_only(client, consent_form, people):
    DocumentFactory(title="Einwilligung Flyer öffentlich")
    url = reverse("wagtaildocs_chooser:choose_results")
    client.force_login(people["dessau_editor"])
    html = client.get(url, {"q": "Einwilligung"}).content.decode()
    assert "Flyer" in html
    assert "Greta" not in html
    client.force_login(people["coordinator"])
    assert "Greta" in client.get(url, {"q": "Einwilligung"}).content.decode()


@pytest.mark.django_db
def test_page_chooser_hides_other_towns_drafts(client, tree, people):
    own = PortraitPageFactory(parent=tree.dessau_section, title="Entwurf Dessau")
    other = PortraitPageFactory(
        parent=tree.sections["lutherstadt-wittenberg"], title="Entwurf Wittenberg"
    )
    live = publish(
        PortraitPageFactory(parent=tree.sections["lutherstadt-wittenberg"], title="Entwurf live")
    )
    client.force_login(people["dessau_editor"])
    search = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Entwurf"})
    html = search.content.decode()
    assert own.title in html and live.title in html
    assert other.title not in html
    browse = client.get(
        reverse(
            "wagtailadmin_choose_page_child", args=(tree.sections["lutherstadt-wittenberg"].pk,)
        )
    ).content.decode()
    assert other.title not in browse and live.title in browse
