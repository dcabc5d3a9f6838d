"""Who a client is and how often it may ask (docs/api.md, "Errors", "API keys and CORS"): rate
limits per client (429 with Retry-After), partner API keys, CORS for partner origins, the client
behind a trusted proxy.
"""

import pytest

from tests.helpers.graphql_client import codes


@pytest.mark.django_db
def test_rate_limit_answers_429_with_retry_after(graphql, tree, settings):
    settings.GRAPHQL_RATE_LIMIT = 3
    for _ in range(3):
        assert graphql.post("{ campaign { slug } }").status_code == 200
    response = graphql.post("{ campaign { slug } }")
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert codes(response.json()["errors"]) == {"RATE_LIMITED"}


@pytest.mark.django_db
def test_partner_api_key_gets_its_own_higher_limit(graphql, tree, settings):
    from cms.models import PartnerApiKey

    settings.GRAPHQL_RATE_LIMIT = 2
    _key, raw_key = PartnerApiKey.issue("Stadt Wittenberg", rate_limit=5)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw_key}"}
    for _ in range(5):
        assert graphql.post("{ campaign { slug } }", **auth).status_code == 200
    assert graphql.post("{ campaign { slug } }", **auth).status_code == 429
    # Anonymous clients have their own, lower budget.
    assert graphql.post("{ campaign { slug } }").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["Bearer falsch", "Basic abc", "Bearer "])
def test_unknown_or_revoked_api_key_is_unauthenticated(graphql, tree, header):
    response = graphql.post("{ campaign { slug } }", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert codes(response.json()["errors"]) == {"UNAUTHENTICATED"}


@pytest.mark.django_db
def test_revoked_key_stops_working(graphql, tree):
    from django.core.management import call_command

    from cms.models import PartnerApiKey

    key, raw_key = PartnerApiKey.issue("Gräfenhainichen")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw_key}"}
    assert graphql.post("{ campaign { slug } }", **auth).status_code == 200
    call_command("api_key", "--revoke", key.prefix)
    assert graphql.post("{ campaign { slug } }", **auth).status_code == 401
    assert PartnerApiKey.objects.get().key_hash != raw_key


@pytest.mark.django_db
def test_cors_allows_configured_partner_origins(client, tree):
    origin = "https://www.bitterfeld-wolfen.de"
    response = client.options(
        "/graphql/",
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization,content-type",
    )
    assert response["Access-Control-Allow-Origin"] == origin
    assert "authorization" in response["Access-Control-Allow-Headers"]
    other = client.options(
        "/graphql/", HTTP_ORIGIN="https://evil.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    assert "Access-Control-Allow-Origin" not in other


@pytest.mark.django_db
def test_guessing_keys_is_rate_limited_like_anonymous_reads(graphql, tree, settings):
    settings.GRAPHQL_RATE_LIMIT = 3
    for _ in range(3):
        response = graphql.post("{ campaign { title } }", HTTP_AUTHORIZATION="Bearer es_geraten")
        assert response.status_code == 401
    response = graphql.post("{ campaign { title } }", HTTP_AUTHORIZATION="Bearer es_geraten")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert codes(response.json()["errors"]) == {"RATE_LIMITED"}
    # The guesses used up the IP's allowance for anonymous reads as well.
    assert graphql.post("{ campaign { title } }").status_code == 429


@pytest.mark.django_db
def test_rate_limits_count_the_client_behind_a_trusted_proxy(graphql, tree, settings):
    settings.GRAPHQL_RATE_LIMIT = 2
    settings.TRUSTED_PROXY_COUNT = 1
    query = "{ campaign { title } }"
    for _ in range(2):
        assert graphql.post(query, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 200
    assert graphql.post(query, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    # Another citizen behind the same proxy has an allowance of their own …
    assert graphql.post(query, HTTP_X_FORWARDED_FOR="198.51.100.4").status_code == 200
    # … and a forged left-hand entry does not buy a new one.
    spoofed = graphql.post(query, HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7")
    assert spoofed.status_code == 429


# Tests here count requests against a rate limit exactly (see `one_rate_window`).
pytestmark = pytest.mark.usefixtures("one_rate_window")
