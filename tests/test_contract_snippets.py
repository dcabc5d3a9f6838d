"""The public contract (docs/api.md) of the snippets: partner cities (in each language),
organisations, contacts and engagement areas, against the seeded demo content through the real
/graphql/ URL. The demo is seeded once (see tests/helpers/contract.py)."""

import pytest

from tests.demo_expectations import GRAEFENHAINICHEN
from tests.helpers.contract import CONTACT_FIELDS, COORDINATOR_EMAIL, TOWNS, error_codes
from tests.helpers.contract import api as api

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
