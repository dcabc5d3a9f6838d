"""The API's error messages speak German by default and English with `Accept-Language: en`
(locale/en; cms/i18n.py picks the language for API paths only). Codes and arguments stay the
same in every language: clients branch on them, never on the text. The English catalog is
complete, agrees with its compiled .mo, and covers every message the API's code translates."""

import ast
import gettext
import json
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import PortraitPageFactory, publish

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
EN_PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"

GERMAN = {}  # no Accept-Language at all: the default
GERMAN_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "de"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}
LANGUAGES = pytest.mark.parametrize(
    ("headers", "language"),
    [(GERMAN, "de"), (GERMAN_BROWSER, "de"), (ENGLISH, "en"), (ENGLISH_BROWSER, "en")],
    ids=["default", "de", "en", "en-GB"],
)


def only_error(response):
    errors = response.json()["errors"]
    assert len(errors) == 1, errors
    return errors[0]


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


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


@pytest.mark.parametrize(("headers", "language"), [(GERMAN, "de"), (ENGLISH, "en")])
def test_nomination_field_errors_follow_accept_language(
    graphql, tree, one_rate_window, headers, language
):
    from tests.helpers.content import NOMINATE, valid_input

    data = valid_input(
        nomineeName="x" * 201,
        nomineeKind="verein",
        town="atlantis",
        areas=[],
        reason="kurz",
        nominatorEmail="kaputt",
        nominatorPhone="ruf an",
        privacyConsent=False,
    )
    response = graphql.post(NOMINATE, {"input": data}, **headers)
    result = response.json()["data"]["nominate"]
    assert result["ok"] is False
    messages = {error["field"]: error["message"] for error in result["errors"]}
    expected = {
        "de": {
            "nomineeName": "Bitte höchstens 200 Zeichen angeben.",
            "nomineeKind": "Bitte „person“ (Person) oder „initiative“ (Initiative) angeben.",
            "town": "Diese Partnerstadt ist nicht bekannt.",
            "reason": "Bitte beschreiben Sie in ein paar Sätzen (mindestens 20 Zeichen), warum "
            "die Person oder Initiative ein Glücksbringer ist.",
            "nominatorEmail": "Bitte eine gültige E-Mail-Adresse angeben.",
            "nominatorPhone": "Bitte eine Telefonnummer aus Ziffern, Leerzeichen, +, /, - angeben.",
            "privacyConsent": "Bitte stimmen Sie der Verarbeitung Ihrer Angaben gemäß der "
            "Datenschutzerklärung zu.",
        },
        "en": {
            "nomineeName": "Please enter at most 200 characters.",
            "nomineeKind": 'Please give "person" or "initiative".',
            "town": "This partner town is not known.",
            "reason": "Please describe in a few sentences (at least 20 characters) why the "
            "person or initiative is a Glücksbringer.",
            "nominatorEmail": "Please enter a valid e-mail address.",
            "nominatorPhone": "Please enter a phone number of digits, spaces, +, /, -.",
            "privacyConsent": "Please agree to the processing of your details under the "
            "privacy policy.",
        },
    }
    assert messages == expected[language]


def test_the_same_field_error_changes_language_between_requests(graphql, tree, one_rate_window):
    """Form messages are lazy: translated per request, not frozen at import in one language."""
    from tests.helpers.content import NOMINATE, valid_input

    def message(**headers):
        data = valid_input(nominatorName="", areas=[])
        result = graphql.post(NOMINATE, {"input": data}, **headers).json()["data"]["nominate"]
        assert [error["field"] for error in result["errors"]] == ["nominatorName"]
        return result["errors"][0]["message"]

    assert [message(**ENGLISH), message(), message(**ENGLISH)] == [
        "Please fill this in.",
        "Bitte ausfüllen.",
        "Please fill this in.",
    ]


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


# --- REST ------------------------------------------------------------------------------------


