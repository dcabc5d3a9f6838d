"""A response-cache hit costs one Redis round trip and one tiny SQL query: the stored response
bytes and ETag come back in the rate limit's pipeline, keyed by the raw request (no GraphQL
parsing, no JSON encoding). Counted on a Redis server of our own (INFO commandstats)."""

import hashlib
import json

import pytest

from tests.helpers.servers import own_redis

QUERY = "{ portraits { items { slug name photo { alt } } } }"


@pytest.fixture
def redis_server(settings):
    with own_redis(settings, timeout=None) as server:
        settings.GRAPHQL_CACHE_SECONDS = 60
        yield server


def round_trips(server):
    """Replies Redis has written so far (one per pipeline a client sends and waits for)."""
    return server.client.info("stats")["total_writes_processed"]


def commands(server):
    """Commands clients sent since the last call, by name (our own INFO/CONFIG left out; the
    commands a Lua script runs inside Redis are not sent, they are left out too)."""
    stats = server.client.info("commandstats")
    server.client.config_resetstat()
    return {
        name: value["calls"]
        for name, value in ((n.removeprefix("cmdstat_"), v) for n, v in stats.items())
        if name not in {"info", "config|resetstat", "config"}
        and name not in {"exists", "incrby", "pttl", "expire"}  # inside limits' scripts
    } | {"get": stats["cmdstat_get"]["calls"] - 4}  # limits' scripts each GET both windows


@pytest.mark.django_db
def test_a_hit_is_one_pipeline_and_one_query(
    graphql, portrait_with_photo, redis_server, django_assert_num_queries
):
    miss = graphql.post(QUERY)
    assert miss["X-Cache"] == "MISS"
    commands(redis_server)
    before = round_trips(redis_server)
    with django_assert_num_queries(1):  # the content generation
        hit = graphql.post(QUERY)
    # One round trip for the request, one for our own INFO call.
    assert round_trips(redis_server) - before == 2
    assert hit["X-Cache"] == "HIT"
    assert hit.content == miss.content  # the stored bytes, as sent
    # Counting the request and reading its window (limits' two Lua scripts) and the stored
    # answer: three commands, sent as one pipeline. No lock, no write, no second look-up.
    assert commands(redis_server) == {"evalsha": 2, "get": 1}
    assert hit["X-RateLimit-Remaining"] == str(int(miss["X-RateLimit-Remaining"]) - 1)


@pytest.mark.django_db
def test_get_post_and_persisted_hash_share_one_entry_with_its_etag(
    graphql, portrait_with_photo, redis_server
):
    miss = graphql.get(QUERY)
    assert miss["X-Cache"] == "MISS"
    etag = miss["ETag"]
    assert graphql.post(QUERY)["X-Cache"] == "HIT"
    hit = graphql.get(QUERY)
    assert (hit["X-Cache"], hit["ETag"], hit.content) == ("HIT", etag, miss.content)
    assert graphql.get(QUERY, HTTP_IF_NONE_MATCH=etag).status_code == 304
    # Variables in another order or spelled as a JSON string are the same request.
    digest = hashlib.sha256(QUERY.encode()).hexdigest()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
    registered = graphql.client.post(
        "/graphql/",
        data=json.dumps({"query": QUERY, "extensions": extensions}),
        content_type="application/json",
    )
    assert registered["X-Cache"] == "HIT"
    by_hash = graphql.client.get(
        "/graphql/", {"extensions": json.dumps(extensions), "variables": "{}"}
    )
    assert (by_hash["X-Cache"], by_hash.content) == ("HIT", miss.content)


@pytest.mark.django_db
def test_bad_requests_poison_nothing(graphql, portrait_with_photo, redis_server):
    for query in ("{ portraits { items { slug }", "{ portraits { nope } }"):
        for _ in range(2):
            response = graphql.post(query)
            assert response.get("X-Cache") is None
            assert response.json()["errors"]
    assert not redis_server.client.keys("*graphql:response:*")
    # A query whose text hides behind a wrong hash is refused, not served from the cache.
    assert graphql.post(QUERY)["X-Cache"] == "MISS"
    wrong = {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}
    response = graphql.client.post(
        "/graphql/",
        data=json.dumps({"query": QUERY, "extensions": wrong}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.get("X-Cache") is None
