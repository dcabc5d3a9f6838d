"""GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/) at /graphql/: media
types by `Accept`, their status codes, and a GET's Content-Type ignored (docs/api.md, "Media
types and status codes"). The real clients (Apollo Client, the graphql-http audit) are in
tests/test_real_clients.py."""

import json

import pytest

GRAPHQL_RESPONSE = "application/graphql-response+json"
QUERY = "{ campaign { slug } }"
APQ = {"version": 1, "sha256Hash": "a" * 64}  # a hash the server does not know

# GraphQL request errors: nothing is executed, the answer has `errors` and no `data`.
REQUEST_ERRORS = [
    {"query": "{"},  # does not parse
    {"query": "{ campaign { nope } }"},  # does not validate
    {"query": "query($n: PositiveInt!) { portraits(perPage: $n) { items { slug } } }"},  # no $n
    {"query": "query($n: PositiveInt!) { campaign { slug } }", "variables": {"n": "zwei"}},
]


def post(client, body, accept=None):
    headers = {"HTTP_ACCEPT": accept} if accept is not None else {}
    return client.post(
        "/graphql/", data=json.dumps(body), content_type="application/json", **headers
    )


# Accept → the answer's Content-Type, and the status of a GraphQL request error.
BY_ACCEPT = {
    # Clients that name no media type: the codes docs/api.md has always documented.
    None: ("application/json", 400),
    "*/*": ("application/json", 400),  # fetch's default
    "text/html,application/xhtml+xml,*/*;q=0.8": ("application/json", 400),
    # `application/json` named: the spec's 200 for that media type.
    "application/json": ("application/json", 200),
    f"application/json, {GRAPHQL_RESPONSE};q=0.5": ("application/json", 200),
    "*/*;q=0.1, application/json": ("application/json", 200),
    # The new media type preferred: 400.
    GRAPHQL_RESPONSE: (GRAPHQL_RESPONSE, 400),
    f"{GRAPHQL_RESPONSE},application/json;q=0.9": (GRAPHQL_RESPONSE, 400),  # Apollo Client 4
    f"{GRAPHQL_RESPONSE}, */*": (GRAPHQL_RESPONSE, 400),
}


@pytest.mark.django_db
def test_a_get_with_a_json_content_type_is_answered(client, tree):
    """Apollo Client sends `Content-Type: application/json` on GET; a GET has no body."""
    response = client.get(
        "/graphql/",
        {"query": QUERY},
        CONTENT_TYPE="application/json",
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"data": {"campaign": {"slug": "gluecksbringer"}}}
    assert response["ETag"]


@pytest.mark.django_db
def test_media_type_and_status_codes_follow_accept(client, tree):
    for accept, (content_type, status) in BY_ACCEPT.items():
        answer = post(client, {"query": QUERY}, accept)
        assert (answer.status_code, answer["Content-Type"]) == (200, content_type), accept
        assert answer.json()["data"]["campaign"]["slug"] == "gluecksbringer"
        for body in REQUEST_ERRORS:
            refused = post(client, body, accept)
            assert (refused.status_code, refused["Content-Type"]) == (status, content_type), (
                accept,
                body,
            )
            payload = refused.json()
            assert "data" not in payload and payload["errors"], payload
            assert refused["Cache-Control"] == "no-store"
        # A body that is no GraphQL request at all is a 400 whatever the client accepts.
        headers = {"HTTP_ACCEPT": accept} if accept else {}
        broken = client.post(
            "/graphql/", data='{"query": ', content_type="application/json", **headers
        )
        assert broken.status_code == 400, accept


@pytest.mark.django_db
def test_an_accept_without_either_media_type_is_a_406(client, tree):
    answer = post(client, {"query": QUERY}, "text/html, application/xml")
    assert answer.status_code == 406
    assert answer.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "application/graphql-response+json" in answer.json()["errors"][0]["message"]


@pytest.mark.django_db
def test_get_answers_vary_by_accept_with_an_etag_per_media_type(client, tree):
    plain = client.get("/graphql/", {"query": QUERY}, HTTP_ACCEPT="application/json")
    graphql = client.get("/graphql/", {"query": QUERY}, HTTP_ACCEPT=GRAPHQL_RESPONSE)
    assert plain.content == graphql.content
    assert graphql["Content-Type"] == GRAPHQL_RESPONSE
    for answer in (plain, graphql):
        assert "Accept" in answer["Vary"] and "Accept-Language" in answer["Vary"]
    assert plain["ETag"] != graphql["ETag"]
    again = client.get(
        "/graphql/",
        {"query": QUERY},
        HTTP_ACCEPT=GRAPHQL_RESPONSE,
        HTTP_IF_NONE_MATCH=graphql["ETag"],
    )
    assert again.status_code == 304


@pytest.mark.django_db
def test_extensions_that_are_no_object_are_a_400(client, tree):
    for extensions in (0, False, "persistedQuery", ["a"]):
        answer = post(client, {"query": QUERY, "extensions": extensions})
        assert answer.status_code == 400, extensions
        assert answer.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.django_db
@pytest.mark.usefixtures("one_rate_window")
def test_rate_limit_and_persisted_queries_keep_their_codes_in_both_media_types(
    client, tree, settings
):
    settings.GRAPHQL_RATE_LIMIT = 4
    for accept in (GRAPHQL_RESPONSE, "application/json"):
        unknown = post(client, {"extensions": {"persistedQuery": APQ}}, accept)
        assert unknown.status_code == 200
        assert unknown["Content-Type"] == accept
        assert unknown.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
        mismatch = post(client, {"query": QUERY, "extensions": {"persistedQuery": APQ}}, accept)
        assert mismatch.status_code == 400
    for accept in (GRAPHQL_RESPONSE, "application/json"):
        refused = post(client, {"query": QUERY}, accept)
        assert refused.status_code == 429
        assert refused["Retry-After"]
        assert refused["Content-Type"] == accept
