"""X-RateLimit-* headers on every public GraphQL and REST answer (docs/api-caching.md), and
browsers on partner origins may read them (CORS)."""

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


@pytest.mark.django_db
def test_rest_answers_carry_the_headers_of_the_shared_count(client, graphql, tree, settings):
    settings.GRAPHQL_RATE_LIMIT = 3
    listing = client.get("/api/v2/pages/", HTTP_ACCEPT="application/json")
    assert listing.status_code == 200
    assert rate_headers(listing)[:2] == (3, 2)
    assert rate_headers(graphql.post(QUERY))[:2] == (3, 1)  # one count for both APIs
    error = client.get("/api/v2/pages/", {"limit": 500}, HTTP_ACCEPT="application/json")
    assert error.status_code == 400
    assert rate_headers(error)[:2] == (3, 0)
    refused = client.get("/api/v2/engagement-areas/", HTTP_ACCEPT="application/json")
    assert refused.status_code == 429
    limit, remaining, reset = rate_headers(refused)
    assert (limit, remaining) == (3, 0)
    assert reset == int(refused["Retry-After"]) >= 1


PARTNER = "https://www.bitterfeld-wolfen.de"  # in the test settings' CORS_ALLOWED_ORIGINS
EXPOSED = {"x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "retry-after", "etag"}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/graphql/?query={campaign{slug}}", "/api/v2/pages/"])
def test_browsers_on_partner_origins_may_read_the_headers(client, tree, settings, path):
    settings.GRAPHQL_RATE_LIMIT = 1
    answer = client.get(path, HTTP_ORIGIN=PARTNER, HTTP_ACCEPT="application/json")
    assert answer.status_code == 200
    assert answer["Access-Control-Allow-Origin"] == PARTNER
    exposed = {name.strip().lower() for name in answer["Access-Control-Expose-Headers"].split(",")}
    assert exposed >= EXPOSED
    assert "X-RateLimit-Remaining" in answer
    refused = client.get(path, HTTP_ORIGIN=PARTNER, HTTP_ACCEPT="application/json")
    assert refused.status_code == 429
    assert refused["Access-Control-Allow-Origin"] == PARTNER
    assert "retry-after" in refused["Access-Control-Expose-Headers"].lower()
    # A script may revalidate with the ETag it read.
    preflight = client.options(
        path,
        HTTP_ORIGIN=PARTNER,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]
    # Other origins get nothing to read.
    other = client.get(path, HTTP_ORIGIN="https://evil.example", HTTP_ACCEPT="application/json")
    assert "Access-Control-Expose-Headers" not in other


# Tests here count requests against a rate limit exactly (see `one_rate_window`).
pytestmark = pytest.mark.usefixtures("one_rate_window")
