"""A real Varnish (cluster/varnish.py, deploy/varnish/default.vcl) in front of the live server:
hits never reach the app, every committed content change bans once, a withdrawal, an
unpublish and an expiry are gone from the cache within a second of their commit, and a cache
that is down or hangs neither blocks nor fails a change (issue 23 §2)."""

import json
import logging
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.core.signals import request_started
from django.db import transaction
from django.utils import timezone

from cluster.varnish import Varnish
from editorial import scheduler
from tests.factories import publish
from tests.helpers.committed import COMMITTED
from tests.helpers.portraits import draft_portrait

pytestmark = COMMITTED

QUERY = "{ portraits(perPage: 20) { items { slug name } } }"


@pytest.fixture(scope="module")
def varnish(live_server):
    with Varnish(backend_port=int(live_server.url.rsplit(":", 1)[1])) as cache:
        yield cache


@pytest.fixture
def cached(varnish, settings):
    """The app banning the Varnish in front of it, answers kept 300 s by Varnish."""
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "cms.httpcache.VarnishBackend", "LOCATION": varnish.url}
    }
    settings.GRAPHQL_CDN_MAX_AGE = 300
    settings.ALLOWED_HOSTS = ["*"]
    ban(varnish, ".")  # nothing kept from an earlier test (its database is gone)
    return varnish


def ban(cache, tags):
    request = urllib.request.Request(  # noqa: S310 - loopback
        cache.url + "/", method="BAN", headers={"X-Ban-Tags": tags}
    )
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
        return response.status


@pytest.fixture
def app_requests():
    """Paths of the requests that reached Django (the live server runs in this process)."""
    seen = []

    def count(sender, environ, **kwargs):
        seen.append(environ["PATH_INFO"])

    request_started.connect(count, dispatch_uid="tests.varnish.count")
    yield seen
    request_started.disconnect(dispatch_uid="tests.varnish.count")


def get(cache, path, **headers):
    headers = {"Accept": "application/json", **headers}
    request = urllib.request.Request(cache.url + path, headers=headers)  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


def graphql_path(query=QUERY):
    return "/graphql/?" + urllib.parse.urlencode({"query": query})


def slugs(cache):
    status, body, headers = get(cache, graphql_path())
    assert status == 200, body
    return [item["slug"] for item in json.loads(body)["data"]["portraits"]["items"]], headers


def live_portrait(tree, **kwargs):
    """A published portrait in Dessau-Roßlau."""
    return publish(draft_portrait(tree, **kwargs))


def test_a_hit_is_served_without_reaching_the_app(tree, cached, app_requests):
    page = live_portrait(tree)
    first, headers = slugs(cached)
    assert first == [page.slug]
    assert headers["X-Varnish-Cache"] == "MISS"
    assert headers["Cache-Tag"] == "content"
    app_requests.clear()
    hits_before = cached.log_records("VCL_call").count("HIT")
    for _ in range(5):
        again, headers = slugs(cached)
        assert again == [page.slug]
        assert headers["X-Varnish-Cache"] == "HIT"
    assert app_requests == []
    assert cached.log_records("VCL_call").count("HIT") == hits_before + 5


def test_rest_and_embed_are_cached_too_and_tagged(tree, cached, app_requests):
    live_portrait(tree)
    for path in ("/api/v2/pages/?type=pages.PortraitPage", "/embed/portraits/"):
        status, body, headers = get(cached, path, Accept="*/*")
        assert status == 200, body
        assert headers["Cache-Tag"] == "content"
        app_requests.clear()
        status, _, headers = get(cached, path, Accept="*/*")
        assert headers["X-Varnish-Cache"] == "HIT"
        assert app_requests == []


def test_never_shared_editors_keys_previews_and_the_admin(tree, cached, app_requests):
    live_portrait(tree)
    slugs(cached)
    app_requests.clear()
    get(cached, graphql_path(), Cookie="sessionid=abc")
    get(cached, graphql_path(), Authorization="Bearer nope")
    preview = '{ page(id: 1, token: "x") { id } }'
    get(cached, graphql_path(preview))
    get(cached, graphql_path(preview))
    get(cached, "/admin/login/")
    get(cached, "/admin/login/")
    assert len(app_requests) == 6


def test_vary_keeps_one_copy_per_accept(tree, cached):
    live_portrait(tree)
    _, _, json_answer = get(cached, graphql_path())
    _, _, graphql_answer = get(cached, graphql_path(), Accept="application/graphql-response+json")
    assert json_answer["Content-Type"].startswith("application/json")
    assert graphql_answer["Content-Type"].startswith("application/graphql-response+json")
    assert graphql_answer["X-Varnish-Cache"] == "MISS"


