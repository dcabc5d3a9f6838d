"""Portrait lists cost a constant number of SQL statements, whatever the page size, the page
depth or the filter, and page 1 has no DISTINCT (issue 11). Counts, not timings: the speed is
measured by `make bench` (docs/performance.md).

The demo plus 130 generated portraits (`generate_portraits`, the bulk path of the benchmark),
generated once for the module on the shared demo (`demo`); each test runs in a savepoint.
"""

import pytest
from django.db import connection
from django.db.models import Count
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from pages import visibility as page_rules
from pages.models import PortraitPage
from snippets.models import EngagementArea
from tests.helpers.portraits import generated_portraits

GENERATED = 130
FIELDS = (
    'slug title town { name slug } areas { slug } photo { alt rendition(fill: "400x400") { url } }'
)
LIST = "{ portraits(%s) { items { %s } pagination { total count currentPage totalPages } } }"
# A list request: count, the page (one statement with its deferred join), areas, renditions,
# withdrawn photos (the image policy: the marked image rows), the pages that hide what is below
# them (view restrictions, offline pages with children: one statement). A town or area filter
# adds the lookup of its slug.
LIST_QUERIES = 6
FILTER_QUERIES = LIST_QUERIES + 1


@pytest.fixture(scope="module")
def many(demo, django_db_blocker):
    """The generated portraits on the demo, in the module's savepoint (rolled back after it)."""
    with generated_portraits(GENERATED, django_db_blocker):
        yield


@pytest.fixture
def api(many, db, graphql, settings):
    """The lists as they run without their stored order (pages/list_index.py), which is how
    every first request of a content generation walks: tests/test_list_index.py covers the
    requests that read it."""
    settings.PAGE_LIST_INDEX_SECONDS = 0
    return graphql


def busiest_area():
    """The area with the most visible portraits, several of which have other areas too."""
    visible = page_rules.portraits().values("pk")
    areas = EngagementArea.objects.filter(live=True)
    return max(areas, key=lambda area: area.portraitpage_set.filter(pk__in=visible).count())


def run(api, arguments, warm=True):
    """The list's answer and the SQL it ran (after a first request that made the renditions,
    unless `warm` is false)."""
    query = LIST % (arguments, FIELDS)
    if warm:
        api.data(query)
    with CaptureQueriesContext(connection) as captured:
        data = api.data(query)["portraits"]
    return data, [entry["sql"] for entry in captured.captured_queries]


def selects(statements):
    """The SELECT statements, a compound one (PostgreSQL: `(SELECT …) UNION (SELECT …)`) too."""
    return [sql for sql in statements if sql.lstrip(" (").upper().startswith("SELECT")]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [("", LIST_QUERIES), ("town", FILTER_QUERIES), ("area", FILTER_QUERIES)],
)
def test_a_list_runs_the_same_statements_at_20_and_100_items(api, filters, expected):
    argument = {
        "": "",
        "town": 'town: "dessau-rosslau",',
        "area": f'area: "{busiest_area().slug}",',
    }[filters]
    counts = {}
    for per_page in (20, 100):
        data, statements = run(api, f"{argument} perPage: {per_page}")
        items = data["items"]
        assert len(items) == min(per_page, data["pagination"]["total"])
        assert len(items) > 20 or per_page == 20  # 100 asks for more than 20, and gets them
        assert all(item["town"] and item["areas"] for item in items)
        assert all(item["photo"]["rendition"]["url"] for item in items)
        counts[per_page] = len(selects(statements))
    assert counts == {20: expected, 100: expected}


def test_the_withdrawn_photos_are_read_from_the_image_rows_not_from_every_portrait(api):
    """The image policy's look-up reads the images marked by a withdrawal (an index of the few
    marked rows), not the consent of every portrait: it stays the same size at any number of
    portraits (issue 19, item 5)."""
    _data, statements = run(api, "perPage: 20")
    image_lookups = [sql for sql in selects(statements) if 'FROM "media_image"' in sql]
    assert image_lookups
    assert not [sql for sql in image_lookups if "pages_portraitpage" in sql]


def test_page_1_has_no_distinct(api):
    for argument in ("perPage: 20", f'area: "{busiest_area().slug}", perPage: 20'):
        _data, statements = run(api, argument)
        assert statements
        assert not [sql for sql in statements if "DISTINCT" in sql.upper()]


def test_a_deep_page_runs_the_statements_of_page_1(api):
    first, statements = run(api, "perPage: 20")
    last_page = first["pagination"]["totalPages"]
    assert last_page > 5
    last, deep_statements = run(api, f"perPage: 20, page: {last_page}")
    assert last["pagination"]["currentPage"] == last_page
    assert 0 < len(last["items"]) <= 20
    assert len(selects(deep_statements)) == len(selects(statements)) == LIST_QUERIES


