"""Every query of the public contract (docs/api.md) against the seeded demo content, through
the real /graphql/ URL. The `nominate` mutation has its own tests.

The demo is seeded once for the module (the `demo` fixture, tests/helpers/demo_db.py); each test
runs in a savepoint inside that transaction.
"""

import pytest

from pages.models import PortraitPage
from tests.demo_expectations import GRAEFENHAINICHEN, PROGRAMMES
from tests.demo_expectations import TOWNS as TOWNS_BY_SLUG

COORDINATOR_EMAIL = "engagiertestadt@dessau-rosslau.de"
TOWNS = set(TOWNS_BY_SLUG.values())
CONTACT_FIELDS = "name role department street postcode city phone fax email"
IMAGE_FIELDS = """id url alt credit width height focalPoint { x y width height }
    rendition(fill: "400x400") { url width height }
    srcSet(sizes: [400, 800], format: "webp")"""
PORTRAIT_FIELDS = f"""id slug title url urlPath name kind quote teaser
    body {{ blockType ... on QuoteBlock {{ text attribution }} }}
    town {{ name slug }} areas {{ name slug }}
    photo {{ {IMAGE_FIELDS} }}
    firstPublishedAt lastPublishedAt"""


@pytest.fixture
def api(demo, db, graphql):
    return graphql


def error_codes(errors):
    return {error.get("extensions", {}).get("code") for error in errors}


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

PROGRAMME_FIELDS = f"""id slug title url teaser externalUrl
    body {{ blockType ... on RichTextBlock {{ value }} ... on LinkBlock {{ linkText url }} }}
    funders {{ name slug role website }} contact {{ {CONTACT_FIELDS} }}"""


def test_programmes_in_tree_order_with_funders_and_contact(api):
    programmes = api.data("{ programmes { %s } }" % PROGRAMME_FIELDS)["programmes"]
    assert [page["title"] for page in programmes] == PROGRAMMES
    for page in programmes:
        assert page["teaser"] and page["body"]
        assert page["url"] == f"/{page['slug']}/"
        assert page["contact"]["email"] == COORDINATOR_EMAIL
    k2 = programmes[-1]
    assert k2["externalUrl"] == (
        "https://www.bundesakademie.de/kompetenz/projekte/k2-kulturnetzwerke-in-kommunen/"
    )
    assert k2["funders"] == [
        {
            "name": "Bundesakademie für Kulturelle Bildung Wolfenbüttel",
            "slug": "bundesakademie-wolfenbuettel",
            "role": "Träger",
            "website": "https://www.bundesakademie.de/",
        },
        {
            "name": "Bundesministerium für Bildung und Forschung (BMBF)",
            "slug": "bmbf",
            "role": "Förderer",
            "website": "https://www.bmbf.de/",
        },
    ]
    texts = " ".join(block.get("value", "") for block in k2["body"])
    assert "Kultur macht stark" in texts
    assert any(block.get("linkText") for block in k2["body"])
    vielfalt = programmes[2]
    assert [funder["name"] for funder in vielfalt["funders"]] == ["Robert Bosch Stiftung"]


def test_programme_by_slug_and_id(api):
    page = api.data('{ programme(slug: "vielfaltsgestalter") { %s } }' % PROGRAMME_FIELDS)[
        "programme"
    ]
    assert "Robert Bosch Stiftung" in page["teaser"]
    assert api.data('{ programme(id: "%s") { title } }' % page["id"])["programme"] == {
        "title": "Vielfaltsgestalter"
    }
    # A portrait is not a programme.
    assert api.data('{ programme(slug: "beispiel-anna-beispiel") { title } }')["programme"] is None


def test_campaign(api):
    campaign = api.data(
        "{ campaign { id slug title url launchDate intro nominationCall contact { %s } } }"
        % CONTACT_FIELDS
    )["campaign"]
    assert (campaign["slug"], campaign["title"]) == ("gluecksbringer", "Glücksbringer")
    assert campaign["url"] == "/gluecksbringer/"
    assert campaign["launchDate"] == "2023-06-19"
    assert "Am 19.06.2023 war Auftakt" in campaign["intro"]
    assert COORDINATOR_EMAIL in campaign["nominationCall"]
    assert campaign["contact"]["name"] == "Kathrin Hinze"


# snippets ----------------------------------------------------------------------------------


def test_partner_cities(api):
    cities = api.data(
        "{ partnerCities { name slug memberSince website isCoordinating contact { name email } } }"
    )["partnerCities"]
    assert {city["name"] for city in cities} == TOWNS
    coordinating = [city for city in cities if city["isCoordinating"]]
    assert coordinating == [
        {
            "name": "Dessau-Roßlau",
            "slug": "dessau-rosslau",
            "memberSince": "2020-07-01",
            "website": "",
            "isCoordinating": True,
            "contact": {"name": "Kathrin Hinze", "email": COORDINATOR_EMAIL},
        }
    ]


