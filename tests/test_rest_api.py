"""Wagtail's REST API v2 at /api/v2/ (cms/rest/) against the seeded demo: what it answers, its
filters, limits and errors. The visibility cases (draft, private, expired, withdrawn, …) are in
tests/test_visibility.py and tests/test_visibility_rest.py, for GraphQL and REST alike."""

import pytest

from cms.rate_limit import reset_rate_limits
from tests.demo_expectations import TOWNS


@pytest.fixture
def rest(demo, db, client):
    def get(path, status=200, **params):
        response = client.get(f"/api/v2/{path}", params, HTTP_ACCEPT="application/json")
        assert response.status_code == status, response.content[:500]
        return response.json()

    return get


def test_portraits_of_one_town_with_their_fields(rest):
    data = rest(
        "pages/",
        type="pages.PortraitPage",
        town="dessau-rosslau",
        fields="name,kind,quote,teaser,town,areas,photo",
    )
    assert data["meta"]["total_count"] == 3
    for item in data["items"]:
        assert item["town"]["slug"] == "dessau-rosslau"
        assert item["meta"]["type"] == "pages.PortraitPage"
        assert item["quote"] and item["kind"] in ("person", "initiative")
        assert {"id", "name", "slug"} == set(item["areas"][0])
        assert item["photo"]["url"].startswith("http") and item["photo"]["alt"]
    anna = next(i for i in data["items"] if i["meta"]["slug"] == "beispiel-anna-beispiel")
    assert anna["name"] == "Anna Beispiel"


def test_the_filters_are_graphqls(rest):
    def total(**params):
        return rest("pages/", type="pages.PortraitPage", **params)["meta"]["total_count"]

    assert total() == 12
    assert total(area="klimaschutz") == 2
    assert total(kind="initiative") == 4
    assert total(town="bitterfeld-wolfen", kind="initiative") == 1
    assert total(search="Repair") == 1


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"town": "wittenberg"}, "Unbekannte Partnerstadt. Erlaubt: "),
        ({"area": "klima"}, "Unbekannter Engagementbereich. Erlaubt: "),
        ({"kind": "verein"}, "kind ist „person“ oder „initiative“."),
    ],
)
def test_a_wrong_filter_is_a_400_that_lists_what_is_allowed(rest, params, message):
    data = rest("pages/", status=400, type="pages.PortraitPage", **params)
    assert data["message"].startswith(message)
    if "town" in params:
        assert all(slug in data["message"] for slug in TOWNS)


@pytest.mark.parametrize("code", ["en", "de-x-ls"])
@pytest.mark.parametrize(
    "filters",
    [
        {"town": "graefenhainichen"},
        {"area": "klimaschutz"},
        {"town": "dessau-rosslau", "area": "seniorenarbeit"},
    ],
    ids=lambda f: "+".join(f.values()),
)
def test_a_fallback_listing_filters_its_german_stand_ins_too(rest, code, filters):
    """As in GraphQL (tests/test_contract_portraits.py): the German stand-ins of a fallback
    listing are filtered by the German town or area whose translation the filter names."""
    params = {"type": "pages.PortraitPage", "fields": "town,areas", **filters}
    german = rest("pages/", **params, limit=100)
    expected = {item["meta"]["slug"] for item in german["items"]}
    assert expected
    both = rest("pages/", **params, locale=code, fallback="true", limit=100)
    assert {item["meta"]["slug"] for item in both["items"]} == expected
    assert both["meta"]["total_count"] == len(expected)
    translated = {"beispiel-anna-beispiel", "beispiel-bernd-muster"}
    for item in both["items"]:
        language = code if item["meta"]["slug"] in translated else "de"
        assert item["meta"]["locale"] == language, item
    first = rest("pages/", **params, locale=code, fallback="true", limit=1)
    assert first["meta"]["total_count"] == len(expected) and len(first["items"]) == 1


@pytest.mark.parametrize("public_site", ["http://localhost:3000", "https://www.example.de/es", ""])
def test_html_url_is_the_address_on_the_public_site(rest, settings, public_site):
    settings.PUBLIC_SITE_URL = public_site
    data = rest("pages/", type="pages.PortraitPage", town="dessau-rosslau", fields="html_url")
    for item in data["items"]:
        path = f"/gluecksbringer/dessau-rosslau/{item['meta']['slug']}/"
        assert item["meta"]["html_url"] == (public_site + path if public_site else None)
    detail = rest(f"pages/{data['items'][0]['id']}/")
    assert detail["meta"]["html_url"] == data["items"][0]["meta"]["html_url"]


def test_town_filter_needs_the_portrait_type(rest):
    data = rest("pages/", status=400, town="dessau-rosslau")
    assert "type=pages.PortraitPage" in data["message"]


def test_page_size_over_the_limit_is_an_error(rest):
    assert rest("pages/", limit=100)["items"]
    assert "limit" in rest("pages/", status=400, limit=101)["message"]


def test_programme_detail_with_funders_contact_and_html_rich_text(rest):
    listing = rest("pages/", type="pages.ProgrammePage", slug="ehrenamtskarte")
    page_id = listing["items"][0]["id"]
    data = rest(f"pages/{page_id}/")
    assert data["title"] == "Ehrenamtskarte"
    assert data["contact"]["email"] == "engagiertestadt@dessau-rosslau.de"
    assert data["meta"]["parent"]["title"] == "Engagierte Stadt"
    assert rest(f"pages/{page_id}/", status=400, rich_text_format="db_html")["message"] == (
        "rich_text_format: nur html."
    )


def test_snippet_endpoints_list_live_snippets(rest):
    cities = rest("partner-cities/", fields="name,slug,is_coordinating,contact")["items"]
    assert {city["slug"] for city in cities} == set(TOWNS)
    dessau = next(city for city in cities if city["slug"] == "dessau-rosslau")
    assert dessau["is_coordinating"] is True
    assert dessau["contact"]["name"] == "Kathrin Hinze"
    organisations = rest("organisations/", fields="name,role,role_key,logo")["items"]
    bosch = next(o for o in organisations if o["name"] == "Robert Bosch Stiftung")
    assert (bosch["role"], bosch["role_key"]) == ("Förderer", "foerderer")
    assert rest("contacts/")["meta"]["total_count"] >= 1
    assert len(rest("engagement-areas/")["items"]) == 7


def test_images_and_no_documents(rest, client):
    assert rest("images/")["meta"]["total_count"] >= 1
    assert client.get("/api/v2/documents/").status_code == 404


def test_rest_shares_graphqls_rate_limit(rest, settings, graphql):
    reset_rate_limits()
    settings.GRAPHQL_RATE_LIMIT = 3
    graphql.post("{ campaign { title } }")
    rest("engagement-areas/")
    rest("engagement-areas/")
    data = rest("engagement-areas/", status=429)
    assert data["detail"]
    assert graphql.post("{ campaign { title } }").status_code == 429


# Tests here count requests against a rate limit exactly (see `one_rate_window`).
pytestmark = pytest.mark.usefixtures("one_rate_window")
