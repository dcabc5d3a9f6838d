"""Shared by the error-language test modules (test_graphql_error_language.py,
test_nomination_error_language.py, test_rest_error_language.py, test_english_catalog.py): the
Accept-Language headers of a German and an English client, and what an answer says."""

import pytest

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