@LANGUAGES
def test_rest_errors_follow_accept_language(client, tree, headers, language):
    def message(**params):
        response = client.get("/api/v2/pages/", params, HTTP_ACCEPT="application/json", **headers)
        assert response.status_code == 400, response.content
        assert "accept-language" in vary(response)
        assert response["Content-Language"] == language
        return response.json()["message"]

    expected = {
        "de": [
            "Unbekannte Partnerstadt. Erlaubt: dessau-rosslau, lutherstadt-wittenberg.",
            "town: nur zusammen mit type=pages.PortraitPage.",
            "rich_text_format: nur html.",
        ],
        "en": [
            "Unknown partner town. Allowed: dessau-rosslau, lutherstadt-wittenberg.",
            "town: only together with type=pages.PortraitPage.",
            "rich_text_format: html only.",
        ],
    }[language]
    assert [
        message(type="pages.PortraitPage", town="atlantis"),
        message(town="dessau-rosslau"),
        message(rich_text_format="db_html"),
    ] == expected


@LANGUAGES
def test_rest_unknown_key_follows_accept_language(client, tree, headers, language):
    response = client.get("/api/v2/pages/", HTTP_AUTHORIZATION="Bearer es_geraten", **headers)
    assert response.status_code in (401, 403)
    expected = {
        "de": "Unbekannter oder widerrufener API-Schlüssel.",
        "en": "Unknown or revoked API key.",
    }
    assert response.json()["detail"] == expected[language]


# --- The admin stays German --------------------------------------------------------------------


def test_the_english_catalog_does_not_reach_the_admin(client, people):
    """The phone rule's message is in locale/en (nominations show it); an English browser still
    gets it in German in the admin."""
    client.force_login(people["coordinator"])
    url = reverse("wagtailsnippets_snippets_contactperson:add")
    response = client.post(url, {"name": "Erika", "phone": "ruf an"}, **ENGLISH_BROWSER)
    text = response.content.decode()
    assert "Bitte eine Telefonnummer aus Ziffern" in text
    assert "Please enter a phone number" not in text
    assert "Accept-Language" not in response.get("Vary", "")


# --- The English catalog ---------------------------------------------------------------------


def test_the_english_catalog_has_no_untranslated_or_fuzzy_entry():
    catalog = polib.pofile(str(EN_PO))
    assert len(catalog) > 40
    assert not catalog.untranslated_entries()
    assert not catalog.fuzzy_entries()
    assert not catalog.obsolete_entries()
    for entry in catalog:
        assert entry.msgstr != entry.msgid, entry.msgid  # really translated, not copied
        placeholders = set(re.findall(r"%\(\w+\)s", entry.msgid))
        assert set(re.findall(r"%\(\w+\)s", entry.msgstr)) == placeholders, entry.msgid
        assert ("python-format" in entry.flags) == bool(placeholders), entry.msgid


def test_the_compiled_english_mo_agrees_with_the_po():
    with EN_PO.with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog
    compiled.pop("", None)
    expected = {entry.msgid: entry.msgstr for entry in polib.pofile(str(EN_PO))}
    assert compiled == expected, "locale/en: run `msgfmt -o django.mo django.po` and commit both"


# Where the public API's messages are written. Schema descriptions (`_` in pages/graphql.py)
# are not messages and stay German.
API_SOURCES = [
    *sorted((ROOT / "cms" / "graphql").glob("*.py")),
    *sorted((ROOT / "cms" / "rest").glob("*.py")),
    ROOT / "nominations" / "forms.py",
    ROOT / "pages" / "graphql.py",
]
TRANSLATING = {"gettext", "gettext_lazy", "gettext_noop"}


def translated_literals(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", None)) in TRANSLATING
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            yield node.args[0].value


def test_every_api_message_has_an_english_translation():
    english = {entry.msgid for entry in polib.pofile(str(EN_PO))}
    found = {message: path.name for path in API_SOURCES for message in translated_literals(path)}
    assert len(found) > 30  # the scan finds the messages
    missing = {message: name for message, name in found.items() if message not in english}
    assert not missing, "add them to locale/en/LC_MESSAGES/django.po"


def test_english_is_looked_up_at_run_time_not_at_import():
    from cms.graphql.argument_checks import ArgumentLimitMiddleware
    from cms.graphql.errors import UserInputError

    class Info:
        field_name = "portraits"
        return_type = None

    def message():
        try:
            ArgumentLimitMiddleware().resolve(lambda *a, **k: None, None, Info(), page=0)
        except UserInputError as error:
            return error.message
        raise AssertionError("page=0 was accepted")

    with translation.override("en"):
        assert message() == "page starts at 1."
    with translation.override("de"):
        assert message() == "page beginnt bei 1."
