"""GraphQL's error messages speak German by default and English with `Accept-Language: en`
(locale/en; cms/i18n.py picks the language for API paths only), and the response cache keeps
answers per language. Codes and arguments stay the same in every language: clients branch on
them, never on the text."""

import json

import pytest

from tests.factories import PortraitPageFactory, publish
from tests.helpers.error_language import (
    ENGLISH,
    ENGLISH_BROWSER,
    GERMAN,
    GERMAN_BROWSER,
    LANGUAGES,
    only_error,
    vary,
)

pytestmark = pytest.mark.django_db

# --- GraphQL ---------------------------------------------------------------------------------

# (query, code, argument, German beginning, English beginning)
GRAPHQL_CASES = {
    "portraits-order": (
        '{ portraits(order: "owner__password") { items { slug } } }',
        "BAD_USER_INPUT",
        "order",
        "Unbekannte Sortierung. Erlaubt: -first_published_at, first_published_at, title, -title.",
        "Unknown order. Allowed: -first_published_at, first_published_at, title, -title.",
    ),
    "pages-order": (
        '{ pages(order: "owner__password") { slug } }',
        "BAD_USER_INPUT",
        "order",
        "Unbekannte Sortierung. Erlaubt: ",
        "Unknown order. Allowed: ",
    ),
    "town": (
        '{ portraits(town: "atlantis") { items { slug } } }',
        "BAD_USER_INPUT",
        "town",
        "Unbekannte Partnerstadt. Erlaubt: dessau-rosslau, lutherstadt-wittenberg.",
        "Unknown partner town. Allowed: dessau-rosslau, lutherstadt-wittenberg.",
    ),
    "per-page": (
        "{ portraits(perPage: 101) { items { slug } } }",
        "BAD_USER_INPUT",
        "perPage",
        "perPage muss zwischen 1 und 100 liegen.",
        "perPage must be between 1 and 100.",
    ),
    "page": (
        "{ portraits(page: 0) { items { slug } } }",
        "BAD_USER_INPUT",
        "page",
        "page beginnt bei 1.",
        "page starts at 1.",
    ),
    "offset": (
        "{ images(offset: -1) { id } }",
        "BAD_USER_INPUT",
        "offset",
        "offset darf nicht negativ sein.",
        "offset must not be negative.",
    ),
    "list-length": (
        "{ images { srcSet(sizes: [%s]) } }" % ", ".join(["400"] * 101),
        "BAD_USER_INPUT",
        "sizes",
        "sizes hat zu viele Einträge (höchstens 100).",
        "sizes has too many entries (at most 100).",
    ),
    # A literal of the wrong type: refused by validation, with the argument named.
    "per-page-type": (
        '{ portraits(perPage: "zwei") { items { slug } } }',
        "GRAPHQL_VALIDATION_FAILED",
        "perPage",
        'perPage erwartet einen Wert vom Typ PositiveInt, nicht "zwei".',
        'perPage expects a value of type PositiveInt, not "zwei".',
    ),
    "town-type": (
        "{ portraits(town: 5) { items { slug } } }",
        "GRAPHQL_VALIDATION_FAILED",
        "town",
        "town erwartet einen Wert vom Typ String, nicht 5.",
        "town expects a value of type String, not 5.",
    ),
    "input-field": (
        'mutation { nominate(input: { nomineeName: "A", nomineeKind: "person", town: "x", '
        'reason: "r", nominatorName: "N", nominatorEmail: "n@example.org", '
        "nomineeInformed: true, privacyConsent: true, age: 3 }) { ok } }",
        "GRAPHQL_VALIDATION_FAILED",
        "input",
        "input: Ein Feld age gibt es nicht.",
        "input: there is no field age.",
    ),
}


