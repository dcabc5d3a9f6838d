"""The visibility rule (docs/api.md, "What the API shows") through REST (/api/v2/, cms/rest/).

As tests/test_visibility.py for GraphQL: each test puts one portrait into a hidden state beside a
published control portrait that the same path must show.
"""

import pytest

from tests.factories import publish
from tests.helpers.content import HIDDEN_STATES, rest, rest_slugs
from tests.helpers.visibility import make_hidden


@pytest.mark.django_db
@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_rest_pages_show_no_hidden_portrait_on_any_path(client, visible_and_hidden, state, tree):
    visible, hidden = visible_and_hidden
    make_hidden(hidden, state)
    section = tree.dessau_section
    assert "bert-verborgen" not in rest_slugs(rest(client, "pages/", limit=100))
    portraits_only = rest(client, "pages/", type="pages.PortraitPage", town="dessau-rosslau")
    assert rest_slugs(portraits_only) == {"anna-sichtbar"}
    assert rest_slugs(rest(client, "pages/", child_of=section.pk)) == {"anna-sichtbar"}
    assert rest_slugs(rest(client, "pages/", descendant_of=tree.campaign.pk, limit=100)) == {
        "dessau-rosslau",
        "lutherstadt-wittenberg",
        "anna-sichtbar",
    }
    assert rest_slugs(rest(client, "pages/", search="Verborgen")) == set()
    assert rest_slugs(rest(client, "pages/", search="Sichtbar")) == {"anna-sichtbar"}
    assert rest(client, "pages/", slug="bert-verborgen")["items"] == []
    rest(client, f"pages/{hidden.pk}/", status=404)
    path = "/gluecksbringer/dessau-rosslau/bert-verborgen/"
    assert client.get("/api/v2/pages/find/", {"html_path": path}).status_code == 404
    rest(client, f"pages/{visible.pk}/")  # the visible one answers


@pytest.mark.django_db
@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_rest_images_and_blocks_show_no_hidden_portrait(client, tree, visible_and_hidden, state):
    from tests.factories import ProgrammePageFactory

    visible, hidden = visible_and_hidden
    make_hidden(hidden, state)
    titles = {image["title"] for image in rest(client, "images/", limit=100)["items"]}
    assert titles == {"Foto Anna"}
    rest(client, f"images/{hidden.photo_id}/", status=404)
    body = [
        {"type": "link", "value": {"link_text": "Bert", "page": hidden.pk, "url": ""}},
        {"type": "link", "value": {"link_text": "Anna", "page": visible.pk, "url": ""}},
        {"type": "image", "value": {"image": hidden.photo_id, "caption": "Bert"}},
    ]
    programme = publish(ProgrammePageFactory(parent=tree.home, slug="ehrenamtskarte", body=body))
    blocks = rest(client, f"pages/{programme.pk}/")["body"]
    links = {b["value"]["link_text"]: b["value"]["page"] for b in blocks if b["type"] == "link"}
    assert links == {"Bert": None, "Anna": visible.pk}
    [image_block] = [b for b in blocks if b["type"] == "image"]
    # A withdrawn portrait's photo is gone everywhere; any other image may be shown where used.
    assert (image_block["value"]["image"] is None) == (state == "consent_withdrawn")


@pytest.mark.django_db
def test_rest_snippets_drafts_and_draft_relations_are_not_shown(client, tree):
    from tests.factories import ContactPersonFactory, EngagementAreaFactory, OrganisationFactory

    EngagementAreaFactory(name="Klimaschutz", slug="klimaschutz")
    EngagementAreaFactory(name="Geheimbereich", slug="geheim", live=False)
    OrganisationFactory(name="Entwurf", live=False)
    tree.dessau.contact = ContactPersonFactory(name="Entwurf Kontakt", live=False)
    tree.dessau.save()
    areas = rest(client, "engagement-areas/")["items"]
    assert [area["meta"]["type"] for area in areas] == ["snippets.EngagementArea"]
    assert rest(client, "organisations/")["items"] == []
    assert rest(client, "contacts/")["items"] == []
    cities = rest(client, "partner-cities/", fields="contact")["items"]
    dessau = next(city for city in cities if city["id"] == tree.dessau.pk)
    assert dessau["contact"] is None
    section = rest(client, f"pages/{tree.sections['dessau-rosslau'].pk}/")
    assert section["town"]["slug"] == "dessau-rosslau"
