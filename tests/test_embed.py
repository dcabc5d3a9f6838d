"""The drop-in embed (issue 22), over HTTP through Django's test client: the element's script,
the API answering it (persisted queries, CORS from a town's allowed origins), the iframe page
and oEmbed. The browser side is in tests/test_embed_browser.py."""

import gzip
import hashlib
import json
import re
from urllib.parse import urlencode

import pytest
from django.test import Client, TestCase
from django.urls import reverse

from embed.models import TownEmbed
from embed.queries import QUERIES
from tests.factories import PartnerCityFactory, PortraitPageFactory, TownSectionPageFactory, publish

PARTNER = "https://www.graefenhainichen.de"


@pytest.fixture
def portraits(tree):
    section = tree.dessau_section
    anna = publish(PortraitPageFactory(parent=section, name="Anna Nachbarin", slug="anna"))
    bernd = publish(PortraitPageFactory(parent=section, name="Bernd Helfer", slug="bernd"))
    PortraitPageFactory(parent=section, name="Dora Entwurf", slug="dora")  # a draft
    return anna, bernd


@pytest.fixture
def draft_town(tree):
    town = PartnerCityFactory(name="Gräfenhainichen", slug="graefenhainichen", live=False)
    section = publish(TownSectionPageFactory(parent=tree.campaign, town=town))
    publish(PortraitPageFactory(parent=section, name="Greta Geheim", slug="greta"))
    return town


def persisted_get(client, name, variables, with_text=False, **headers):
    params = {
        "variables": json.dumps(variables),
        "extensions": json.dumps(
            {
                "persistedQuery": {
                    "version": 1,
                    "sha256Hash": hashlib.sha256(QUERIES[name].encode()).hexdigest(),
                }
            }
        ),
    }
    if with_text:
        params["query"] = QUERIES[name]
    return client.get("/graphql/", params, HTTP_ACCEPT="application/json", **headers)


def test_the_script_is_a_module_any_site_may_load_under_12_kb_gzipped(client, db):
    response = client.get("/embed/v1.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Access-Control-Allow-Origin"] == "*"  # module scripts load with CORS
    assert "Set-Cookie" not in response
    body = response.content
    assert len(gzip.compress(body, 9)) < 12 * 1024, len(gzip.compress(body, 9))
    assert b"EMBED_CONFIG" not in body
    # The queries and hashes it sends are the server's, so a persisted GET finds them.
    config = json.loads(re.search(rb"const CONFIG = (\{.*?\});\n", body, re.S).group(1))
    for name, text in QUERIES.items():
        assert config["queries"][name] == {
            "hash": hashlib.sha256(text.encode()).hexdigest(),
            "text": text,
        }
    for forbidden in (b"localStorage", b"sessionStorage", b"document.cookie", b"innerHTML"):
        assert forbidden not in body


