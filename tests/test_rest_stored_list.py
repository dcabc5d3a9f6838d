"""REST's portrait list (`/api/v2/pages/?type=pages.PortraitPage`) reads its page and its
`meta.total_count` from the list's stored order, as GraphQL's `portraits` does
(pages/list_page.py, pages/list_index.py; cms/rest/endpoints.py, `StoredPage`): the same items,
order and total as Wagtail's generic path (count, then OFFSET over every visible portrait),
without a count or an OFFSET on a hit; a withdrawn portrait neither shows nor counts; Redis
down answers the same from the database (issue 23 §5).

The demo plus 40 generated portraits, once for the module; chunks of 7 ids (instead of 1,000)
so that pages lie across chunk boundaries. The generic path is the endpoint with the portraits'
stored list unregistered (cms/visibility/rules.py), which is how it answered before.
"""

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.visibility import rules
from pages import list_index
from pages.models import PortraitPage
from tests.helpers.servers import own_redis

LIST = {"type": "pages.PortraitPage", "fields": "name,town,areas,photo"}
VARIANTS = {
    "default": {},
    "town": {"town": "dessau-rosslau"},
    "area+kind": {"area": "klimaschutz", "kind": "person"},
    "newest": {"order": "-first_published_at"},
    "title": {"order": "title"},
    "english+fallback": {"locale": "en", "fallback": "true"},
}


@pytest.fixture
def listing(forty_generated, db, client, monkeypatch, settings):
    """`listing(**params)`: the answer of the portrait list. `listing.generic(**params)`: the
    same request on the generic path."""
    monkeypatch.setattr(list_index, "CHUNK", 7)
    settings.PAGE_LIST_INDEX_SECONDS = 300

    def get(**params):
        response = client.get("/api/v2/pages/", {**LIST, **params}, HTTP_ACCEPT="application/json")
        assert response.status_code == 200, response.content[:300]
        return response.json()

    def generic(**params):
        with monkeypatch.context() as patched:
            patched.delitem(rules.registry.stored_lists, PortraitPage)
            return get(**params)

    get.generic = generic
    return get


def slugs(data):
    return [item["meta"]["slug"] for item in data["items"]]


def first(data, index=0):
    """The portrait of the answer's item `index`."""
    return PortraitPage.objects.get(pk=data["items"][index]["id"])


def statements(listing, **params):
    with CaptureQueriesContext(connection) as captured:
        data = listing(**params)
    return data, [entry["sql"] for entry in captured.captured_queries]


@pytest.mark.parametrize("seconds", [300, 0], ids=["stored", "PAGE_LIST_INDEX_SECONDS=0"])
@pytest.mark.parametrize("variant", VARIANTS)
def test_every_page_is_the_generic_paths(listing, settings, variant, seconds):
    """Page 1, pages across chunk boundaries, the last page, a page past the end and no page
    (`limit=0`): the same items in the same order and the same total as the generic path, from
    the walk that stores the order (the first request) and from the stored order (the next);
    with the stored order off, from the page counted in one statement."""
    settings.PAGE_LIST_INDEX_SECONDS = seconds
    params = VARIANTS[variant]
    total = listing.generic(**params)["meta"]["total_count"]
    assert total >= 8
    for offset in (0, 5, 12, total - 3, total, total + 5):
        expected = listing.generic(**params, limit=5, offset=offset)
        assert listing(**params, limit=5, offset=offset) == expected  # a miss or a hit
        assert listing(**params, limit=5, offset=offset) == expected  # a hit
    assert listing(**params, limit=0) == listing.generic(**params, limit=0)  # the total alone
    every = listing.generic(**params, limit=100)
    assert len(every["items"]) == total  # the generic path's whole list: the same as stored
    assert listing(**params, limit=100) == every


def test_the_default_order_is_the_page_trees(listing):
    """Without `order`, Wagtail's API lists pages in the page tree's order, as before."""
    ids = [item["id"] for item in listing(limit=100)["items"]]
    paths = dict(PortraitPage.objects.filter(pk__in=ids).values_list("pk", "path"))
    assert [paths[pk] for pk in ids] == sorted(paths.values())


