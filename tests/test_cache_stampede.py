"""Single flight: concurrent misses for one query after a change compute its answer once, not
once per worker; the others are served what the first stored. Real threads, each with its own
database connection, against a Redis server of our own, on PostgreSQL."""

import threading

import pytest
from django.db import connections
from django.test import Client

from cms.models import ContentGeneration
from tests.factories import PortraitPageFactory, publish
from tests.helpers.committed import COMMITTED, postgres_only
from tests.helpers.servers import own_redis

pytestmark = [*COMMITTED, postgres_only]

QUERY = "{ portraits { items { slug name } } }"
WORKERS = 6


@pytest.fixture
def redis_server(settings):
    with own_redis(settings, timeout=None) as server:
        settings.GRAPHQL_CACHE_SECONDS = 60
        settings.GRAPHQL_RATE_LIMIT = 10_000
        yield server


def _concurrent_reads():
    start = threading.Barrier(WORKERS)
    results, failures = [], []

    def read():
        try:
            client = Client()
            start.wait(timeout=30)
            response = client.post("/graphql/", {"query": QUERY}, content_type="application/json")
            results.append((response.status_code, response.get("X-Cache"), response.content))
        except Exception as error:  # noqa: BLE001 - reported by the test
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=read) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    return results


def test_concurrent_misses_after_a_change_compute_once(tree, redis_server):
    publish(PortraitPageFactory(parent=tree.dessau_section, slug="einmal"))
    first = _concurrent_reads()
    ContentGeneration.bump()  # a change: every cached answer ends
    after = _concurrent_reads()
    for results in (first, after):
        assert len(results) == WORKERS
        assert {status for status, _, _ in results} == {200}
        assert sorted(state for _, state, _ in results) == ["HIT"] * (WORKERS - 1) + ["MISS"]
        assert len({body for _, _, body in results}) == 1
        assert b"einmal" in results[0][2]


def test_without_redis_every_miss_computes(tree, redis_server):
    publish(PortraitPageFactory(parent=tree.dessau_section, slug="ohne"))
    redis_server.stop()
    results = _concurrent_reads()
    assert {status for status, _, _ in results} == {200}
    assert {state for _, state, _ in results} == {"MISS"}
