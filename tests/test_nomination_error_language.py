"""The `nominate` mutation's field errors speak German by default and English with
`Accept-Language: en`, decided per request: the field names stay the same in every language."""

import pytest

from tests.helpers.error_language import ENGLISH, GERMAN

pytestmark = pytest.mark.django_db


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
