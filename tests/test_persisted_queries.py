"""Automatic persisted queries (cms/graphql/persisted.py, docs/api-caching.md)."""

import hashlib
import json

import pytest

QUERY = "query Kampagne { campaign { slug title } }"


def sha(text):
    return hashlib.sha256(text.encode()).hexdigest()


def apq(digest):
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


def post(client, body, **headers):
    return client.post(
        "/graphql/", data=json.dumps(body), content_type="application/json", **headers
    )


def get(client, params, **headers):
    encoded = {key: json.dumps(value) if key != "query" else value for key, value in params.items()}
    return client.get("/graphql/", encoded, HTTP_ACCEPT="application/json", **headers)


def codes(response):
    return [error["extensions"]["code"] for error in response.json().get("errors", [])]


@pytest.mark.django_db
def test_the_apollo_round_trip_over_post(client, tree):
    digest = sha(QUERY)
    unknown = post(client, {"extensions": apq(digest)})
    # Apollo clients expect HTTP 200 and recognise the error by its code and message.
    assert unknown.status_code == 200
    assert codes(unknown) == ["PERSISTED_QUERY_NOT_FOUND"]
    assert unknown.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    assert unknown["Cache-Control"] == "no-store"
    registered = post(client, {"query": QUERY, "extensions": apq(digest)})
    assert registered.status_code == 200
    assert registered.json()["data"]["campaign"]["slug"] == "gluecksbringer"
    again = post(client, {"extensions": apq(digest)})
    assert again.status_code == 200
    assert again.json() == registered.json()


