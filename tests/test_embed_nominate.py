"""The nomination form's iframe variant (/embed/nominieren/, issue 22): the same rules as the
`nominate` mutation, tagged with the town and the embedding site's origin, no cookie."""

import re

import pytest

from nominations.models import Nomination
from tests.factories import PartnerCityFactory

PARTNER = "https://www.graefenhainichen.de"
VALID = {
    "nominee_name": "Erika Beispiel",
    "nominee_kind": "initiative",
    "reason": "Sie organisiert seit Jahren das Nachbarschaftsfest im Quartier.",
    "nominator_name": "Max Muster",
    "nominator_email": "max@example.org",
    "privacy_consent": "on",
}


@pytest.fixture
def opened(client, tree):
    """The frame as a partner page loads it: its signed `source` field."""
    page = client.get(
        "/embed/nominieren/?town=dessau-rosslau", HTTP_REFERER=f"{PARTNER}/mitmachen/"
    )
    assert page.status_code == 200 and "Set-Cookie" not in page
    policy = page["Content-Security-Policy"]
    assert "frame-ancestors *" in policy and "script-src 'self'" in policy  # the height script
    assert "X-Frame-Options" not in page
    return re.search(r'name="source" value="([^"]+)"', page.content.decode()).group(1)


def send(client, source, **changes):
    return client.post(
        "/embed/nominieren/?town=dessau-rosslau", {**VALID, "source": source, **changes}
    )


def test_a_nomination_through_the_frame_arrives_tagged(client, opened, mailoutbox):
    answer = send(client, opened)
    nomination = Nomination.objects.get()
    assert nomination.town.slug == "dessau-rosslau" and nomination.nominee_kind == "initiative"
    assert nomination.embedded_from == PARTNER
    assert f"Ihre Vorgangsnummer: {nomination.reference}" in answer.content.decode()
    assert "Set-Cookie" not in answer


def test_errors_are_the_forms_german_messages_and_nothing_is_stored(client, opened):
    html = send(client, opened, reason="kurz", privacy_consent="").content.decode()
    assert "mindestens 20 Zeichen" in html
    assert "Bitte stimmen Sie der Verarbeitung Ihrer Angaben" in html
    assert 'aria-invalid="true"' in html and 'value="Erika Beispiel"' in html
    assert not Nomination.objects.exists()


def test_a_forged_source_is_not_recorded(client, opened):
    send(client, "https://forged.example")
    assert Nomination.objects.get().embedded_from == ""


def test_the_honeypot_answers_like_a_success_and_stores_nothing(client, opened):
    html = send(client, opened, website="http://spam.example").content.decode()
    assert "Vielen Dank!" in html and not Nomination.objects.exists()


def test_a_draft_town_has_no_form_and_says_so(client, tree):
    PartnerCityFactory(name="Gräfenhainichen", slug="graefenhainichen", live=False)
    html = client.get("/embed/nominieren/?town=graefenhainichen").content.decode()
    assert "Diese Partnerstadt ist nicht veröffentlicht" in html and "<form" not in html
    posted = client.post("/embed/nominieren/?town=graefenhainichen", VALID)
    assert "<form" not in posted.content.decode() and not Nomination.objects.exists()


def test_english_and_leichte_sprache_labels(client, tree):
    assert (
        "Send nomination"
        in client.get("/embed/nominieren/?town=dessau-rosslau&lang=en").content.decode()
    )
    ls = client.get("/embed/nominieren/?town=dessau-rosslau&lang=de-x-ls").content.decode()
    assert "Glücks-Bringer vorschlagen" in ls and '<html lang="de-x-ls">' in ls
