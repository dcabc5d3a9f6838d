"""The embed's admin (issue 22): the configurator (Einbetten) and the per-town settings, for
Koordination only."""

import pytest

from embed.models import TownEmbed
from tests.factories import PortraitPageFactory, publish


def test_only_koordination_may_configure(client, people):
    client.force_login(people["editor"])
    assert "/admin/einbetten/" not in client.get("/admin/").content.decode()  # not in the menu
    assert client.get("/admin/einbetten/").status_code in (302, 403)
    assert client.get("/admin/einbettungen/").status_code in (302, 403)
    client.force_login(people["coordinator"])
    assert client.get("/admin/einbetten/").status_code == 200
    assert "/admin/einbetten/" in client.get("/admin/").content.decode()  # in the menu


def test_the_configurator_makes_the_three_snippets(client, people, tree):
    publish(PortraitPageFactory(parent=tree.dessau_section, slug="anna"))
    client.force_login(people["coordinator"])
    choices = {
        "variant": "portraits",
        "town": "dessau-rosslau",
        "area": "",
        "slug": "",
        "limit": "3",
        "lang": "en",
        "accent": "#aa0000",
    }
    made = client.get("/admin/einbetten/", choices).context["made"]
    assert made["element"].startswith(
        '<engagierte-stadt-portraits lang="en" accent="#aa0000" town="dessau-rosslau" limit="3">'
    )
    assert made["script"].endswith(
        '<script type="module" src="http://testserver/embed/v1.js"></script>'
    )
    url = "http://testserver/embed/portraits/?town=dessau-rosslau&limit=3&lang=en&accent=%23aa0000"
    assert made["url"] == url
    assert made["iframe"].startswith(f'<iframe src="{url.replace("&", "&amp;")}"')
    assert client.get(url).status_code == 200  # the address it gives works
    programmes = client.get("/admin/einbetten/", {**choices, "variant": "programmes"})
    assert programmes.context["made"]["iframe"] is None
    missing = client.get("/admin/einbetten/", {**choices, "variant": "portrait"})
    assert "Bitte das Kürzel des Porträts angeben." in missing.content.decode()


def test_allowed_origins_are_edited_per_town_with_german_errors(client, people, tree):
    client.force_login(people["coordinator"])
    form = {"town": tree.dessau.pk, "enabled": "on", "allowed_origins": "www.ohne-schema.de"}
    refused = client.post("/admin/einbettungen/new/", form)
    assert "Keine Website-Adresse" in refused.content.decode()
    form["allowed_origins"] = "https://www.graefenhainichen.de"
    assert client.post("/admin/einbettungen/new/", form).status_code == 302
    assert TownEmbed.objects.get().origins() == ["https://www.graefenhainichen.de"]


@pytest.mark.parametrize("accent", ["red", "#12345", "#12345g"])
def test_a_bad_colour_is_a_german_error(client, db, accent):
    answer = client.get("/embed/portraits/", {"accent": accent})
    assert answer.status_code == 400
    assert "accent muss eine Farbe wie #0a5a8c sein." in answer.content.decode()