def gone_within(cache, slug, committed_at, seconds=1.0):
    """Polls through Varnish until `slug` is no longer in the list: the time after the commit."""
    while True:
        found, _ = slugs(cache)
        elapsed = time.monotonic() - committed_at
        if slug not in found:
            return elapsed
        assert elapsed < seconds, f"{slug} still served {elapsed:.2f} s after the commit"
        time.sleep(0.02)


def test_a_withdrawal_is_gone_from_the_cache_within_a_second(tree, people, cached):
    page = live_portrait(tree)
    slugs(cached)
    found, headers = slugs(cached)
    assert page.slug in found
    assert headers["X-Varnish-Cache"] == "HIT"
    page.withdraw_consent(by=people["coordinator"])  # commits (no surrounding transaction)
    assert gone_within(cached, page.slug, time.monotonic()) < 1.0


def test_an_unpublish_and_an_expiry_are_gone_within_a_second(tree, cached):
    unpublished, expiring = live_portrait(tree), live_portrait(tree)
    slugs(cached)
    found, headers = slugs(cached)
    assert {unpublished.slug, expiring.slug} <= set(found)
    assert headers["X-Varnish-Cache"] == "HIT"
    unpublished.unpublish()
    committed = time.monotonic()
    gone_within(cached, unpublished.slug, committed)
    type(expiring).objects.filter(pk=expiring.pk).update(expire_at=timezone.now())
    scheduler.run_once()  # the scheduler unpublishes the expired page
    gone_within(cached, expiring.slug, time.monotonic())


def test_an_answer_leaves_the_cache_by_itself_when_a_page_expires(tree, cached):
    """Before the scheduler unpublishes an expired page (and bans), Varnish has let the answer
    go: its s-maxage ends at the next expiry."""
    expiring = live_portrait(tree)
    type(expiring).objects.filter(pk=expiring.pk).update(
        expire_at=timezone.now() + timezone.timedelta(seconds=3)
    )
    _, headers = slugs(cached)
    max_age = int(headers["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 0 < max_age <= 3


def test_every_committed_change_bans_exactly_once(tree, cached):
    page = live_portrait(tree)
    bans = cached.bans()
    with transaction.atomic():  # several changes, one commit: one ban
        page.title = "Neu"
        page.save_revision().publish()
        for section in tree.sections.values():
            section.save_revision().publish()
        assert cached.bans() == bans  # nothing before the commit
    assert cached.bans() == bans + 1
    with pytest.raises(RuntimeError), transaction.atomic():
        page.save_revision().publish()
        raise RuntimeError("rolled back")
    assert cached.bans() == bans + 1  # nothing for a rollback
    page.refresh_from_db()
    page.unpublish()
    assert cached.bans() == bans + 2


def test_a_cache_that_is_down_or_hangs_never_blocks_a_change(tree, settings, caplog):
    """The change commits, the failure is logged, nothing waits longer than the timeout."""
    page = live_portrait(tree)
    hanging = Varnish(backend_port=1).start()
    try:
        for location, state in ((hanging.url, "hangs"), ("http://127.0.0.1:1", "down")):
            settings.WAGTAILFRONTENDCACHE = {
                "varnish": {
                    "BACKEND": "cms.httpcache.VarnishBackend",
                    "LOCATION": location,
                    "TIMEOUT": 0.5,
                }
            }
            settings.GRAPHQL_CDN_MAX_AGE = 300
            if state == "hangs":
                hanging.pause()
            caplog.clear()
            started = time.monotonic()
            with caplog.at_level(logging.ERROR, logger="cms.httpcache"):
                page.title = f"Geändert ({state})"
                page.save_revision().publish()
            assert time.monotonic() - started < 3, state
            page.refresh_from_db()
            assert page.title == f"Geändert ({state})"
            assert any("ban of content failed" in r.getMessage() for r in caplog.records), state
    finally:
        hanging.stop()


def test_a_ban_from_another_address_is_refused(cached):
    """Only the app servers (the VCL's purgers, loopback here) may ban. From loopback it is
    accepted; the refusal path is the same `acl` check (not reachable from loopback)."""
    assert ban(cached, "content") == 200


def test_many_threads_reading_while_a_withdrawal_commits(tree, people, cached):
    """Readers through Varnish during the withdrawal: none sees the portrait a second after."""
    page = live_portrait(tree)
    assert page.slug in slugs(cached)[0]
    stop, late = threading.Event(), []
    committed = []

    def read():
        while not stop.is_set():
            found, headers = slugs(cached)
            if committed and time.monotonic() - committed[0] > 1.0 and page.slug in found:
                late.append((time.monotonic() - committed[0], headers["X-Varnish"]))

    readers = [threading.Thread(target=read) for _ in range(3)]
    for reader in readers:
        reader.start()
    time.sleep(0.2)
    page.withdraw_consent(by=people["coordinator"])
    committed.append(time.monotonic())
    time.sleep(1.5)
    stop.set()
    for reader in readers:
        reader.join()
    assert late == []