def test_a_wrong_type_is_refused_before_it_runs_and_names_the_argument(graphql, tree):
    response = graphql.post(
        '{ campaign { slug } portraits(page: 1, perPage: "2") { items { slug } } }'
    )
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": 'perPage erwartet einen Wert vom Typ PositiveInt, nicht "2".',
                "locations": [{"line": 1, "column": 49}],
                "extensions": {"code": "GRAPHQL_VALIDATION_FAILED", "argument": "perPage"},
            }
        ]
    }
    response = graphql.post(
        'query($n: PositiveInt = "viele") { portraits(perPage: $n) { items { slug } } }'
    )
    [error] = response.json()["errors"]
    assert error["message"] == 'Erwartet wird ein Wert vom Typ PositiveInt, nicht "viele".'
    assert error["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}


@LANGUAGES
@pytest.mark.parametrize("case", GRAPHQL_CASES)
def test_graphql_argument_errors_follow_accept_language(graphql, tree, headers, language, case):
    query, code, argument, german, english = GRAPHQL_CASES[case]
    response = graphql.post(query, **headers)
    error = only_error(response)
    assert error["message"].startswith(german if language == "de" else english), error
    assert error["extensions"]["code"] == code
    assert error["extensions"]["argument"] == argument
    assert response["Content-Language"] == language
    assert "accept-language" in vary(response)


@LANGUAGES
def test_depth_limit_error_follows_accept_language(graphql, tree, settings, headers, language):
    settings.GRAPHQL_MAX_DEPTH = 3
    response = graphql.post(
        "query Deep { campaign { parent { parent { parent { slug } } } } }", **headers
    )
    assert response.status_code == 400
    error = only_error(response)
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    expected = {
        "de": "'Deep' ist zu tief verschachtelt (Tiefe 4, höchstens 3).",
        "en": "'Deep' is nested too deeply (depth 4, at most 3).",
    }
    assert error["message"] == expected[language]


@LANGUAGES
def test_cost_and_alias_limits_follow_accept_language(graphql, tree, settings, headers, language):
    settings.GRAPHQL_MAX_ALIASES = 1
    response = graphql.post("{ a: campaign { slug } b: campaign { slug } }", **headers)
    expected = {"de": "Zu viele Aliase (höchstens 1).", "en": "Too many aliases (at most 1)."}
    assert only_error(response)["message"] == expected[language]

    settings.GRAPHQL_MAX_COST = 10
    response = graphql.post("{ portraits(perPage: 100) { items { slug } } }", **headers)
    message = only_error(response)["message"]
    assert message.startswith(
        {"de": "Die Anfrage ist zu aufwendig", "en": "The query is too costly"}[language]
    ), message


@LANGUAGES
def test_rate_limit_message_follows_accept_language(
    graphql, tree, settings, one_rate_window, headers, language
):
    settings.GRAPHQL_RATE_LIMIT = 1
    assert graphql.post("{ campaign { slug } }").status_code == 200
    response = graphql.post("{ campaign { slug } }", **headers)
    assert response.status_code == 429
    error = only_error(response)
    assert error["extensions"]["code"] == "RATE_LIMITED"
    expected = {
        "de": "Zu viele Anfragen. Bitte später erneut versuchen.",
        "en": "Too many requests. Please try again later.",
    }
    assert error["message"] == expected[language]
    assert "accept-language" in vary(response)
    assert response["Cache-Control"] == "no-store"


@LANGUAGES
def test_http_level_errors_follow_accept_language(client, tree, headers, language):
    """Errors before GraphQL runs: a bad key, a form post, a body that is no JSON object, a
    mutation over GET, and graphene-django's own (English) messages in our words."""
    expected = {
        "de": [
            "Unbekannter oder widerrufener API-Schlüssel.",
            "Bitte als application/json senden.",
            "Der Anfragekörper muss ein JSON-Objekt sein.",
            "Der Anfragekörper ist kein gültiges JSON.",
            "Eine mutation-Operation ist nur per POST möglich.",
        ],
        "en": [
            "Unknown or revoked API key.",
            "Please send as application/json.",
            "The request body must be a JSON object.",
            "The request body is not valid JSON.",
            "A mutation operation is only possible with POST.",
        ],
    }[language]
    responses = [
        client.post(
            "/graphql/",
            data=json.dumps({"query": "{ campaign { slug } }"}),
            content_type="application/json",
            HTTP_AUTHORIZATION="Bearer es_geraten",
            **headers,
        ),
        client.post("/graphql/", {"query": "{ campaign { slug } }"}, **headers),
        client.post("/graphql/", data=b"[1, 2]", content_type="application/json", **headers),
        client.post("/graphql/", data=b"not json", content_type="application/json", **headers),
        client.get(
            "/graphql/",
            {"query": "mutation { nominate(input: {}) { ok } }"},
            HTTP_ACCEPT="application/json",
            **headers,
        ),
    ]
    assert [only_error(response)["message"] for response in responses] == expected
    for response in responses:
        assert 400 <= response.status_code < 500
        assert "accept-language" in vary(response)


@LANGUAGES
def test_persisted_query_errors_follow_accept_language(client, tree, headers, language):
    body = {"query": "{ campaign { slug } }", "extensions": {"persistedQuery": {"version": 2}}}
    response = client.post(
        "/graphql/", data=json.dumps(body), content_type="application/json", **headers
    )
    assert response.status_code == 400
    expected = {
        "de": "Nur persistedQuery version 1 wird unterstützt.",
        "en": "Only persistedQuery version 1 is supported.",
    }
    assert only_error(response)["message"] == expected[language]


@pytest.mark.parametrize(("headers", "language"), [(GERMAN, "de"), (ENGLISH, "en")])
def test_persisted_query_not_found_is_apollos_word_in_every_language(
    client, tree, headers, language
):
    body = {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "ab" * 32}}}
    response = client.post(
        "/graphql/", data=json.dumps(body), content_type="application/json", **headers
    )
    assert only_error(response)["message"] == "PersistedQueryNotFound"


def test_leichte_sprache_and_unknown_languages_get_german(graphql, tree):
    for accept in ("de-x-ls", "fr", "fr-FR,it;q=0.5"):
        error = only_error(
            graphql.post(
                "{ portraits(perPage: 101) { items { slug } } }", HTTP_ACCEPT_LANGUAGE=accept
            )
        )
        assert error["message"] == "perPage muss zwischen 1 und 100 liegen.", accept


# --- Response cache --------------------------------------------------------------------------


def test_cached_answers_are_kept_per_language(graphql, tree, settings):
    """The response cache's key holds the request's language: answers say `Vary:
    Accept-Language`, so an English request is never answered from a German entry."""
    settings.GRAPHQL_CACHE_SECONDS = 60
    publish(PortraitPageFactory(parent=tree.dessau_section, slug="gecacht"))
    query = "{ portraits { items { slug } } }"
    states = [
        graphql.post(query, **headers).get("X-Cache")
        for headers in (GERMAN, GERMAN_BROWSER, ENGLISH, ENGLISH_BROWSER)
    ]
    assert states == ["MISS", "HIT", "MISS", "HIT"]


def test_error_answers_are_not_cached(graphql, tree, settings):
    settings.GRAPHQL_CACHE_SECONDS = 60
    query = '{ portraits(order: "nope") { items { slug } } }'
    for headers, beginning in ((GERMAN, "Unbekannte"), (ENGLISH, "Unknown"), (GERMAN, "Unb")):
        response = graphql.post(query, **headers)
        assert response.get("X-Cache") is None
        assert response["Cache-Control"] == "no-store"
        assert only_error(response)["message"].startswith(beginning)
