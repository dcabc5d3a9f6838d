"""The public contract (docs/api.md) of grapple's generic fields: page, pages, search, images and
their srcset, documents, site, and GET requests, against the seeded demo content through the
real /graphql/ URL. The demo is seeded once (see tests/helpers/contract.py)."""

import pytest

from tests.demo_expectations import PROGRAMMES
from tests.helpers.contract import TOWNS, error_codes
from tests.helpers.contract import api as api

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
