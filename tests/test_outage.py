"""A cache outage degrades, it does not break; a database outage is an honest 503.

Redis is a real `redis-server` of the test's own on a free loopback port: stopped ("down") or
frozen with SIGSTOP ("hanging": the kernel still accepts connections into the listen backlog,
nothing ever answers). PostgreSQL "down" is a real request in a separate process whose
DATABASE_URL points at a closed port.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.urls import reverse
from wagtail.models import PageLogEntry

from cms.rate_limit import rate_limited
from tests.factories import EngagementAreaFactory, PortraitPageFactory, publish
from tests.helpers.rate_windows import current_window_key
from tests.helpers.servers import (
    RedisServer,
    free_port,
    own_redis,
    use_redis,
)

PORTRAITS = '{ portraits(town: "dessau-rosslau") { items { slug } } }'
NOMINATE = """
mutation Nominate($input: NominationInput!) {
  nominate(input: $input) { ok reference errors { field message } }
}
"""


@pytest.fixture
def redis_server(settings):
    with own_redis(settings) as server:
        yield server


@pytest.fixture(params=["down", "hanging"])
def outage(request, redis_server):
    """Returns a function that breaks Redis the parametrised way."""

    def start():
        if request.param == "down":
            redis_server.stop()
        else:
            redis_server.hang()

    return start


@pytest.fixture
def cached_portrait(tree, settings, django_capture_on_commit_callbacks):
    settings.GRAPHQL_CACHE_SECONDS = 60
    with django_capture_on_commit_callbacks(execute=True):
        return publish(PortraitPageFactory(parent=tree.dessau_section, slug="da"))


def portrait_slugs(response):
    payload = response.json()
    assert response.status_code == 200, payload
    assert "errors" not in payload, payload
    return [item["slug"] for item in payload["data"]["portraits"]["items"]]


# --- Redis down or hanging -----------------------------------------------------------------


@pytest.mark.django_db
def test_reads_answer_from_the_database_without_a_timeout_per_cache_call(
    graphql, client, cached_portrait, outage, redis_failures, caplog
):
    assert portrait_slugs(graphql.post(PORTRAITS)) == ["da"]  # cached while Redis is up
    assert redis_failures == []
    outage()
    for number in range(10):
        read = graphql.get(PORTRAITS) if number % 2 else graphql.post(PORTRAITS)
        assert portrait_slugs(read) == ["da"]
        health = client.get("/healthz/")
        assert health.status_code == 503
        assert health.json()["cache"] == "error" and health.json()["database"] == "ok"
    # 20 requests, each touching the cache two to four times: a timeout per call would be 40 and
    # more calls that reach Redis and fail (each up to TIMEOUT). One for the first call, then
    # the breaker skips Redis.
    assert len(redis_failures) == 1, redis_failures
    outage_logs = [r for r in caplog.records if r.name == "cms.cache"]
    assert len(outage_logs) == 1, outage_logs  # once per trip, not per call
    assert "unreachable" in outage_logs[0].getMessage()


@pytest.mark.django_db
def test_nominations_answer_a_json_result(
    graphql, tree, outage, django_capture_on_commit_callbacks
):
    EngagementAreaFactory(name="Klimaschutz", slug="klimaschutz")
    outage()
    nomination = {
        "nomineeName": "Hanna Helferin",
        "nomineeKind": "person",
        "town": "dessau-rosslau",
        "areas": ["klimaschutz"],
        "reason": "Sie pflanzt mit den Kindern der Nachbarschaft jedes Frühjahr Bäume.",
        "nominatorName": "Max Mustermann",
        "nominatorEmail": "max@example.org",
        "nomineeInformed": True,
        "privacyConsent": True,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = graphql.post(NOMINATE, {"input": nomination})
    assert response.status_code == 200, response.content
    result = response.json()["data"]["nominate"]
    assert result["ok"] and result["reference"] and result["errors"] == []


@pytest.mark.django_db
def test_consent_withdrawal_completes(
    client, graphql, cached_portrait, people, outage, django_capture_on_commit_callbacks
):
    client.force_login(people["coordinator"])
    outage()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("editorial_withdraw_consent", args=(cached_portrait.pk,)))
    assert response.status_code == 302
    cached_portrait.refresh_from_db()
    assert not cached_portrait.live and cached_portrait.consent_withdrawn_at is not None
    assert PageLogEntry.objects.filter(
        page=cached_portrait, action="pages.consent_withdrawn"
    ).exists()
    assert portrait_slugs(graphql.post(PORTRAITS)) == []


@pytest.mark.django_db
def test_a_publish_completes_with_its_audit_entry(
    graphql, tree, people, outage, django_capture_on_commit_callbacks
):
    page = PortraitPageFactory(parent=tree.dessau_section, slug="neu")
    revision = page.save_revision(user=people["coordinator"])
    outage()
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish(user=people["coordinator"])
    page.refresh_from_db()
    assert page.live
    entry = PageLogEntry.objects.get(page=page, action="wagtail.publish")
    assert entry.user == people["coordinator"]
    assert portrait_slugs(graphql.post(PORTRAITS)) == ["neu"]


@pytest.mark.django_db
def test_rate_limit_falls_back_to_this_process(graphql, tree, settings, outage, frozen_rate_clock):
    settings.GRAPHQL_RATE_LIMIT = 3
    outage()
    for _ in range(3):
        assert graphql.post("{ campaign { slug } }").status_code == 200
    refused = graphql.post("{ campaign { slug } }")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= settings.GRAPHQL_RATE_LIMIT_WINDOW
    assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


@pytest.mark.django_db
def test_healthz_reports_a_hanging_cache_within_two_seconds(
    client, redis_server, settings, redis_failures
):
    use_redis(settings, redis_server, timeout=None)  # as configured for production
    assert client.get("/healthz/").status_code == 200
    # The longest one call may wait for Redis: the configured connect and read timeouts (none
    # would be forever).
    pool = caches["default"].redis.connection_pool.connection_kwargs
    timeouts = [pool["socket_connect_timeout"], pool["socket_timeout"]]
    assert None not in timeouts, timeouts
    redis_server.hang()
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["cache"] == "error"
    # It waited for one call only (its write; the read after it skipped Redis): at most one
    # timeout, whatever the machine's speed.
    assert len(redis_failures) == 1, redis_failures
    assert len(redis_failures) * max(timeouts) < 2


@pytest.mark.django_db
def test_cache_is_used_again_when_redis_is_back(
    graphql, cached_portrait, redis_server, settings, breaker_clock
):
    use_redis(settings, redis_server, retry_seconds=0.5)
    assert portrait_slugs(graphql.post(PORTRAITS)) == ["da"]
    redis_server.hang()
    assert graphql.post(PORTRAITS).get("X-Cache") == "MISS"  # from the database
    redis_server.resume()
    assert graphql.post(PORTRAITS).get("X-Cache") == "MISS"  # the breaker is still open
    breaker_clock.advance(0.5)  # the breaker's retry time; the next call is the trial
    assert graphql.post(PORTRAITS)["X-Cache"] == "HIT"


@pytest.mark.django_db
def test_no_stale_answer_once_redis_is_back(
    client,
    graphql,
    cached_portrait,
    people,
    redis_server,
    settings,
    django_capture_on_commit_callbacks,
):
    """An answer cached before the outage, a withdrawal while Redis hangs (nothing it does can
    reach Redis: the breaker is open), Redis back with the old answer still stored: not served."""
    assert portrait_slugs(graphql.post(PORTRAITS)) == ["da"]
    assert graphql.post(PORTRAITS)["X-Cache"] == "HIT"
    cached = redis_server.client.keys("*graphql:response:*")
    assert cached
    client.force_login(people["coordinator"])
    redis_server.hang()
    assert portrait_slugs(graphql.post(PORTRAITS)) == ["da"]  # from the database; breaker opens
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("editorial_withdraw_consent", args=(cached_portrait.pk,)))
    redis_server.resume()
    use_redis(settings, redis_server)  # as after the breaker's retry time (tested above)
    assert set(cached) <= set(redis_server.client.keys("*graphql:response:*"))  # still there
    assert portrait_slugs(graphql.post(PORTRAITS)) == []
    second = graphql.post(PORTRAITS)
    assert second["X-Cache"] == "HIT"  # Redis is in use again
    assert portrait_slugs(second) == []


# --- Rate limit: a sliding window ------------------------------------------------------------


@pytest.mark.parametrize("storage", ["memory", "redis"])
def test_a_window_boundary_does_not_double_the_allowance(
    storage, settings, request, frozen_rate_clock
):
    if storage == "redis":
        server = RedisServer()
        request.addfinalizer(server.stop)
        use_redis(settings, server)
    else:
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    window, limit = 600, 5
    # A fixed window restarts at every boundary: spend the allowance just before one and ask
    # again just after it. The time is the limiter's, moved by the test, not waited for: the
    # per-process count's clock jumps from 60 % into a window to 5 % into the next; Redis's
    # window starts with a client's first request and ends when its key's TTL drops below one
    # window, so the key is given the TTL it has 5 % into the next window (a window of ten
    # minutes: the seconds a slow machine takes for the requests hardly change the weights).
    ask = [lambda: rate_limited("test", storage, limit, window)] * limit
    frozen_rate_clock.set((frozen_rate_clock.time() // window + 0.6) * window)
    allowed = [request() for request in ask]
    if storage == "redis":
        key = current_window_key("test", storage, limit, window)
        assert server.client.pexpire(key, int(0.95 * window * 1000))
    else:
        frozen_rate_clock.set((frozen_rate_clock.time() // window + 1.05) * window)
    waits = [request() for request in ask]
    assert allowed == [0] * limit
    assert waits[0] == 0, waits  # past the boundary: the new window gives back allowance
    # A fixed window would allow `limit` more; the sliding window counts 95 % of the previous
    # window (rounded down), so at most one.
    assert waits.count(0) <= 1, waits
    assert 0 < waits[-1] <= window


# --- PostgreSQL down -------------------------------------------------------------------------

REQUEST_WITHOUT_DATABASE = """
import json
import django
from django.test import Client, override_settings