def test_a_hit_reads_neither_a_count_nor_an_offset(listing):
    """A deep page from the stored order: no COUNT over every visible portrait, no OFFSET,
    and no more statements than the generic path runs."""
    listing(limit=5, offset=20)  # the walk, stored
    data, hit = statements(listing, limit=5, offset=30)
    generic, walked = statements(listing.generic, limit=5, offset=30)
    assert data == generic
    assert not [sql for sql in hit if "COUNT(" in sql.upper() or "OFFSET" in sql.upper()]
    assert len(hit) <= len(walked)


def test_other_parameters_take_the_generic_path(listing):
    """A listing the stored order does not describe (a search, a field filter, a subtree, an
    order by a many-to-many field) counts and pages its queryset, as before."""
    listing()  # stored
    section = first(listing()).get_parent()
    for params in (
        {"search": "Beispiel"},
        {"kind": "person", "slug": "beispiel-anna-beispiel"},
        {"descendant_of": section.pk},
        {"order": "areas"},  # a row per area: Wagtail's page repeats portraits, its count not
    ):
        data, sqls = statements(listing, **params)
        assert data == listing.generic(**params)
        assert data["meta"]["total_count"] > 0
        assert [sql for sql in sqls if "COUNT(" in sql.upper()], params


def test_a_withdrawal_leaves_the_total_and_the_pages_at_once(listing):
    """Withdrawn through the real path (the content event bumps the generation on commit): the
    next request walks again, without the portrait, on every page."""
    before = listing(limit=5, offset=10)
    victim = first(before)
    # Without its photo: a withdrawal moves the photo's files, which generated portraits share.
    PortraitPage.objects.filter(pk=victim.pk).update(photo=None)
    with TestCase.captureOnCommitCallbacks(execute=True):
        victim.refresh_from_db()
        victim.withdraw_consent(by=None)
    after = listing(limit=5, offset=10)
    assert after["meta"]["total_count"] == before["meta"]["total_count"] - 1
    assert victim.slug not in slugs(after)
    assert after == listing.generic(limit=5, offset=10)
    assert victim.slug not in slugs(listing(limit=100))


def test_a_change_whose_bump_is_not_made_yet_shows_only_what_the_policy_passes(listing):
    """Between a change's commit and its generation bump the stored order is stale: the page's
    rows still pass the policy, the stale entry is dropped, the next request counts right."""
    before = listing(limit=5, offset=10)
    victim = first(before, 1)
    PortraitPage.objects.filter(pk=victim.pk).update(consent_withdrawn_at=timezone.now())
    stale = listing(limit=5, offset=10)
    assert victim.slug not in slugs(stale)
    healed = listing(limit=5, offset=10)
    assert healed["meta"]["total_count"] == before["meta"]["total_count"] - 1
    assert healed == listing.generic(limit=5, offset=10)


@pytest.mark.parametrize("variant", ["default", "town"])
def test_redis_down_answers_the_same_from_the_database(listing, settings, variant):
    """Redis stopped: the stored order misses and its writes are dropped (cms/cache.py); once
    the cache's breaker is open a list counts its page in one statement, with no more
    statements than the generic path and its answer; a withdrawal counts at once."""
    params = VARIANTS[variant]
    with own_redis(settings, retry_seconds=0) as redis_server:
        listing(**params, limit=5, offset=5)  # stored in Redis
        redis_server.stop()
        for offset in (0, 5, 12):
            expected, generic = statements(listing.generic, **params, limit=5, offset=offset)
            data, sqls = statements(listing, **params, limit=5, offset=offset)
            assert data == expected
            # The breaker open: no generation read, no walk of every row: one counted page.
            assert len(sqls) <= len(generic)
        victim = first(listing(**params, limit=1))
        PortraitPage.objects.filter(pk=victim.pk).update(consent_withdrawn_at=timezone.now())
        after = listing(**params, limit=100)
        assert victim.slug not in slugs(after)
        assert after == listing.generic(**params, limit=100)
