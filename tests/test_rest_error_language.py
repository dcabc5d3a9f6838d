"""The REST API's error messages speak German by default and English with
`Accept-Language: en` (locale/en; cms/i18n.py picks the language for API paths only)."""

import pytest

from tests.helpers.error_language import LANGUAGES, vary

pytestmark = pytest.mark.django_db

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