django.setup()
client = Client()
post = lambda body, **headers: client.post(
    "/graphql/", json.dumps(body), content_type="application/json", **headers
)
query = {"query": '{ portraits { items { slug } } }'}
answers = {
    "read": lambda: post(query),
    "read by GET": lambda: client.get("/graphql/", query, HTTP_ACCEPT="application/json"),
    "API key": lambda: post(query, HTTP_AUTHORIZATION="Bearer es_partner"),
    "nomination": lambda: post({"query": 'mutation { nominate(input: {nomineeName: "A", '
        'nomineeKind: "person", town: "dessau-rosslau", reason: "weil", nominatorName: "B", '
        'nominatorEmail: "b@example.org", nomineeInformed: true, privacyConsent: true}) '
        '{ ok } }'}),
}
answers["cached read"] = override_settings(GRAPHQL_CACHE_SECONDS=60)(answers["read"])
answers["REST"] = lambda: client.get("/api/v2/pages/", HTTP_ACCEPT="application/json")
results = {}
for name, answer in answers.items():
    response = answer()
    results[name] = {
        "status": response.status_code,
        "body": response.json(),
        "headers": dict(response.headers),
    }

# The admin, as an editor logged in before the outage sees it.
editor = Client(raise_request_exception=False)
editor.cookies["sessionid"] = "editor-session-of-before-the-outage"
editor.cookies["csrftoken"] = "x" * 32
pages = {
    "dashboard": lambda: editor.get("/admin/"),
    "page editor": lambda: editor.get("/admin/pages/3/edit/"),
    "saving a page": lambda: editor.post(
        "/admin/pages/3/edit/", {"title": "Neu", "csrfmiddlewaretoken": "x" * 32}
    ),
    "login": lambda: editor.get("/admin/login/"),
}
admin = {}
for name, answer in pages.items():
    response = answer()
    admin[name] = {
        "status": response.status_code,
        "body": response.content.decode(),
        "headers": dict(response.headers),
        "cookies": sorted(response.cookies),
    }
