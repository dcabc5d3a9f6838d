"""The public contract (docs/api.md) of the portraits: the list with every contract field, its
filters (also with `fallback` in another language), orders and pages, and one portrait, against
the seeded demo content through the real /graphql/ URL. The `nominate` mutation has its own
tests. The demo is seeded once (see tests/helpers/contract.py)."""

import pytest

from pages.models import PortraitPage
from tests.demo_expectations import TOWNS as TOWNS_BY_SLUG
from tests.helpers.contract import TOWNS, error_codes
from tests.helpers.contract import api as api

IMAGE_FIELDS = """id url alt credit width height focalPoint { x y width height }
    rendition(fill: "400x400") { url width height }
    srcSet(sizes: [400, 800], format: "webp")"""
PORTRAIT_FIELDS = f"""id slug title url urlPath name kind quote teaser
    body {{ blockType ... on QuoteBlock {{ text attribution }} }}
    town {{ name slug }} areas {{ name slug }}
    photo {{ {IMAGE_FIELDS} }}
    firstPublishedAt lastPublishedAt"""


# portraits ---------------------------------------------------------------------------------


def test_portraits_first_page_with_every_contract_field(api):
    data = api.data(
        "{ portraits { items { %s } pagination { total count perPage currentPage "
        "prevPage nextPage totalPages } } }" % PORTRAIT_FIELDS
    )["portraits"]
    assert data["pagination"] == {
        "total": 12,
        "count": 12,
        "perPage": 12,
        "currentPage": 1,
        "prevPage": None,
        "nextPage": None,
        "totalPages": 1,
    }
    items = data["items"]
    assert {item["town"]["name"] for item in items} == TOWNS
    published = [item["firstPublishedAt"] for item in items]
    assert published == sorted(published, reverse=True)  # default: newest first
    anna = next(item for item in items if item["slug"] == "beispiel-anna-beispiel")
    assert anna["name"] == anna["title"] == "Anna Beispiel"
    assert anna["kind"] == "person"
    assert anna["quote"] == "weil ich beim Deutschlernen Türen öffne."
    assert anna["teaser"].startswith("Begleitet seit drei Jahren")
    assert anna["url"] == "/gluecksbringer/dessau-rosslau/beispiel-anna-beispiel/"
    assert anna["urlPath"].endswith("/gluecksbringer/dessau-rosslau/beispiel-anna-beispiel/")
    assert anna["town"] == {"name": "Dessau-Roßlau", "slug": "dessau-rosslau"}
    assert anna["areas"] == [{"name": "Integrationsarbeit", "slug": "integrationsarbeit"}]
    quote = next(block for block in anna["body"] if block["blockType"] == "QuoteBlock")
    assert quote["text"] == "Ich bin ein Glücksbringer, weil ich beim Deutschlernen Türen öffne."
    assert anna["lastPublishedAt"]
    photo = anna["photo"]
    assert photo["alt"].startswith("Platzhalterbild") and photo["credit"]
    assert (photo["width"], photo["height"]) == (800, 800)
    assert photo["focalPoint"] == {"x": 400, "y": 400, "width": 400, "height": 400}
    assert photo["rendition"]["width"] == photo["rendition"]["height"] == 400
    assert photo["rendition"]["url"].endswith(".png")
    assert photo["srcSet"].count(".webp") == 2


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ('town: "dessau-rosslau"', 3),
        ('town: "lutherstadt-wittenberg"', 3),
        ('area: "klimaschutz"', 2),
        ('kind: "initiative"', 4),
        ('kind: "person"', 8),
        ('town: "bitterfeld-wolfen", kind: "initiative"', 1),
        ('searchQuery: "Repair"', 1),
    ],
)
def test_portraits_filters(api, arguments, expected):
    query = "{ portraits(%s) { items { slug kind town { slug } areas { slug } } "
    query += "pagination { total } } }"
    data = api.data(query % arguments)["portraits"]
    assert data["pagination"]["total"] == len(data["items"]) == expected
    for item in data["items"]:
        if "town:" in arguments:
            assert item["town"]["slug"] in arguments
        if "kind:" in arguments:
            assert item["kind"] in arguments
        if "area:" in arguments:
            assert "klimaschutz" in {area["slug"] for area in item["areas"]}


