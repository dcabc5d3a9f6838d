"""A town editor (redaktion-dessau, no superuser) translates their town's portrait into Leichte
Sprache in the admin (wagtail-localize's "Übersetzen") and sees the Leichte-Sprache hints in the
translation editor, in headless Chromium against a live server. Transactional: the live
server's threads see what it commits."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale
from wagtail_localize.operations import translate_object

from tests.browser import Admin, screenshot_on_failure
from tests.conftest import COMMITTED
from tests.factories import PortraitPageFactory, publish

pytestmark = [pytest.mark.browser, *COMMITTED]


def test_translating_a_portrait_into_leichte_sprache_shows_the_hints(
    live_server, chromium, tree, staff
):
    portrait = publish(
        PortraitPageFactory(
            parent=tree.sections["dessau-rosslau"],
            title="Helga Hilfreich",
            name="Helga Hilfreich",
            teaser="Sie verteilt die Ehrenamtskarte, die im Januar 2019 eingeführt wurde.",
        )
    )
    easy = Locale.objects.get(language_code="de-x-ls")
    # The parents first, by Koordination: a town editor translates only into a language in
    # which their town's section exists (editorial/admin_boundaries.py).
    for page in (tree.home, tree.campaign, portrait.get_parent()):
        translate_object(page.specific, [easy], user=staff["coordinator"])
    editor = Admin(chromium, live_server.url)

    with screenshot_on_failure(editor):
        editor.login(staff["editor"].username)
        editor.goto(f"/admin/pages/{portrait.pk}/edit/")
        page = editor.page
        # The header's "…" menu, as an editor finds "Übersetzen".
        page.get_by_role("button", name="Aktionen").first.click()
        page.get_by_role("link", name="Übersetzen").click()
        page.get_by_label("Leichte Sprache").check()
        page.get_by_role("button", name="Absenden").click()

        hints = page.locator(".messages")
        expect(hints).to_contain_text("Leichte Sprache: Langes Wort „Ehrenamtskarte“")
        expect(hints).to_contain_text("Passiv")
        editor.screenshot("leichte-sprache-hints", german=False)

    translation = portrait.get_translation(easy)
    assert not translation.live  # the hints are warnings: nothing published, nothing refused
    editor.close()
