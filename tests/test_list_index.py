"""The portrait lists' stored order (pages/list_index.py): a total or a deep page reads the
list's ids from the cache for the current content generation instead of walking every visible
portrait again, and answers exactly what the walk answers, before and after every kind of
change (issue 19, item 5).

The demo plus 40 generated portraits, once for the module; chunks of 7 ids (instead of 1,000)
so that pages lie across chunk boundaries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pages.models import PortraitPage
from tests.helpers.stored_lists import ORDERS, counting, expire_soon, withdraw

LIST = "{ portraits(%s) { items { slug } pagination { total totalPages currentPage } } }"


@pytest.fixture
def api(stored_lists):
    return stored_lists


def answer(api, arguments):
    return api.data(LIST % arguments)["portraits"]


def walked(api, settings, arguments):
    """The answer of the walk alone (the index off)."""
    settings.PAGE_LIST_INDEX_SECONDS = 0
    try:
        return answer(api, arguments)
    finally:
        settings.PAGE_LIST_INDEX_SECONDS = 300


def statements(api, arguments):
    with CaptureQueriesContext(connection) as captured:
        data = answer(api, arguments)
    return data, [entry["sql"] for entry in captured.captured_queries]


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("town", [None, "dessau-rosslau"])
def test_every_page_from_the_index_is_the_walks_page(api, settings, order, town):
    """Page 1, pages across chunk boundaries, the last page and a page past the end (grapple
    gives the last one): the same items and total as the walk, in every order."""
    base = f'order: "{order}", perPage: 3' + (f', town: "{town}"' if town else "")
    total = walked(api, settings, base)["pagination"]["total"]
    pages = (total + 2) // 3
    assert pages > 3
    for page in (1, 2, 3, pages - 1, pages, pages + 5):
        arguments = f"{base}, page: {page}"
        expected = walked(api, settings, arguments)
        assert answer(api, arguments) == expected  # a miss (the first) or a hit
        assert answer(api, arguments) == expected  # a hit


def test_a_hit_reads_neither_a_count_nor_every_row(api):
    """The first request of a generation walks the list once (one statement more than a hit:
    the generation); the next ones, on any page, read the generation and their page's rows."""
    first, miss = statements(api, "perPage: 5, page: 3")
    again, hit = statements(api, "perPage: 5, page: 3")
    deeper, deep_hit = statements(api, "perPage: 5, page: 8")
    assert again == first
    assert deeper["pagination"]["total"] == first["pagination"]["total"]
    assert len(miss) == len(hit) + 1
    assert len(deep_hit) == len(hit)
    assert not counting(hit) and not counting(deep_hit)
    total = first["pagination"]["total"]
    assert not [sql for sql in hit if f"LIMIT {total}" in sql or "OFFSET" in sql.upper()]


def test_a_withdrawal_leaves_the_total_and_the_pages_at_once(api, settings):
    """Withdrawn through the real path (the content event bumps the generation on commit): the
    next request walks again, without the portrait, on every page."""
    before = answer(api, "perPage: 5, page: 2")
    victim = PortraitPage.objects.get(slug=before["items"][0]["slug"])
    withdraw(victim)
    after = answer(api, "perPage: 5, page: 2")
    assert after["pagination"]["total"] == before["pagination"]["total"] - 1
    assert victim.slug not in {item["slug"] for item in after["items"]}
    assert after == walked(api, settings, "perPage: 5, page: 2")


def test_a_change_whose_bump_is_not_made_yet_shows_only_what_the_policy_passes(api, settings):
    """Between a change's commit and its generation bump the stored order is stale: the page's
    rows still pass the policy (the withdrawn portrait is not shown), the stale entry is
    dropped, and the next request walks and counts it right."""
    before = answer(api, "perPage: 5, page: 2")
    victim = PortraitPage.objects.get(slug=before["items"][1]["slug"])
    # The withdrawal's row change without its on-commit reactions (the bump among them).
    PortraitPage.objects.filter(pk=victim.pk).update(consent_withdrawn_at=timezone.now())
    stale = answer(api, "perPage: 5, page: 2")
    assert victim.slug not in {item["slug"] for item in stale["items"]}
    assert len(stale["items"]) == 4
    healed = answer(api, "perPage: 5, page: 2")
    assert healed["pagination"]["total"] == before["pagination"]["total"] - 1
    assert healed == walked(api, settings, "perPage: 5, page: 2")


def test_an_entry_ends_when_a_live_page_expires(api, settings):
    """No event marks an expiry: the stored order lives only until the next expire_at of a live
    page, so the expired portrait leaves the total the moment it expires."""
    before = answer(api, "perPage: 5")
    expiring = PortraitPage.objects.get(slug=before["items"][0]["slug"])
    wait_for_expiry = expire_soon(expiring)
    stored = answer(api, "perPage: 5")  # the walk, stored until the expiry
    assert stored["pagination"]["total"] == before["pagination"]["total"]
    assert answer(api, "perPage: 5") == stored  # a hit
    wait_for_expiry()
    after = answer(api, "perPage: 5")
    assert after["pagination"]["total"] == before["pagination"]["total"] - 1
    assert expiring.slug not in {item["slug"] for item in after["items"]}


def test_languages_and_filters_keep_orders_of_their_own(api, settings):
    """The key holds the content language and the list's arguments: a town's list, another
    language, with or without fallback, never gets the German list's ids."""
    german = answer(api, "perPage: 5")
    for arguments in (
        'perPage: 5, town: "dessau-rosslau"',
        'perPage: 5, locale: "en"',
        'perPage: 5, locale: "en", fallback: true',
        'perPage: 5, order: "title"',
    ):
        expected = walked(api, settings, arguments)
        assert expected != german
        assert answer(api, arguments) == expected
        assert answer(api, arguments) == expected