@pytest.mark.django_db
def test_the_round_trip_over_get_with_variables_gives_cacheable_short_urls(client, tree):
    query = "query($slug: String) { portrait(slug: $slug) { slug } campaign { slug } }"
    digest = sha(query)
    params = {"extensions": apq(digest), "variables": {"slug": "gibt-es-nicht"}}
    unknown = get(client, params)
    assert unknown.status_code == 200
    assert codes(unknown) == ["PERSISTED_QUERY_NOT_FOUND"]
    assert unknown["Cache-Control"] == "no-store" and "ETag" not in unknown
    assert get(client, {**params, "query": query}).status_code == 200
    short = get(client, params)
    assert short.status_code == 200
    assert short.json()["data"] == {"portrait": None, "campaign": {"slug": "gluecksbringer"}}
    assert short["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert get(client, params, HTTP_IF_NONE_MATCH=short["ETag"]).status_code == 304


@pytest.mark.django_db
def test_a_hash_that_is_not_the_texts_sha256_is_refused_and_not_stored(client, tree):
    other = sha("{ campaign { title } }")
    mismatch = post(client, {"query": QUERY, "extensions": apq(other)})
    assert mismatch.status_code == 400
    assert codes(mismatch) == ["PERSISTED_QUERY_HASH_MISMATCH"]
    assert "data" not in mismatch.json()
    assert mismatch["Cache-Control"] == "no-store"
    assert codes(post(client, {"extensions": apq(other)})) == ["PERSISTED_QUERY_NOT_FOUND"]


@pytest.mark.django_db
def test_uppercase_hex_names_the_same_query(client, tree):
    digest = sha(QUERY)
    assert post(client, {"query": QUERY, "extensions": apq(digest.upper())}).status_code == 200
    assert post(client, {"extensions": apq(digest)}).json()["data"]["campaign"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "extensions",
    [
        {"persistedQuery": {"version": 2, "sha256Hash": "a" * 64}},
        {"persistedQuery": {"version": 1, "sha256Hash": "zz"}},
        {"persistedQuery": {"version": 1}},
        {"persistedQuery": "abc"},
        "kein json",
        [1, 2],
    ],
)
def test_malformed_extensions_are_client_errors(client, tree, extensions):
    response = post(client, {"extensions": extensions})
    assert response.status_code == 400
    assert codes(response) == ["BAD_USER_INPUT"]


@pytest.mark.django_db
def test_a_query_over_a_limit_is_refused_and_not_stored(client, tree, settings):
    settings.GRAPHQL_MAX_DEPTH = 3
    deep = "{ campaign { parent { parent { parent { slug } } } } }"
    refused = post(client, {"query": deep, "extensions": apq(sha(deep))})
    assert refused.status_code == 400
    assert codes(refused) == ["GRAPHQL_VALIDATION_FAILED"]
    settings.GRAPHQL_MAX_DEPTH = 10
    # Nothing was stored: the limits are checked at registration, not only at first use.
    assert codes(post(client, {"extensions": apq(sha(deep))})) == ["PERSISTED_QUERY_NOT_FOUND"]


@pytest.mark.django_db
def test_too_many_tokens_are_refused_and_not_stored(client, tree, settings):
    settings.GRAPHQL_MAX_TOKENS = 5
    refused = post(client, {"query": QUERY, "extensions": apq(sha(QUERY))})
    assert refused.status_code == 400
    settings.GRAPHQL_MAX_TOKENS = 5000
    assert codes(post(client, {"extensions": apq(sha(QUERY))})) == ["PERSISTED_QUERY_NOT_FOUND"]


@pytest.mark.django_db
def test_a_query_over_the_size_cap_is_answered_but_not_stored(client, tree, settings):
    settings.GRAPHQL_PERSISTED_QUERY_MAX_BYTES = len(QUERY.encode()) - 1
    answered = post(client, {"query": QUERY, "extensions": apq(sha(QUERY))})
    assert answered.status_code == 200 and answered.json()["data"]["campaign"]
    assert codes(post(client, {"extensions": apq(sha(QUERY))})) == ["PERSISTED_QUERY_NOT_FOUND"]
    settings.GRAPHQL_PERSISTED_QUERY_MAX_BYTES = len(QUERY.encode())
    post(client, {"query": QUERY, "extensions": apq(sha(QUERY))})
    assert post(client, {"extensions": apq(sha(QUERY))}).status_code == 200


@pytest.mark.django_db
def test_the_store_holds_at_most_its_slots(client, tree, settings):
    settings.GRAPHQL_PERSISTED_QUERY_SLOTS = 2
    queries = [f"{{ a{i}: campaign {{ slug }} }}" for i in range(12)]
    for query in queries:
        assert post(client, {"query": query, "extensions": apq(sha(query))}).status_code == 200
    found = [query for query in queries if not codes(post(client, {"extensions": apq(sha(query))}))]
    # Later queries took the slots of earlier ones: at most 2 are still known, and the last one
    # registered is one of them.
    assert 1 <= len(found) <= 2
    assert queries[-1] in found


@pytest.mark.django_db
def test_mutations_are_refused_over_get_even_when_persisted(client, tree):
    mutation = "mutation { nominate(input: {}) { ok } }"
    response = get(client, {"query": mutation, "extensions": apq(sha(mutation))})
    assert response.status_code == 405
    assert response["Cache-Control"] == "no-store"
    assert codes(post(client, {"extensions": apq(sha(mutation))})) == ["PERSISTED_QUERY_NOT_FOUND"]


@pytest.mark.django_db
def test_persisted_queries_count_against_the_rate_limit(client, tree, settings):
    settings.GRAPHQL_RATE_LIMIT = 2
    digest = sha(QUERY)
    assert post(client, {"extensions": apq(digest)}).status_code == 200  # not found
    assert post(client, {"query": QUERY, "extensions": apq(digest)}).status_code == 200
    refused = post(client, {"extensions": apq(digest)})
    assert refused.status_code == 429
    assert refused["X-RateLimit-Remaining"] == "0"


# Tests here count requests against a rate limit exactly (see `one_rate_window`).
pytestmark = pytest.mark.usefixtures("one_rate_window")
