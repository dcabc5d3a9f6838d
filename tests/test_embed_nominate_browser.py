"""The nomination form's iframe variant on a partner page under a strict CSP (issue 22): a
person fills it in inside the frame; the nomination arrives for the town, tagged with the
partner's origin; no cookie, no third host, no console error, axe-core clean.

Transactional (live server): a module of its own.
"""

from html import escape

import pytest
from playwright.sync_api import expect

from nominations.models import Nomination
from tests import embed_partner
from tests.embed_partner import Visit
from tests.helpers.committed import COMMITTED

partner, content = embed_partner.partner, embed_partner.content

pytestmark = [pytest.mark.browser, *COMMITTED, pytest.mark.urls("tests.debug_urls")]


def test_a_nomination_through_the_iframe_arrives_tagged(live_server, chromium, content, partner):
    page_with, _, origin = partner
    src = f"{live_server.url}/embed/nominieren/?town=dessau-rosslau"
    url = page_with(
        "/mitmachen.html",
        f'<iframe src="{escape(src)}" title="Glücksbringer vorschlagen" width="100%" '
        f'height="900"></iframe>',
    )
    visit = Visit(chromium, origin, live_server.url)
    visit.page.goto(url)
    frame = visit.page.frame_locator("iframe")
    frame.get_by_label("Name der Person oder Initiative").fill("Erika Beispiel")
    frame.get_by_label("Warum ist sie ein Glücksbringer?").fill(
        "Sie organisiert seit Jahren das Nachbarschaftsfest im Quartier."
    )
    frame.get_by_label("Ihr Name", exact=False).first.fill("Max Muster")
    frame.get_by_label("Ihre E-Mail-Adresse").fill("max@example.org")
    frame.get_by_role("button", name="Vorschlag senden").click()
    expect(frame.get_by_role("status")).to_contain_text("Bitte prüfen Sie die markierten Felder.")
    consent = frame.get_by_label("Ich bin einverstanden", exact=False)
    expect(consent).to_have_attribute("aria-invalid", "true")
    consent.check()
    frame.get_by_role("button", name="Vorschlag senden").click()
    expect(frame.get_by_role("status")).to_contain_text("Vielen Dank!")
    nomination = Nomination.objects.get()
    assert nomination.town.slug == "dessau-rosslau"
    assert nomination.embedded_from == origin
    visit.check_clean()
    visit.page.goto(src)  # the frame's page on its own
    expect(visit.page.get_by_role("button", name="Vorschlag senden")).to_be_visible()
    assert visit.axe() == []
    visit.close()