# The filters of a list in another language with `fallback`: the German stand-ins belong to the
# German town or area whose translation the filter names, and are filtered as their
# translations are (the demo translates two of Dessau-Roßlau's portraits, see demo/translations.py).
FALLBACK_FILTERS = [
    {"town": "graefenhainichen"},
    {"town": "dessau-rosslau"},
    {"area": "klimaschutz"},
    {"area": "seniorenarbeit"},
    {"town": "dessau-rosslau", "area": "seniorenarbeit"},
    {"town": "graefenhainichen", "area": "kultur"},
]
TRANSLATED_IN_THE_DEMO = {"beispiel-anna-beispiel", "beispiel-bernd-muster"}
FALLBACK_LIST = """query($locale: String, $town: String, $area: String) {
  portraits(locale: $locale, fallback: true, town: $town, area: $area, perPage: PER_PAGE) {
    items { slug locale town { slug locale } areas { slug locale } }
    pagination { total count totalPages }
  }
}"""


@pytest.mark.parametrize("code", ["en", "de-x-ls"])
@pytest.mark.parametrize("filters", FALLBACK_FILTERS, ids=lambda f: "+".join(f.values()))
def test_a_fallback_list_filters_its_german_stand_ins_too(api, code, filters):
    """The German list with the same filters says which portraits belong in it; with
    `fallback`, each is there once, in the requested language where translated, else in
    German, and `pagination.total` counts them all (also when the page holds fewer)."""
    every, one = FALLBACK_LIST.replace("PER_PAGE", "50"), FALLBACK_LIST.replace("PER_PAGE", "1")
    german = api.data(every, filters)["portraits"]
    expected = {item["slug"] for item in german["items"]}
    assert expected, filters  # the demo has portraits for every combination tested

    both = api.data(every, {**filters, "locale": code})["portraits"]
    items = both["items"]
    assert sorted(item["slug"] for item in items) == sorted(expected)
    assert both["pagination"]["total"] == len(expected)
    for item in items:
        language = code if item["slug"] in TRANSLATED_IN_THE_DEMO else "de"
        assert item["locale"] == item["town"]["locale"] == language, item
        assert {area["locale"] for area in item["areas"]} == {language}
        if "town" in filters:
            assert item["town"]["slug"] == filters["town"]
        if "area" in filters:
            assert filters["area"] in {area["slug"] for area in item["areas"]}

    first = api.data(one, {**filters, "locale": code})["portraits"]
    assert first["pagination"] == {
        "total": len(expected),
        "count": 1,
        "totalPages": len(expected),
    }


@pytest.mark.parametrize("code", ["en", "de-x-ls"])
def test_without_fallback_a_filter_keeps_to_the_translations(api, code):
    data = api.data(
        FALLBACK_LIST.replace("fallback: true", "fallback: false").replace("PER_PAGE", "50"),
        {"locale": code, "town": "dessau-rosslau"},
    )["portraits"]
    assert {item["slug"] for item in data["items"]} == TRANSLATED_IN_THE_DEMO
    assert {item["locale"] for item in data["items"]} == {code}
    assert data["pagination"]["total"] == 2


@pytest.mark.parametrize(
    ("arguments", "argument", "expected"),
    [
        (
            'town: "wittenberg"',
            "town",
            "Unbekannte Partnerstadt. Erlaubt: " + ", ".join(sorted(TOWNS_BY_SLUG)) + ".",
        ),
        ('area: "klima"', "area", "Unbekannter Engagementbereich. Erlaubt: "),
    ],
)
def test_an_unknown_town_or_area_is_an_error_that_lists_the_valid_slugs(
    api, arguments, argument, expected
):
    """A typo in a slug must not look like "no portraits"."""
    errors = api.errors("{ portraits(%s) { items { slug } } }" % arguments)
    assert error_codes(errors) == {"BAD_USER_INPUT"}
    assert errors[0]["extensions"]["argument"] == argument
    assert errors[0]["message"].startswith(expected), errors
    if argument == "area":
        assert "klimaschutz" in errors[0]["message"]


def test_portraits_search_finds_the_repair_cafe(api):
    data = api.data('{ portraits(searchQuery: "Repair") { items { name } } }')
    assert [item["name"] for item in data["portraits"]["items"]] == [
        "Repair-Café Muldeufer (Beispiel)"
    ]


