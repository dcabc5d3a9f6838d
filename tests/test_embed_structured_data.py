"""schema.org JSON-LD in the embed's iframe page (issue 24): the portraits shown on that page,
a Person only while the portrait is public there, an initiative as an Organization; nothing
when the page shows no portrait. The custom element's markup (element.js) is checked in
tests/test_embed_browser.py."""

import json
import re
from urllib.parse import urlencode

import pytest

from pages.models import PortraitPage
from tests.factories import PortraitPageFactory, publish

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def shown(tree):
    section = tree.dessau_section
    anna = publish(PortraitPageFactory(parent=section, name="Anna Nachbarin", slug="anna"))
    club = publish(
        PortraitPageFactory(
            parent=section,
            name="Tafel </script><b>Roßlau</b>",
            slug="tafel",
            kind=PortraitPage.Kind.INITIATIVE,
        )
    )
    PortraitPageFactory(parent=section, name="Dora Entwurf", slug="dora")  # a draft
    return anna, club


def structured_data(client, **params):
    response = client.get(f"/embed/portraits/?{urlencode(params)}")
    assert response.status_code == 200
    found = LD.findall(response.content.decode())
    assert len(found) <= 1
    return json.loads(found[0]) if found else None


def things(data):
    return [entry["item"] for entry in data["itemListElement"]]


def test_the_iframe_page_marks_up_the_portraits_it_shows(client, shown):
    data = structured_data(client, town="dessau-rosslau")
    assert data["@context"] == "https://schema.org" and data["@type"] == "ItemList"
    assert data["numberOfItems"] == 2
    by_name = {thing["name"]: thing for thing in things(data)}
    assert set(by_name) == {"Anna Nachbarin", "Tafel </script><b>Roßlau</b>"}
    anna = by_name["Anna Nachbarin"]
    assert anna["@type"] == "Person"
    assert anna["url"].endswith("/anna/")
    assert anna["homeLocation"] == {"@type": "City", "name": "Dessau-Roßlau"}
    assert set(anna) == {"@type", "name", "url", "homeLocation"}  # no photo, no quote
    assert by_name["Tafel </script><b>Roßlau</b>"]["@type"] == "Organization"


def test_a_name_cannot_close_the_script_element(client, shown):
    html = client.get("/embed/portraits/?town=dessau-rosslau").content.decode()
    script = LD.search(html).group(1)
    assert "</script>" not in script and "<b>" not in script
    assert "\\u003c/script\\u003e" in script


def test_a_withdrawn_portrait_loses_its_person_markup_on_the_next_load(client, shown, people):
    anna, _club = shown
    assert structured_data(client, slug="anna") is not None
    anna.withdraw_consent(by=people["coordinator"])
    assert structured_data(client, slug="anna") is None
    data = structured_data(client, town="dessau-rosslau")
    assert [thing["@type"] for thing in things(data)] == ["Organization"]


def test_no_markup_where_no_portrait_is_shown(client, tree):
    assert structured_data(client, town="dessau-rosslau") is None