@pytest.mark.parametrize("order", ["-first_published_at", "first_published_at", "title", "-title"])
def test_every_page_in_every_order_is_the_slice_of_the_visible_list(api, order):
    expected = list(page_rules.portraits().order_by(order).values_list("slug", flat=True))
    assert len(expected) > 100
    seen = []
    for page in (1, 2, 3, 4, 5, 6):
        data = api.data(
            '{ portraits(order: "%s", perPage: 25, page: %d) { items { slug } '
            "pagination { total currentPage } } }" % (order, page)
        )["portraits"]
        assert data["pagination"] == {"total": len(expected), "currentPage": page}
        seen += [item["slug"] for item in data["items"]]
    assert seen == expected


def test_the_area_filter_lists_each_portrait_once(api):
    area = busiest_area()
    expected = set(
        page_rules.portraits().filter(areas=area).values_list("slug", flat=True).distinct()
    )
    in_several = PortraitPage.objects.filter(slug__in=expected).annotate(n=Count("areas"))
    assert in_several.filter(n__gt=1).exists()  # a join over the areas would repeat these
    data = api.data(
        '{ portraits(area: "%s", perPage: 100) { items { slug } pagination { total } } }'
        % area.slug
    )["portraits"]
    slugs = [item["slug"] for item in data["items"]]
    assert data["pagination"]["total"] == len(expected)
    assert len(slugs) == len(set(slugs)) == min(100, len(expected))
    assert set(slugs) <= expected


def test_rest_lists_filter_by_area_without_repeats(api, client):
    area = busiest_area()
    expected = page_rules.portraits().filter(areas=area).values("pk").distinct().count()
    response = client.get(
        "/api/v2/pages/", {"type": "pages.PortraitPage", "area": area.slug, "limit": 100}
    )
    assert response.status_code == 200
    payload = response.json()
    ids = [item["id"] for item in payload["items"]]
    assert payload["meta"]["total_count"] == expected
    assert len(ids) == len(set(ids)) == min(100, expected)


def rest_list(client, limit, warm=True, **filters):
    """Our REST portrait list with town, areas and photo, and the SELECTs it ran (after a
    first request, unless `warm` is false)."""
    params = {"type": "pages.PortraitPage", "fields": "name,town,areas,photo", "limit": limit}
    params.update(filters)
    if warm:
        client.get("/api/v2/pages/", params)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/api/v2/pages/", params)
    assert response.status_code == 200, response.content
    return response.json(), selects([entry["sql"] for entry in captured.captured_queries])


@pytest.mark.parametrize("filters", [{}, {"town": "dessau-rosslau"}])
def test_rest_lists_run_the_same_statements_at_20_and_100_items(api, client, filters):
    counts = {}
    for limit in (20, 100):
        payload, statements = rest_list(client, limit, **filters)
        items = payload["items"]
        assert len(items) == min(limit, payload["meta"]["total_count"]) > 0
        assert all(item["town"] and item["areas"] and item["photo"] for item in items)
        counts[limit] = len(statements)
    assert counts[20] == counts[100], counts
    assert counts[20] <= 10, counts


def test_a_section_offline_hides_its_portraits_in_the_same_statements(api, client):
    """The demo's Gräfenhainichen section unpublished (Wagtail's default: the portraits below
    stay live): its portraits leave the list, and the list runs the statements it ran before,
    in GraphQL and REST (the pages that hide what is below them are one lookup)."""
    from pages.models import TownSectionPage

    section = TownSectionPage.objects.get(slug="graefenhainichen", locale__language_code="de")
    below = set(page_rules.portraits().descendant_of(section).values_list("slug", flat=True))
    assert below
    before, statements = run(api, "perPage: 20")
    rest_before, rest_statements = rest_list(client, 20)
    with TestCase.captureOnCommitCallbacks(execute=True):
        section.unpublish()
    assert PortraitPage.objects.filter(slug__in=below, live=True).count() == len(below)

    after, offline_statements = run(api, "perPage: 20", warm=False)
    assert after["pagination"]["total"] == before["pagination"]["total"] - len(below)
    assert len(after["items"]) == 20
    assert not below & {item["slug"] for item in after["items"]}
    assert len(selects(offline_statements)) == len(selects(statements)) == LIST_QUERIES
    rest_after, rest_offline_statements = rest_list(client, 20, warm=False)
    assert rest_after["meta"]["total_count"] == rest_before["meta"]["total_count"] - len(below)
    assert len(rest_offline_statements) == len(rest_statements)
    town = api.data('{ portraits(town: "graefenhainichen") { items { slug } } }')
    assert town["portraits"]["items"] == []