@pytest.mark.parametrize("order", ["title", "-title", "first_published_at", "-first_published_at"])
def test_portraits_orders(api, order):
    items = api.data('{ portraits(order: "%s") { items { title firstPublishedAt } } }' % order)[
        "portraits"
    ]["items"]
    key = "title" if order.endswith("title") else "firstPublishedAt"
    values = [item[key] for item in items]
    assert len(values) == 12
    assert values == sorted(values, reverse=order.startswith("-"))


def test_portraits_pagination(api):
    data = api.data(
        '{ portraits(page: 2, perPage: 5, order: "title") { items { title } '
        "pagination { total count perPage currentPage prevPage nextPage totalPages } } }"
    )["portraits"]
    assert data["pagination"] == {
        "total": 12,
        "count": 5,
        "perPage": 5,
        "currentPage": 2,
        "prevPage": 1,
        "nextPage": 3,
        "totalPages": 3,
    }
    german = PortraitPage.objects.live().filter(locale__language_code="de")
    titles = sorted(german.values_list("title", flat=True))
    assert [item["title"] for item in data["items"]] == titles[5:10]


def test_portraits_per_page_over_100_is_an_error(api):
    errors = api.errors("{ portraits(perPage: 101) { items { slug } } }")
    assert error_codes(errors) == {"BAD_USER_INPUT"}
    assert api.data("{ portraits(perPage: 100) { items { slug } } }")["portraits"]["items"]


def test_portraits_unknown_order_is_an_error(api):
    errors = api.errors('{ portraits(order: "consent_given_at") { items { slug } } }')
    assert error_codes(errors) == {"BAD_USER_INPUT"}


# portrait ----------------------------------------------------------------------------------


def test_portrait_by_slug_id_and_url_path(api):
    by_slug = api.data(
        '{ portrait(slug: "beispiel-repair-cafe-muldeufer") { %s } }' % PORTRAIT_FIELDS
    )["portrait"]
    assert by_slug["name"] == "Repair-Café Muldeufer (Beispiel)"
    assert by_slug["kind"] == "initiative"
    assert {area["slug"] for area in by_slug["areas"]} == {"klimaschutz", "nachbarschaft"}
    assert by_slug["photo"]["rendition"]["url"]

    by_id = api.data('{ portrait(id: "%s") { slug } }' % by_slug["id"])["portrait"]
    assert by_id == {"slug": "beispiel-repair-cafe-muldeufer"}
    by_path = api.data(
        '{ portrait(urlPath: "/gluecksbringer/dessau-rosslau/beispiel-repair-cafe-muldeufer/") '
        "{ slug } }"
    )["portrait"]
    assert by_path == {"slug": "beispiel-repair-cafe-muldeufer"}
    assert api.data('{ portrait(slug: "gibt-es-nicht") { slug } }')["portrait"] is None


@pytest.mark.parametrize(
    "public_site", ["http://localhost:3000", "https://www.example.de/engagierte-stadt", ""]
)
def test_a_page_has_its_full_address_on_the_public_site(api, settings, public_site):
    """`url` is the path on the public site (unchanged), `fullUrl` the address there:
    PUBLIC_SITE_URL + url, also for each translation; null without PUBLIC_SITE_URL."""
    settings.PUBLIC_SITE_URL = public_site
    query = """{ portrait(slug: "beispiel-anna-beispiel") { url fullUrl
        translations { locale url fullUrl } }
      campaign(locale: "en") { url fullUrl } }"""
    data = api.data(query)
    portrait = data["portrait"]
    assert portrait["url"] == "/gluecksbringer/dessau-rosslau/beispiel-anna-beispiel/"
    for page in (portrait, *portrait["translations"], data["campaign"]):
        assert page["url"].startswith("/")
        assert page["fullUrl"] == (public_site + page["url"] if public_site else None)
    assert {t["url"] for t in portrait["translations"]} == {
        "/en/gluecksbringer/dessau-rosslau/beispiel-anna-beispiel/",
        "/de-x-ls/gluecksbringer/dessau-rosslau/beispiel-anna-beispiel/",
    }


def test_portrait_invalid_token_shows_nothing(api):
    payload = api.post('{ portrait(token: "kein-gueltiges-token") { slug } }').json()
    assert (payload.get("data") or {}).get("portrait") is None


# programmes, campaign ----------------------------------------------------------------------
