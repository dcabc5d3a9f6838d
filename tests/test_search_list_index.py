"""A searched portrait list's stored order (pages/list_search.py): its visible matches in the
list's order, kept per content generation and search words, answer exactly what the search in
SQL answers (`PAGE_LIST_INDEX_SECONDS = 0`: `visibility.search_filter`), with the same total,
order and hidden portraits, before and after changes, and with Redis down (issue 23, §5).

The demo plus 40 generated portraits (their quotes rotate through five sentences), once for
the module; chunks of 7 ids so that pages lie across chunk boundaries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pages.models import PortraitPage
from tests.helpers.servers import own_redis
from tests.helpers.stored_lists import ORDERS, counting, expire_soon, withdraw

SEARCH = (
    '{ portraits(searchQuery: "%s", %s) { items { slug } '
    "pagination { total totalPages currentPage } } }"
)
WORDS = ["Helfen", "Generiertes", "Stadt", "Menschen zusammenbringe", "Xylophon"]


@pytest.fixture
def api(stored_lists):
    return stored_lists


def answer(api, words, arguments="perPage: 5"):
    return api.data(SEARCH % (words, arguments))["portraits"]


def in_sql(api, settings, words, arguments="perPage: 5"):
    """The answer of the search in SQL alone (the stored order off)."""
    settings.PAGE_LIST_INDEX_SECONDS = 0
    try:
        return answer(api, words, arguments)
    finally:
        settings.PAGE_LIST_INDEX_SECONDS = 300


def statements(api, words, arguments="perPage: 5"):
    with CaptureQueriesContext(connection) as captured:
        data = answer(api, words, arguments)
    return data, [entry["sql"] for entry in captured.captured_queries]


def searching(sqls):
    return [sql for sql in sqls if "wagtailsearch_" in sql]


@pytest.mark.parametrize("words", WORDS)
def test_every_page_is_the_search_in_sql(api, settings, words):
    """Page 1, pages across chunk boundaries, the last page and a page past the end: the same
    items in the same order and the same total as the search in SQL, from a miss and a hit."""
    total = in_sql(api, settings, words)["pagination"]["total"]
    assert total > 5 or words == "Xylophon"
    pages = max(1, (total + 4) // 5)
    for page in sorted({1, 2, 3, pages - 1, pages, pages + 3} - {0}):
        arguments = f"perPage: 5, page: {page}"
        expected = in_sql(api, settings, words, arguments)
        assert answer(api, words, arguments) == expected
        assert answer(api, words, arguments) == expected


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("town", [None, "dessau-rosslau"])
def test_orders_and_filters_keep_the_order_of_the_search_in_sql(api, settings, order, town):
    arguments = f'order: "{order}", perPage: 4' + (f', town: "{town}"' if town else "")
    for page in (1, 2, 3):
        expected = in_sql(api, settings, "Helfen", f"{arguments}, page: {page}")
        assert expected["items"]
        assert answer(api, "Helfen", f"{arguments}, page: {page}") == expected


def test_the_words_and_the_list_choose_the_entry(api, settings):
    """Each search words and each list keep entries of their own: one search never answers
    with another's ids, nor with the plain list's."""
    plain = api.data("{ portraits(perPage: 5) { items { slug } pagination { total } } }")
    answers = [repr(plain["portraits"])]
    for words in WORDS:
        expected = in_sql(api, settings, words)
        assert answer(api, words) == expected
        answers.append(repr(expected))
    assert len(set(answers)) == len(WORDS) + 1
    assert answer(api, "Helfen", 'perPage: 5, locale: "en"') == in_sql(
        api, settings, "Helfen", 'perPage: 5, locale: "en"'
    )


def test_a_hit_neither_searches_nor_counts(api):
    """The first request of a generation and these words searches the index once; the next
    ones, on any page, read their page from the stored order: no search, no count."""
    first, miss = statements(api, "Helfen", "perPage: 5, page: 2")
    again, hit = statements(api, "Helfen", "perPage: 5, page: 2")
    deeper, deep_hit = statements(api, "Helfen", "perPage: 5, page: 3")
    assert again == first
    assert deeper["pagination"]["total"] == first["pagination"]["total"]
    assert len(searching(miss)) == 1
    assert not searching(hit) and not searching(deep_hit)
    assert not counting(hit) and not counting(deep_hit)


def test_a_miss_with_the_list_stored_reads_no_visible_list(api):
    """With the plain list stored, a new search reads the matches from the search index and
    the list's order from the cache: no statement walks or counts the visible portraits."""
    api.data("{ portraits(perPage: 5) { items { slug } pagination { total } } }")
    data, miss = statements(api, "Stadt")
    assert len(searching(miss)) == 1
    assert not counting(miss)
    # Only the page's rows go through the policy.
    assert len([sql for sql in miss if "consent_given_at" in sql]) == 1
    assert data["pagination"]["total"] > 5


def test_a_withdrawal_leaves_the_search_at_once(api, settings):
    """Withdrawn through the real path (its bump on commit): the next search neither shows nor
    counts the portrait."""
    before = answer(api, "Helfen")
    victim = PortraitPage.objects.get(slug=before["items"][0]["slug"])
    withdraw(victim)
    after = answer(api, "Helfen")
    assert after["pagination"]["total"] == before["pagination"]["total"] - 1
    assert victim.slug not in {item["slug"] for item in after["items"]}
    assert after == in_sql(api, settings, "Helfen")


def test_a_change_whose_bump_is_not_made_yet_shows_only_what_the_policy_passes(api, settings):
    """Between a change's commit and its bump the stored orders are stale: the page's rows
    still pass the policy, both entries (the search's and the list's) are dropped, and the
    next request counts right."""
    before = answer(api, "Helfen")
    victim = PortraitPage.objects.get(slug=before["items"][1]["slug"])
    PortraitPage.objects.filter(pk=victim.pk).update(consent_withdrawn_at=timezone.now())
    stale = answer(api, "Helfen")
    assert victim.slug not in {item["slug"] for item in stale["items"]}
    assert len(stale["items"]) == 4
    healed = answer(api, "Helfen")
    assert healed["pagination"]["total"] == before["pagination"]["total"] - 1
    assert healed == in_sql(api, settings, "Helfen")
    assert answer(api, "Stadt") == in_sql(api, settings, "Stadt")  # the list walked again


def test_an_entry_ends_when_a_live_page_expires(api):
    """No event marks an expiry: a search's stored order lives only until the next expire_at
    of a live page, even when the list's order it came from was stored before."""
    api.data("{ portraits(perPage: 5) { items { slug } pagination { total } } }")
    before = answer(api, "Helfen")
    expiring = PortraitPage.objects.get(slug=before["items"][0]["slug"])
    wait_for_expiry = expire_soon(expiring)
    stored = answer(api, "Helfen")
    assert stored["pagination"]["total"] == before["pagination"]["total"]
    assert answer(api, "Helfen") == stored  # a hit
    wait_for_expiry()
    after = answer(api, "Helfen")
    assert after["pagination"]["total"] == before["pagination"]["total"] - 1
    assert expiring.slug not in {item["slug"] for item in after["items"]}


def test_redis_down_every_search_is_still_right(api, settings):
    """With Redis down the cache misses and drops writes: every request takes the matches and
    walks the list, and answers what the search in SQL answers."""
    with own_redis(settings) as server:
        expected = {words: in_sql(api, settings, words) for words in WORDS}
        assert answer(api, "Helfen") == expected["Helfen"]  # stored in this Redis
        server.stop()
        for words in WORDS:
            assert answer(api, words) == expected[words]
            assert answer(api, words) == expected[words]
