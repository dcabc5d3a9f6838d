"""What a request to /graphql/ may look like (docs/api.md, "Errors"): GET and POST, malformed
bodies and form posts refused as client errors, ETags for GET answers, rejected variables not
echoed back.
"""

import pytest

from tests.factories import publish


@pytest.mark.django_db
def test_get_requests_work_and_mutations_over_get_are_refused(graphql, tree):
    response = graphql.get("{ campaign { slug launchDate } }")
    assert response.status_code == 200
    assert response.json()["data"]["campaign"] == {
        "slug": "gluecksbringer",
        "launchDate": "2023-06-19",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[1, 2]",
        b'"a string"',
        b'{"query": 42}',
        b'{"query": "{ campaign { slug } }", "variables": [1]}',
        b"{}",
        b'{"query": "{ campaign { slug "}',
    ],
)
def test_malformed_requests_are_client_errors(client, tree, body):
    response = client.post("/graphql/", data=body, content_type="application/json")
    assert 400 <= response.status_code < 500
    errors = response.json()["errors"]
    assert errors[0]["extensions"]["code"] in {"BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"}
    assert "Traceback" not in response.content.decode()


@pytest.mark.django_db
def test_get_answers_revalidate_with_an_etag(graphql, tree, client):
    first = graphql.get("{ campaign { title } }")
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    etag = first["ETag"]
    again = graphql.get("{ campaign { title } }", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    # The content changes: the old ETag no longer matches, the new title comes back.
    tree.campaign.title = "Glücksbringer 2027"
    publish(tree.campaign)
    changed = graphql.get("{ campaign { title } }", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed.json()["data"]["campaign"]["title"] == "Glücksbringer 2027"
    assert graphql.post("{ campaign { title } }")["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_rejected_variables_are_not_echoed_back(graphql, tree):
    query = "mutation($i: NominationInput!) { nominate(input: $i) { ok } }"
    variables = {
        "i": {
            "nomineeName": "Test Person",
            "nomineeKind": "person",
            "town": "dessau-rosslau",
            "reason": "x" * 30,
            "nominatorName": "Max Geheim",
            "nominatorEmail": "max.geheim@example.org",
            "nomineeInformed": True,
            "privacyConsent": True,
            "extra": 1,
        }
    }
    response = graphql.post(query, variables)
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert (
        error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
        or error["extensions"]["code"] == "BAD_USER_INPUT"
    )
    assert "max.geheim" not in error["message"] and "Max Geheim" not in error["message"]
    assert "'extra'" in error["message"]  # the reason stays


@pytest.mark.django_db
def test_form_posts_and_broken_bodies_are_refused(client, tree):
    form = client.post("/graphql/", {"query": "{ campaign { title } }"})
    assert form.status_code == 415
    assert form.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    broken = client.post("/graphql/", data=b'{"query": "\xff"}', content_type="application/json")
    assert broken.status_code == 400
    assert "codec" not in broken.json()["errors"][0]["message"]