@pytest.mark.parametrize(
    ("name", "variables"),
    [
        ("portraits", {"town": "dessau-rosslau", "perPage": 24, "page": 1, "locale": "de"}),
        ("portrait", {"slug": "anna", "locale": "de"}),
        ("programmes", {"locale": "en"}),
        ("towns", {"locale": "de-x-ls"}),
    ],
)
def test_each_query_runs_as_a_persisted_get(client, portraits, name, variables):
    first = persisted_get(client, name, variables).json()
    assert first["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    registered = persisted_get(client, name, variables, with_text=True)
    assert registered.status_code == 200 and "errors" not in registered.json(), registered.json()
    again = persisted_get(client, name, variables)
    assert again.json() == registered.json()
    assert "Set-Cookie" not in again


def test_the_api_answers_the_origins_a_switched_on_town_allows(client, portraits, tree):
    def allowed(origin):
        response = persisted_get(client, "portraits", {}, with_text=True, HTTP_ORIGIN=origin)
        return response.get("Access-Control-Allow-Origin") == origin

    assert not allowed(PARTNER)
    embed = TownEmbed.objects.create(town=tree.dessau, allowed_origins=f"{PARTNER}/\n")
    assert allowed(PARTNER)
    assert not allowed("https://evil.example")
    embed.enabled = False
    embed.save()
    assert not allowed(PARTNER)


def test_allowed_origins_are_checked_in_german(tree):
    embed = TownEmbed(town=tree.dessau, allowed_origins="https://ok.de\nhttps://x.de/pfad\nquatsch")
    with pytest.raises(Exception) as caught:
        embed.full_clean()
    assert "Keine Website-Adresse" in str(caught.value)
    assert "https://x.de/pfad, quatsch" in str(caught.value)


def frame(client, **params):
    return client.get(f"/embed/portraits/?{urlencode(params)}")


def test_the_iframe_page_lists_visible_portraits_and_may_be_framed(client, portraits):
    response = frame(client, town="dessau-rosslau", limit=1)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bernd Helfer" in html and "Anna Nachbarin" not in html  # newest first, one a page
    assert 'href="?town=dessau-rosslau&amp;limit=1&amp;lang=de&amp;page=2"' in html
    assert '<html lang="de">' in html
    assert "X-Frame-Options" not in response
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors *" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "Set-Cookie" not in response
    assert 'type="application/json+oembed"' in html
    second = frame(client, town="dessau-rosslau", limit=1, page=2).content.decode()
    assert "Anna Nachbarin" in second and "Dora" not in second


def test_a_portrait_withdrawn_in_the_admin_is_gone_from_iframe_and_oembed_on_the_next_load(
    client, portraits, people
):
    anna, _ = portraits
    assert "Anna Nachbarin" in frame(client, town="dessau-rosslau").content.decode()
    assert oembed(client, slug="anna").status_code == 200
    coordination = Client()  # the admin's "Einwilligung widerrufen", confirmed
    coordination.force_login(people["coordinator"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = coordination.post(reverse("editorial_withdraw_consent", args=(anna.pk,)))
    assert response.status_code == 302
    assert "Anna Nachbarin" not in frame(client, town="dessau-rosslau").content.decode()
    assert "nicht (mehr) sichtbar" in frame(client, slug="anna").content.decode()
    assert oembed(client, slug="anna").status_code == 404


def test_a_draft_towns_embed_shows_nothing_and_says_so_in_german(client, draft_town):
    response = frame(client, town="graefenhainichen")
    html = response.content.decode()
    assert "Greta" not in html
    assert "Diese Partnerstadt ist nicht veröffentlicht" in html
    assert oembed(client, town="graefenhainichen").status_code == 404


def test_bad_parameters_are_german_errors(client, db):
    assert frame(client, limit=0).status_code == 400
    assert "limit muss eine Zahl von 1 bis 24 sein." in frame(client, limit=99).content.decode()
    assert "lang muss einer dieser Werte sein" in frame(client, lang="fr").content.decode()


def oembed(client, fmt="json", **params):
    url = f"http://testserver/embed/portraits/?{urlencode(params)}"
    return client.get("/oembed", {"url": url, "format": fmt})


def test_oembed_answers_a_rich_iframe_without_names_or_photos(client, portraits):
    response = oembed(client, town="dessau-rosslau", limit=3)
    assert response.status_code == 200
    answer = response.json()
    assert answer["version"] == "1.0" and answer["type"] == "rich"
    assert answer["cache_age"] == 3600 and answer["width"] and answer["height"]
    assert re.fullmatch(r'<iframe src="[^"]+" title="[^"]+"[^>]*></iframe>', answer["html"])
    assert "http://testserver/embed/portraits/?town=dessau-rosslau&amp;limit=3" in answer["html"]
    for name in ("Anna", "Bernd", "/media/"):
        assert name not in json.dumps(answer)
    single = oembed(client, slug="anna").json()
    assert "Anna" not in json.dumps(single)


def test_oembed_refuses_other_formats_and_addresses(client, portraits):
    assert oembed(client, fmt="xml", town="dessau-rosslau").status_code == 501
    other = client.get("/oembed", {"url": "https://elsewhere.example/embed/portraits/"})
    assert other.status_code == 404
    assert oembed(client, town="dessau-rosslau").status_code == 200
    TownEmbed.objects.create(town=portraits[0].town, enabled=False)
    assert oembed(client, town="dessau-rosslau").status_code == 404
    assert "ausgeschaltet" in frame(client, town="dessau-rosslau").content.decode()


def test_the_link_redirect_leads_only_to_the_public_site(client, db):
    page = "http://localhost:3000/gluecksbringer/dessau-rosslau/anna/"
    answer = client.get("/embed/link/", {"to": page})
    assert answer.status_code == 302 and answer["Location"] == page
    for elsewhere in ("https://evil.example/", "http://localhost:3000.evil.example/x", ""):
        assert client.get("/embed/link/", {"to": elsewhere}).status_code == 404


def test_loading_the_script_makes_the_first_persisted_get_answer_at_once(client, portraits):
    variables = {"town": "dessau-rosslau", "perPage": 6, "page": 1, "locale": "de"}
    assert "errors" in persisted_get(client, "portraits", variables).json()  # not known yet
    client.get("/embed/v1.js")
    answer = persisted_get(client, "portraits", variables).json()
    assert "errors" not in answer and len(answer["data"]["portraits"]["items"]) == 2
