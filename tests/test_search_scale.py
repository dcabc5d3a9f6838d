"""Search that scales and counts right (issue 11): the search backend gives the matching ids,
the visibility filter, the count and the page run in SQL. `pagination.total` is the true number
of visible matches (no hit cap), a page loads only its own objects in a constant number of
statements, hidden portraits never show. On SQLite (FTS5) and PostgreSQL (full-text search)
alike: the suite runs on both.

The demo plus generated portraits (`generate_portraits`: each teaser says "Generiertes
Beispiel-Porträt …"), generated once for the module on the shared demo (`demo`); each test runs
in a savepoint.
"""

import io
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models.signals import post_init
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from cms import visibility
from cms.models import ContentGeneration
from pages import visibility as page_rules
from pages.models import PortraitPage, TownSectionPage
from tests.factories import PortraitPageFactory, publish

GENERATED = 60
TERM = "Generiertes"
SEARCH = (
    '{ portraits(searchQuery: "%s", perPage: %d, page: %d) { items { slug town { slug } '
    'areas { slug } photo { rendition(fill: "400x400") { url } } } pagination { total } } }'
)


@pytest.fixture(scope="module")
def many(demo, django_db_blocker):
    """The generated portraits on the demo, in the module's savepoint (rolled back after it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        generate(GENERATED)
        yield
        transaction.set_rollback(True)


def generate(count):
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("generate_portraits", str(count), stdout=io.StringIO())


@pytest.fixture
def api(many, db, graphql):
    return graphql


def matching():
    return PortraitPage.objects.filter(teaser__contains=TERM)


def hide_some():
    """Five matching portraits hidden in different ways: unpublished, no consent on record, a
    withdrawal in force. Their search index entries stay: only the policy hides them."""
    hidden = list(matching().order_by("pk")[:5])
    Page.objects.filter(pk__in=[page.pk for page in hidden[:2]]).update(live=False)
    PortraitPage.objects.filter(pk=hidden[2].pk).update(consent_given_at=None)
    PortraitPage.objects.filter(pk__in=[page.pk for page in hidden[3:]]).update(
        consent_withdrawn_at="2025-01-01T00:00:00Z"
    )
    return {page.slug for page in hidden}


@contextmanager
def counting_portraits():
    """How many portrait objects are built while the block runs."""
    built = []

    def count(sender, instance, **kwargs):
        built.append(instance.pk)

    post_init.connect(count, sender=PortraitPage)
    try:
        yield built
    finally:
        post_init.disconnect(count, sender=PortraitPage)


def every_page(api, term, per_page=100):
    slugs, page, total = [], 1, None
    while True:
        data = api.data(SEARCH % (term, per_page, page))["portraits"]
        total = data["pagination"]["total"]
        slugs += [item["slug"] for item in data["items"]]
        if page * per_page >= total:
            return slugs, total
        page += 1


def test_the_total_is_every_visible_match_not_the_hit_cap(api, settings):
    settings.GRAPHQL_MAX_SEARCH_HITS = 10
    hidden = hide_some()
    visible = set(
        page_rules.portraits().filter(teaser__contains=TERM).values_list("slug", flat=True)
    )
    assert len(visible) == GENERATED - 5 > settings.GRAPHQL_MAX_SEARCH_HITS

    slugs, total = every_page(api, TERM, per_page=20)
    assert total == len(visible)
    assert sorted(slugs) == sorted(visible)  # every match once, none hidden
    assert not hidden & set(slugs)


def test_rest_search_counts_every_visible_match_and_hides_the_rest(api, client, settings):
    settings.GRAPHQL_MAX_SEARCH_HITS = 10
    hidden_slugs = hide_some()
    hidden = set(PortraitPage.objects.filter(slug__in=hidden_slugs).values_list("pk", flat=True))
    visible = GENERATED - 5
    for params in (
        {"type": "pages.PortraitPage", "search": TERM, "limit": 100},
        {"search": TERM, "limit": 100},
        {"type": "pages.PortraitPage", "search": TERM, "limit": 100, "order": "title"},
    ):
        payload = client.get("/api/v2/pages/", params).json()
        ids = [item["id"] for item in payload["items"]]
        assert payload["meta"]["total_count"] == visible, params
        assert len(ids) == len(set(ids)) == visible
        assert not hidden & set(ids)
    titles = [item["title"] for item in payload["items"]]
    assert titles == sorted(titles)  # `order` wins over the rank


def test_other_search_paths_hide_what_the_policy_hides(api):
    hidden = hide_some()
    data = api.data(
        """query($q: String) {
            search(query: $q) { ... on PortraitPage { slug } }
            pages(searchQuery: $q, limit: 100) { ... on PortraitPage { slug } }
        }""",
        {"q": TERM},
    )
    found = {hit.get("slug") for hit in data["search"]} - {None}
    listed = {page.get("slug") for page in data["pages"]} - {None}
    assert found and listed
    assert not hidden & (found | listed)
    assert len(listed) == GENERATED - 5


def test_a_search_page_loads_only_its_objects_in_constant_statements(api):
    """Whatever the page size, a search loads only its page's portraits, in as many statements
    when its words' stored order is read (a hit) and when it is made (the first request of a
    content generation: pages/list_search.py), also with more matches."""
    counts = {}
    for per_page in (20, 50):
        api.data(SEARCH % (TERM, per_page, 1))  # renditions made
        for kind in ("hit", "miss"):
            if kind == "miss":
                ContentGeneration.bump()
            with CaptureQueriesContext(connection) as captured, counting_portraits() as built:
                data = api.data(SEARCH % (TERM, per_page, 1))["portraits"]
            assert len(data["items"]) == per_page
            assert len(built) == per_page  # the page's portraits, loaded once
            counts[per_page, kind] = len(captured.captured_queries)
        total = data["pagination"]["total"]

    generate(GENERATED + 40)  # 40 more matches, a new generation
    with CaptureQueriesContext(connection) as captured, counting_portraits() as built:
        data = api.data(SEARCH % (TERM, 50, 1))["portraits"]
    assert data["pagination"]["total"] == total + 40
    assert len(built) == 50
    assert len(captured.captured_queries) == counts[20, "miss"] == counts[50, "miss"]
    assert counts[20, "hit"] == counts[50, "hit"] < counts[20, "miss"]


def test_the_best_match_comes_first(api, client):
    section = TownSectionPage.objects.get(slug="dessau-rosslau", locale__language_code="de")
    best = publish(PortraitPageFactory(parent=section, name=f"{TERM} Glück", title=f"{TERM} Glück"))
    data = api.data('{ search(query: "%s") { ... on PortraitPage { slug } } }' % TERM)
    slugs = [hit["slug"] for hit in data["search"] if hit]
    assert slugs[0] == best.slug
    assert len(slugs) == len(set(slugs)) > 1

    payload = client.get(
        "/api/v2/pages/", {"type": "pages.PortraitPage", "search": TERM, "limit": 5}
    ).json()
    assert payload["items"][0]["id"] == best.pk
    assert payload["meta"]["total_count"] == GENERATED + 1

    hits = visibility.search(page_rules.portraits(), TERM, limit=3)
    assert [hit.slug for hit in hits][0] == best.slug
    assert len(hits) == 3


def test_a_search_page_asks_the_search_index_once(api):
    """The matching ids come from one statement, once per content generation and words; the
    page's rows are then read by id, without searching again (on PostgreSQL a second search made
    the planner hash every match of the whole index). Later pages read the stored order."""
    ContentGeneration.bump()
    for page, searches in ((2, 1), (2, 0), (3, 0)):
        with CaptureQueriesContext(connection) as captured:
            data = api.data(SEARCH % (TERM, 20, page))["portraits"]
        searching = [e["sql"] for e in captured.captured_queries if "wagtailsearch_" in e["sql"]]
        assert len(searching) == searches
        assert data["pagination"]["total"] == matching().count() == GENERATED
        assert len(data["items"]) == 20
