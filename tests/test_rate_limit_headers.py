"""X-RateLimit-* headers on every public GraphQL answer (docs/api-caching.md)."""

import pytest

from cms.models import PartnerApiKey

QUERY = "{ campaign { slug } }"


def rate_headers(response):
    return (
        int(response["X-RateLimit-Limit"]),
        int(response["X-RateLimit-Remaining"]),
        int(response["X-RateLimit-Reset"]),
    )


@pytest.mark.django_db
def test_headers_count_down_to_a_429(graphql, tree, settings):
    settings.GRAPHQL_RATE_LIMIT = 3
    settings.GRAPHQL_RATE_LIMIT_WINDOW = 60
    seen = []
    for _ in range(3):
        response = graphql.post(QUERY)
        assert response.status_code == 200
        limit, remaining, reset = rate_headers(response)
        assert limit == 3
        assert 0 < reset <= 60  # seconds until the window gives back allowance
        seen.append(remaining)
    assert seen == [2, 1, 0]
    refused = graphql.post(QUERY)
    assert refused.status_code == 429
    assert refused["Cache-Control"] == "no-store"
    limit, remaining, reset = rate_headers(refused)
    assert (limit, remaining) == (3, 0)
    assert reset == int(refused["Retry-After"]) >= 1


@pytest.mark.django_db
def test_get_answers_and_their_304s_carry_the_headers_too(graphql, tree, settings):
    settings.GRAPHQL_RATE_LIMIT = 10
    first = graphql.get(QUERY)
    assert first.status_code == 200
    assert rate_headers(first)[:2] == (10, 9)
    again = graphql.get(QUERY, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert rate_headers(again)[:2] == (10, 8)


@pytest.mark.django_db
def test_error_answers_carry_the_headers(graphql, tree, settings):
    settings.GRAPHQL_RATE_LIMIT = 10
    response = graphql.post("{ campaign { nope } }")
    assert response.status_code == 400
    assert rate_headers(response)[:2] == (10, 9)
    bad_key = graphql.post(QUERY, HTTP_AUTHORIZATION="Bearer falsch")
    assert bad_key.status_code == 401
    # A bad key counts against the caller's address, like an anonymous request.
    assert rate_headers(bad_key)[:2] == (10, 8)


@pytest.mark.django_db
def test_api_key_clients_see_their_own_limit(graphql, tree, settings):
    settings.GRAPHQL_RATE_LIMIT = 2
    _key, raw_key = PartnerApiKey.issue("Stadt Wittenberg", rate_limit=5)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw_key}"}
    remaining = [rate_headers(graphql.post(QUERY, **auth))[1] for _ in range(5)]
    assert remaining == [4, 3, 2, 1, 0]
    refused = graphql.post(QUERY, **auth)
    assert refused.status_code == 429
    assert rate_headers(refused)[:2] == (5, 0)
    # The anonymous allowance of the same address is untouched and smaller.
    anonymous = graphql.post(QUERY)
    assert anonymous.status_code == 200
    assert rate_headers(anonymous)[:2] == (2, 1)


# Tests here count requests against a rate limit exactly (see `one_rate_window`).
pytestmark = pytest.mark.usefixtures("one_rate_window")
