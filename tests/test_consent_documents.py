"""Consent forms are private by construction: whatever sets a portrait's consent document, the
file ends up in the restricted collection "Einwilligungen", under a name that says nothing, and
a withdrawal takes down every record of the portrait's photo."""

import hashlib
import json
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.models import Collection
from wagtail.test.utils.form_data import nested_form_data, streamfield

from media.models import Document, Image
from tests.factories import (
    DocumentFactory,
    ImageFactory,
    OrganisationFactory,
    PortraitPageFactory,
    publish,
)

SIGNED = b"%PDF-1.4 unterschrieben von Greta Gedacht"


def consent_collection():
    return Collection.objects.get(name="Einwilligungen")  # made by a migration


def root_collection():
    return Collection.get_first_root_node()


def edit_form(page, action=None, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "name": page.name,
        "kind": page.kind,
        "quote": page.quote,
        "teaser": page.teaser,
        "body": streamfield([]),
        "areas": [],
        "consent_given_by": page.consent_given_by,
        "consent_given_at": page.consent_given_at.isoformat(),
        "consent_scope": page.consent_scope,
        "consent_document": page.consent_document_id or "",
        **changes,
    }
    if action:
        data[action] = action
    return nested_form_data(data)


def chooser_upload(client, url, title, filename, collection=None):
    """The upload tab of a document chooser, as the modal posts it; the chosen document."""
    data = {"document-chooser-upload-title": title}
    if collection is not None:
        data["document-chooser-upload-collection"] = collection.pk
    data["document-chooser-upload-file"] = ContentFile(SIGNED, name=filename)
    response = client.post(url, data)
    payload = json.loads(response.content)
    assert payload["step"] == "chosen", payload
    return Document.objects.get(pk=payload["result"]["id"])


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.django_db
@pytest.mark.parametrize("action", [None, "action-publish"], ids=["draft", "publish"])
def test_a_form_uploaded_anywhere_is_moved_to_the_consent_collection(client, tree, people, action):
    page = PortraitPageFactory(
        parent=tree.dessau_section, slug="greta-gedacht", consent_document=None
    )
    client.force_login(people["coordinator"])
    # The reproduction: the standard chooser's upload, into its default collection (Root).
    document = chooser_upload(
        client,
        reverse("wagtaildocs_chooser:create"),
        "Einwilligung Greta Gedacht",
        "einwilligung-greta-gedacht.pdf",
        collection=root_collection(),
    )
    assert document.collection == root_collection()

    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = client.post(edit_url, edit_form(page, action, consent_document=document.pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    document.refresh_from_db()
    assert document.collection == consent_collection()
    shown = client.get(response["Location"]).content.decode()
    assert (
        "Die Einwilligungserklärung „Einwilligung Greta Gedacht“ wurde in den geschützten Ordner "
        "„Einwilligungen“ verschoben." in shown
    )
    assert client.get(edit_url).content.decode().count("geschützten Ordner") == 0  # said once

    assert body(client.get(document.url)) == SIGNED  # Koordination still opens it
    client.logout()
    refused = client.get(document.url)
    assert refused.status_code != 200
    assert SIGNED not in body(refused)


@pytest.mark.django_db
def test_code_that_sets_a_consent_document_moves_it_too(tree):
    section = tree.dessau_section
    loose = DocumentFactory(title="Einwilligung aus dem Wurzelordner")
    page = PortraitPageFactory(parent=section, consent_document=loose)
    loose.refresh_from_db()
    assert loose.collection == consent_collection()

    later = DocumentFactory(title="Neue Einwilligung, nur als Entwurf")
    page.consent_document = later
    page.save_revision()  # a draft: the page row keeps the old document
    later.refresh_from_db()
    assert later.collection == consent_collection()

    below = Collection.objects.get(pk=consent_collection().pk).add_child(name="Dessau-Roßlau")
    filed = DocumentFactory(title="Einwilligung im Unterordner", collection=below)
    publish(PortraitPageFactory(parent=section, slug="unterordner", consent_document=filed))
    filed.refresh_from_db()
    assert filed.collection == below  # already under the restriction: left where it is


@pytest.mark.django_db
def test_the_consent_tabs_upload_goes_to_the_consent_collection(client, tree, people):
    page = PortraitPageFactory(parent=tree.dessau_section, consent_document=None)
    client.force_login(people["coordinator"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    chooser = re.search(r'id="id_consent_document-chooser"[^>]*data-chooser-url="([^"]+)"', html)
    assert chooser, "the consent tab has a document chooser"
    modal = json.loads(client.get(chooser.group(1)).content)["html"]
    selected = re.search(
        r'name="document-chooser-upload-collection".*?<option value="(\d+)"[^>]*selected',
        modal,
        re.DOTALL,
    )
    assert selected and int(selected.group(1)) == consent_collection().pk

    upload_url = re.search(r'action="([^"]*einwilligung-chooser/create/[^"]*)"', modal).group(1)
    document = chooser_upload(
        client,
        upload_url,
        "Einwilligung Hans Hilfreich",
        "hans.pdf",
        collection=consent_collection(),  # the selected default, as the browser sends it
    )
    assert document.collection == consent_collection()
    # The other choosers keep their own default (nothing preselected).
    stock = json.loads(client.get(reverse("wagtaildocs_chooser:choose")).content)["html"]
    assert not re.search(r"<option[^>]*selected[^>]*>\s*Einwilligungen", stock)


@pytest.mark.django_db
def test_stored_document_names_say_nothing(client, tree, people):
    page = PortraitPageFactory(
        parent=tree.dessau_section,
        slug="greta-gedacht",
        consent_document__file=ContentFile(SIGNED, name="einwilligung-greta-gedacht.PDF"),
    )
    client.force_login(people["coordinator"])
    uploaded = chooser_upload(
        client,
        reverse("consent_document_chooser:create"),
        "Einwilligung",
        "greta-gedacht-unterschrieben.pdf",
        collection=consent_collection(),
    )
    for document in (page.consent_document, uploaded):
        name = document.file.name
        assert name.startswith("documents/") and name.endswith(".pdf")
        assert "greta" not in name and "einwilligung" not in name
        assert len(name.rsplit("/", 1)[1]) == 32 + len(".pdf")
        assert document.file.storage.exists(name)


@pytest.mark.django_db
def test_every_record_of_a_withdrawn_photo_is_withdrawn(
    graphql, tree, people, django_capture_on_commit_callbacks
):
    section = tree.dessau_section
    photo = ImageFactory(title="Foto Greta")
    with photo.open_file() as original:
        content = original.read()
    assert photo.file_hash == hashlib.sha1(content).hexdigest()  # noqa: S324 - Wagtail's hash
    copy = Image(title="Foto Greta, noch einmal hochgeladen", alt_text="Greta lacht")
    copy.file = ContentFile(content, name="greta-kopie.jpg")
    copy.save()
    other = ImageFactory(title="Anderes Foto")
    assert copy.file_hash == photo.file_hash != other.file_hash

    portrait = publish(PortraitPageFactory(parent=section, slug="greta", photo=photo))
    publish(PortraitPageFactory(parent=section, slug="kopie", photo=copy))
    publish(PortraitPageFactory(parent=section, slug="anderes", photo=other))
    organisation = OrganisationFactory(slug="mit-kopie", logo=copy)
    organisation.save_revision().publish()
    copy_rendition = copy.get_rendition("fill-400x400").file.name
    copy_original = copy.file.name
    query = (
        '{ a: portrait(slug: "kopie") { photo { id } } b: portrait(slug: "anderes") '
        "{ photo { id } } organisations { slug logo { id } } images { id } }"
    )
    before = graphql.data(query)
    assert before["a"] == {"photo": {"id": str(copy.pk)}}
    assert {"slug": "mit-kopie", "logo": {"id": str(copy.pk)}} in before["organisations"]

    with django_capture_on_commit_callbacks(execute=True):
        portrait.withdraw_consent(by=people["coordinator"])

    storage = copy.file.storage
    copy.refresh_from_db()
    assert copy.file.name != copy_original and storage.exists(copy.file.name)
    assert not storage.exists(copy_original) and not storage.exists(copy_rendition)
    assert copy.renditions.count() == 0
    other.refresh_from_db()
    assert storage.exists(other.file.name)

    after = graphql.data(query)
    assert after["a"] == {"photo": None}
    assert {"slug": "mit-kopie", "logo": None} in after["organisations"]
    assert after["b"] == {"photo": {"id": str(other.pk)}}  # a different photo stays
    assert str(copy.pk) not in {image["id"] for image in after["images"]}