print(json.dumps({"api": results, "admin": admin}))
"""


@pytest.fixture(scope="module")
def without_database():
    """The answers of a process whose DATABASE_URL points at a closed port."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/none",
    }
    done = subprocess.run(  # noqa: S603 (fixed arguments)
        [sys.executable, "-c", REQUEST_WITHOUT_DATABASE],
        cwd=Path(__file__).resolve().parent.parent,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_database_down_is_a_503_with_retry_after(without_database):
    results = without_database["api"]
    assert set(results) == {"read", "read by GET", "API key", "nomination", "cached read", "REST"}
    for name, result in results.items():
        headers = result["headers"]
        assert result["status"] == 503, (name, result)
        assert [e["extensions"]["code"] for e in result["body"]["errors"]] == [
            "SERVICE_UNAVAILABLE"
        ], name
        assert "data" not in result["body"], name
        assert int(headers["Retry-After"]) > 0, name
        assert headers["Cache-Control"] == "no-store", name
        assert "ETag" not in headers, name


def test_the_admin_answers_a_german_503_and_keeps_the_session_while_the_database_is_down(
    without_database,
):
    """Was Django's generic 500 page."""
    for name, result in without_database["admin"].items():
        assert result["status"] == 503, (name, result["status"])
        assert int(result["headers"]["Retry-After"]) > 0, name
        assert result["headers"]["Cache-Control"] == "no-store", name
        assert result["headers"]["Content-Type"].startswith("text/html"), name
        assert "kurz nicht erreichbar" in result["body"], name
        assert "nichts verloren" in result["body"] and "angemeldet" in result["body"], name
        assert 'lang="de"' in result["body"], name
        assert "sessionid" not in result["cookies"], name  # not deleted: still logged in after


# --- No cookies ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_graphql_answers_set_no_csrf_cookie(graphql, tree):
    for response in (graphql.get("{ campaign { slug } }"), graphql.post("{ campaign { slug } }")):
        assert response.status_code == 200
        assert "csrftoken" not in response.cookies
        assert "Cookie" not in response.get("Vary", "")