PARTNER_CITY = """query($slug: String!, $locale: String, $fallback: Boolean) {
  partnerCity(slug: $slug, locale: $locale, fallback: $fallback) {
    slug name locale website memberSince isCoordinating contact { name email }
    translations { locale slug }
  }
  partnerCities(locale: $locale, fallback: $fallback) {
    slug name locale website memberSince isCoordinating contact { name email }
    translations { locale slug }
  }
}"""


def one_city(api, slug, **arguments):
    """`partnerCity(slug:)`, checked against the `partnerCities` list of the same request
    (one visibility rule for both)."""
    data = api.data(PARTNER_CITY, {"slug": slug, **arguments})
    listed = [city for city in data["partnerCities"] if city["slug"] == slug]
    assert [data["partnerCity"]] == listed or (data["partnerCity"] is None and not listed)
    return data["partnerCity"]


@pytest.mark.parametrize("code", [None, "de", "en", "de-x-ls"])
def test_partner_city_by_slug_in_each_language(api, code):
    arguments = {"locale": code} if code else {}
    city = one_city(api, "dessau-rosslau", **arguments)
    assert city["name"] == "Dessau-Roßlau" and city["locale"] == (code or "de")
    assert city["isCoordinating"] and city["contact"]["email"] == COORDINATOR_EMAIL
    assert {t["locale"] for t in city["translations"]} == {"de", "en", "de-x-ls"} - {code or "de"}
    assert one_city(api, "graefenhainichen", **arguments)["name"] == "Gräfenhainichen"


def test_partner_city_unknown_slug_is_null(api):
    assert one_city(api, "wittenberg") is None
    assert one_city(api, "wittenberg", locale="en", fallback=True) is None
    assert api.data('{ partnerCity(slug: "") { slug } }') == {"partnerCity": None}


def test_partner_city_unknown_locale_is_an_error(api):
    errors = api.errors('{ partnerCity(slug: "dessau-rosslau", locale: "fr") { slug } }')
    assert error_codes(errors) == {"BAD_USER_INPUT"}
    assert errors[0]["extensions"]["argument"] == "locale"


def test_a_hidden_partner_city_is_null_in_every_language(api):
    from snippets.models import PartnerCity

    german = PartnerCity.objects.get(slug="graefenhainichen", locale__language_code="de")
    german.unpublish()
    assert one_city(api, "graefenhainichen") is None
    # Its translations are their own snippets, shown while they are published (as in the list).
    english = PartnerCity.objects.get(slug="graefenhainichen", locale__language_code="en")
    assert one_city(api, "graefenhainichen", locale="en")["locale"] == "en"
    english.unpublish()
    assert one_city(api, "graefenhainichen", locale="en") is None
    # A draft translation is missing: with fallback the German town stands in, if visible.
    assert one_city(api, "graefenhainichen", locale="en", fallback=True) is None
    german.save_revision().publish()
    fallback = one_city(api, "graefenhainichen", locale="en", fallback=True)
    assert fallback["locale"] == "de" and fallback["name"] == "Gräfenhainichen"
    assert one_city(api, "graefenhainichen", locale="de-x-ls")["locale"] == "de-x-ls"


def test_organisations(api):
    organisations = {
        org["slug"]: org
        for org in api.data("{ organisations { name slug role website logo { url } } }")[
            "organisations"
        ]
    }
    assert organisations["faw-ggmbh"]["name"] == "FAW gGmbH"
    assert organisations["robert-bosch-stiftung"]["role"] == "Förderer"
    assert organisations["bundesakademie-wolfenbuettel"]["role"] == "Träger"
    assert organisations["bmbf"]["website"] == "https://www.bmbf.de/"
    assert all(org["logo"] is None for org in organisations.values())


def test_contacts(api):
    contacts = api.data("{ contacts { %s } }" % CONTACT_FIELDS)["contacts"]
    assert contacts == [
        {
            "name": "Kathrin Hinze",
            "role": "Koordinatorin Engagierte Stadt/Bürgerservice",
            "department": "Stadt Dessau-Roßlau, Referat des Oberbürgermeisters",
            "street": "Zerbster Straße 4",
            "postcode": "06844",
            "city": "Dessau-Roßlau",
            "phone": "0340 204-1401",
            "fax": "0340 204-2691201",
            "email": COORDINATOR_EMAIL,
        },
        # Gräfenhainichen's (a placeholder: the town administration, no person).
        {"role": "", "department": "", "fax": "", **GRAEFENHAINICHEN["contact"]},
    ]


