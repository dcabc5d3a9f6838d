"""A town editor (redaktion-dessau, no superuser) translates their town's portrait into Leichte
Sprache in the admin (wagtail-localize's "Übersetzen"), sees the Leichte-Sprache hints while
typing in the translation editor, submits the translation for approval with the main button,
and Koordination's approval publishes it with the text typed (issue 20). Headless Chromium
against a live server; transactional: the live server's threads see what it commits."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale
from wagtail_localize.operations import translate_object

from tests.browser import Admin, screenshot_on_failure
from tests.factories import PortraitPageFactory, publish
from tests.helpers.committed import COMMITTED
from tests.helpers.workflow import approve_every_step

pytestmark = [pytest.mark.browser, *COMMITTED]

# 29 words with a negation, a passive, an abbreviation and a Roman numeral; the campaign's own
# names (Glücksbringer, Ehrenamtskarte) are no hint.
LONG = (
    "Im XXI. Jahrhundert werden die Glücksbringer aus Dessau-Roßlau z. B. nicht mehr vom "
    "Oberbürgermeister gefragt, weil die Ehrenamtskarte und die vielen Angebote der Stadt "
    "schon lange gut bekannt sind."
)
EASY = "Anna geht mit Menschen aus anderen Ländern zu den Ämtern."


def test_a_town_editor_writes_leichte_sprache_with_hints_and_submits_it(
    live_server, chromium, tree, staff
):
    portrait = publish(
        PortraitPageFactory(
            parent=tree.dessau_section,
            title="Anna Beispiel",
            name="Anna Beispiel",
            teaser="Anna begleitet Neuzugewanderte zu Ämtern.",
        )
    )
    easy = Locale.objects.get(language_code="de-x-ls")
    # The parents first, by Koordination: a town editor translates only into a language in
    # which their town's section exists (editorial/translation_permissions.py).
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

        # The translation editor: the main button submits for approval; "Löschen" is not it,
        # and the PO file tools (for translation agencies) are not shown to a town editor.
        main = page.locator("footer .w-dropdown-button > button").first
        expect(main).to_have_text("Zur Freigabe einreichen")
        expect(page.get_by_text("PO-Datei").filter(visible=True)).to_have_count(0)

        # Typing the teaser: the hints appear while writing, before anything is saved.
        teaser = page.locator("li", has_text="Anna begleitet Neuzugewanderte zu Ämtern.").last
        teaser.get_by_role("button", name="Übersetzen").click()
        field = teaser.locator("textarea")
        field.press_sequentially(LONG, delay=5)
        hints = teaser.locator(".leichte-sprache-live")
        expect(hints).to_contain_text("Langer Satz (29 Wörter")
        expect(hints).to_contain_text("Römische Zahl „XXI“")
        expect(hints).to_contain_text("Abkürzung „z. B.“")
        expect(hints).to_contain_text("Verneinung „nicht“")
        expect(hints).to_contain_text("Passiv")
        expect(hints).not_to_contain_text("Glücksbringer“")
        expect(hints).not_to_contain_text("Ehrenamtskarte“")
        editor.screenshot("leichte-sprache-hinweise-beim-schreiben")

        # Rewritten in Leichte Sprache: the hints go.
        field.press("Control+A")
        field.press_sequentially(EASY, delay=5)
        expect(hints).to_be_hidden()
        teaser.get_by_role("button", name="Speichern").click()
        expect(teaser.locator("p", has_text=EASY)).to_be_visible()

        # Submitting with texts still in German asks first.
        main.click()
        expect(page.get_by_text("noch nicht in Leichte Sprache übersetzt")).to_be_visible()
        editor.screenshot("leichte-sprache-fehlende-uebersetzungen")
        page.get_by_role("button", name="Trotzdem einreichen").click()
        expect(page.locator(".messages")).to_contain_text("zur Freigabe eingereicht")
        expect(main).to_contain_text("In der Freigabe: ")  # what it waits for, not "Löschen"
        editor.screenshot("leichte-sprache-eingereicht")

    translation = portrait.get_translation(easy).specific
    assert not translation.live  # in the approval, not published
    assert translation.current_workflow_state is not None
    approve_every_step(translation, staff["coordinator"])  # consent, then approval
    translation.refresh_from_db()
    assert translation.live and translation.teaser == EASY
    editor.close()