def test_a_list_fetches_only_the_renditions_it_asks_for(api, settings):
    """A photo has a rendition for every allowed size and format (media/tasks.py): the list
    fetches those its query names (here through a fragment and a variable), not all of them.
    Three photos have all 22 (more would only cost image work), the others those asked for."""
    from collections import Counter

    from django.db.models.signals import post_init

    from media.models import Image, Rendition
    from media.tasks import prepare

    every = [s for s in settings.GRAPPLE["ALLOWED_IMAGE_FILTERS"] if not s.startswith("original")]
    assert len(every) > 20
    listed = page_rules.portraits().order_by("-first_published_at")[:20]
    photos = Image.objects.filter(pk__in=[portrait.photo_id for portrait in listed])
    asked = ("fill-400x400", "width-400|format-webp", "width-800|format-webp")
    for number, photo in enumerate(photos):
        prepare(photo, specs=every if number < 3 else asked)
    query = """
        query List($sizes: [Int]) { portraits(perPage: 20) { items { ...Card } } }
        fragment Card on PortraitPage {
            slug photo { rendition(fill: "400x400") { url } srcSet(sizes: $sizes, format: "webp") }
        }"""
    built = []

    def count(sender, instance, **kwargs):
        built.append(instance.filter_spec)

    post_init.connect(count, sender=Rendition)
    try:
        items = api.data(query, {"sizes": [400, 800]})["portraits"]["items"]
    finally:
        post_init.disconnect(count, sender=Rendition)
    assert len(items) == 20
    assert all(item["photo"]["rendition"]["url"] and item["photo"]["srcSet"] for item in items)
    assert Counter(built) == {spec: photos.count() for spec in asked}


def test_a_list_without_pagination_is_not_counted(api):
    """The count reads every visible row (the one statement that grows with the number of
    portraits): a list that does not ask for `pagination` runs without it, and the same page."""
    counted, counted_sql = run(api, "perPage: 20")
    query = "{ portraits(perPage: 20) { items { %s } } }" % FIELDS
    api.data(query)
    with CaptureQueriesContext(connection) as captured:
        items = api.data(query)["portraits"]["items"]
    statements = selects([entry["sql"] for entry in captured.captured_queries])
    assert items == counted["items"]
    assert len(statements) == len(selects(counted_sql)) - 1
    assert not [sql for sql in statements if "COUNT(" in sql.upper()]
    assert [sql for sql in selects(counted_sql) if "COUNT(" in sql.upper()]


def test_a_page_past_the_end_without_pagination_is_the_last_page(api):
    """Out of range, a page gives the last one with or without `pagination` (grapple's rule):
    without it the list is then counted after all."""
    last, _ = run(api, "perPage: 20, page: 10000")
    query = "{ portraits(perPage: 20, page: 10000) { items { %s } } }" % FIELDS
    fragment = (
        "query { portraits(perPage: 20, page: 10000) { ...Page } } "
        "fragment Page on PortraitPagePaginatedType { items { %s } }" % FIELDS
    )
    assert last["pagination"]["currentPage"] == last["pagination"]["totalPages"] > 1
    assert last["items"]
    assert api.data(query)["portraits"]["items"] == last["items"]
    assert api.data(fragment)["portraits"]["items"] == last["items"]


def test_pagination_asked_in_a_fragment_is_counted(api):
    counted, _ = run(api, "perPage: 5")
    query = (
        "query { portraits(perPage: 5) { ...Page } } fragment Page on "
        "PortraitPagePaginatedType { items { slug } ... on PortraitPagePaginatedType { "
        "pagination { total } } }"
    )
    assert api.data(query)["portraits"]["pagination"]["total"] == counted["pagination"]["total"]


@pytest.mark.parametrize(
    "arguments", ["perPage: 20", "perPage: 20, page: 4", 'town: "dessau-rosslau", perPage: 5']
)
def test_a_list_with_its_total_walks_the_visible_rows_once(api, arguments):
    """The total comes with the page's ids (`COUNT(*) OVER ()` in the statement that pages):
    no statement counts the visible rows on its own, and the page's rows are read by id."""
    data, statements = run(api, arguments)
    counting = [sql for sql in selects(statements) if "COUNT(" in sql.upper()]
    assert len(counting) == 1
    assert "LIMIT" in counting[0].upper()
    town = "dessau-rosslau" if "town" in arguments else None
    expected = page_rules.filter_portraits(page_rules.portraits(), town=town).count()
    assert data["pagination"]["total"] == expected
    assert len(selects(statements)) == (FILTER_QUERIES if "town" in arguments else LIST_QUERIES)