def test_engagement_areas(api):
    areas = api.data("{ engagementAreas { name slug description } }")["engagementAreas"]
    slugs = {area["slug"] for area in areas}
    assert {"integrationsarbeit", "klimaschutz", "jugendbeteiligung", "seniorenarbeit"} <= slugs
    klima = next(area for area in areas if area["slug"] == "klimaschutz")
    assert klima["name"] == "Klimaschutz" and klima["description"]


# grapple's generic fields ------------------------------------------------------------------


def test_generic_page_and_pages(api):
    page = api.data(
        '{ page(slug: "gluecksbringer") { title ... on CampaignPage { launchDate } '
        "children { title } } }"
    )["page"]
    assert page["launchDate"] == "2023-06-19"
    assert {child["title"] for child in page["children"]} == TOWNS

    pages = api.data('{ pages(contentType: "pages.ProgrammePage") { title } }')["pages"]
    assert [page["title"] for page in pages] == PROGRAMMES
    portraits = api.data(
        '{ pages(contentType: "pages.PortraitPage", limit: 100) { ... on PortraitPage '
        "{ name town { name } } } }"
    )["pages"]
    assert len(portraits) == 12
    all_pages = api.data("{ pages(limit: 100) { title } }")["pages"]
    assert {"Engagierte Stadt", "Glücksbringer", *PROGRAMMES, *TOWNS} <= {
        page["title"] for page in all_pages
    }


def test_generic_search(api):
    results = api.data(
        '{ search(query: "Ehrenamtskarte") { __typename ... on ProgrammePage { title } } }'
    )["search"]
    assert {"__typename": "ProgrammePage", "title": "Ehrenamtskarte"} in results


def test_images_public_and_used_with_renditions(api):
    images = api.data(
        "{ images(limit: 100) { id url alt credit width height "
        "rendition(width: 400) { url width } } }"
    )["images"]
    # 12 portrait photos (used by visible portraits) and the key visual in "Öffentlich".
    assert len(images) == 13
    assert all(image["alt"] and image["rendition"]["width"] == 400 for image in images)
    assert any(image["alt"].startswith("Schriftzug „Glücksbringer“") for image in images)
    errors = api.errors('{ images { rendition(fill: "3999x3999") { url } } }')
    assert error_codes(errors) <= {"BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"}


@pytest.mark.parametrize(
    ("sizes", "format", "expected"),
    [
        ("[400, 800, 1200]", None, ["400w", "800w"]),
        ("[400, 800, 1200, 1600]", "webp", ["400w", "800w"]),
        ("[1600, 1200, 800, 400]", "jpeg", ["800w", "400w"]),
        ("[1200]", None, ["800w"]),
    ],
)
def test_src_set_names_each_real_width_once(api, sizes, format, expected):
    """A width filter never enlarges: on an 800 px photo 1200 and 1600 are its own size, which
    the srcset already names (or names once, for the first size that comes out at 800)."""
    arguments = f"sizes: {sizes}" + (f', format: "{format}"' if format else "")
    query = "{ portraits(perPage: 2) { items { photo { width srcSet(%s) } } } }" % arguments
    for item in api.data(query)["portraits"]["items"]:
        photo = item["photo"]
        assert photo["width"] == 800
        entries = [entry.split(" ") for entry in photo["srcSet"].split(", ")]
        assert [width for _, width in entries] == expected
        assert len({url for url, _ in entries}) == len(entries)
        for url, _ in entries:
            assert url.startswith("http") and (format is None or f"format-{format}" in url)


def test_documents_never_show_consent_documents(api):
    assert api.data("{ documents { id title } }")["documents"] == []


def test_site(api):
    site = api.data(
        '{ site(hostname: "localhost") { hostname isDefaultSite '
        'page(slug: "ehrenamtskarte") { title } pages(limit: 100) { title } } }'
    )["site"]
    assert site["hostname"] == "localhost" and site["isDefaultSite"]
    assert site["page"] == {"title": "Ehrenamtskarte"}
    assert "Glücksbringer" in {page["title"] for page in site["pages"]}


def test_site_root_page(api):
    """grapple types `SiteObjectType.rootPage` as its plain `Page!`: the resolver must hand it a
    non-specific page (a specific HomePage once made the whole `site` null)."""
    site = api.data('{ site(hostname: "localhost") { rootPage { title } } }')["site"]
    assert site["rootPage"] == {"title": "Engagierte Stadt"}


def test_get_requests_work_like_post(api):
    response = api.get("{ campaign { title } }")
    assert response.status_code == 200
    assert response.json()["data"] == {"campaign": {"title": "Glücksbringer"}}
