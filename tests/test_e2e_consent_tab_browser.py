"""The consent tab, the add form and the nomination form as a person uses them, in headless
Chromium against a live server (issue 20, item 4):

- the consent document's chooser opens on the first click right after typing the consent date
  (the open calendar had moved the button down; the click's press closed the calendar and the
  button moved up under the pointer before the release, so the click was lost);
- an add form typed into and left without saving leaves no page (Wagtail's autosave created
  one);
- "Einwilligung widerrufen" is a button on a live portrait's consent tab, and its confirmation
  says that every language version and the photos go offline;
- the help text of "Als Porträt-Entwurf anlegen" is never under the sticky "Speichern" bar while
  the button is in view.

Transactional (the live server's threads see what it commits): see tests/conftest.py.
"""

import pytest
from playwright.sync_api import expect

from pages.models import PortraitPage
from tests.browser import Admin, screenshot_on_failure
from tests.factories import DocumentFactory, PortraitPageFactory, publish
from tests.factories.nominations import NominationFactory
from tests.helpers.browser_steps import WATCHING
from tests.helpers.committed import COMMITTED

pytestmark = [pytest.mark.browser, *COMMITTED]

CONSENT_FORM = "Einwilligung Nur Angefangen (unterschrieben)"

# Whether the element's centre is hidden by another element (the sticky footer).
COVERED = """el => {
    const r = el.getBoundingClientRect();
    const x = r.left + Math.min(r.width / 2, 40), y = r.top + r.height / 2;
    if (y < 0 || y > window.innerHeight) return "out of view";
    const top = document.elementFromPoint(x, y);
    if (!top || el.contains(top) || top.contains(el)) return "";
    return top.closest("footer") ? "footer" : top.tagName;
}"""


def test_consent_tab_of_a_new_portrait_and_leaving_it_unsaved(live_server, chromium, tree, staff):
    section = tree.dessau_section
    DocumentFactory(title=CONSENT_FORM)
    editor = Admin(chromium, live_server.url)
    editor.page.add_init_script(WATCHING)
    editor.page.on("dialog", lambda dialog: dialog.accept())  # "leave without saving?"

    with screenshot_on_failure(editor):
        editor.login("redaktion-dessau")
        editor.goto(f"/admin/pages/add/pages/portraitpage/{section.pk}/")
        form = editor.page
        expect(form.locator("html[data-watching='true']")).to_have_count(1)
        form.locator("#id_name").press_sequentially("Nur Angefangen", delay=20)
        form.get_by_role("tab", name="Einwilligung").click()
        form.locator("#id_consent_given_by").press_sequentially("Nur Angefangen", delay=20)
        date = form.locator("#id_consent_given_at")
        date.click()
        date.press_sequentially("01.12.2026", delay=20)
        editor.expect_open_calendar()

        # One click on the chooser, straight from the date field with its calendar open.
        form.get_by_role("button", name="Einwilligungserklärung wählen oder hochladen").click()
        expect(form.locator(".modal").get_by_role("link", name=CONSENT_FORM)).to_be_visible()
        editor.screenshot("consent-chooser-first-click")
        form.locator(".modal").get_by_role("link", name=CONSENT_FORM).click()
        expect(form.locator("#id_consent_document-title")).to_have_text(CONSENT_FORM)

        # Long past any autosave interval, the editor leaves without saving.
        form.wait_for_timeout(2000)
        editor.goto(f"/admin/pages/{section.pk}/")
        expect(form.get_by_role("row").filter(has_text="Nur Angefangen")).to_have_count(0)
        assert not PortraitPage.objects.filter(name="Nur Angefangen").exists()

    editor.close()


def test_withdrawal_from_the_consent_tab_and_the_nomination_help(
    live_server, chromium, tree, staff
):
    portrait = publish(PortraitPageFactory(parent=tree.dessau_section, name="Ida Widerruf"))
    nomination = NominationFactory(
        town=tree.dessau, reason="Sie hilft seit Jahren im Tierheim. " * 12
    )
    coordinator = Admin(chromium, live_server.url)

    with screenshot_on_failure(coordinator):
        coordinator.login("koordination")
        page = coordinator.page

        # The nomination: at every window height at which the button is in view, its help
        # text is too, not under the sticky "Speichern" bar.
        for height in range(560, 1001, 40):
            page.set_viewport_size({"width": 1400, "height": height})
            coordinator.goto(f"/admin/nominations/edit/{nomination.pk}/")
            button = page.get_by_role("button", name="Als Porträt-Entwurf anlegen")
            help_text = page.get_by_text("Nimmt die Nominierung an")
            if button.evaluate(COVERED) == "":
                assert help_text.evaluate(COVERED) == "", f"help text covered at {height}px"
        page.set_viewport_size({"width": 1400, "height": 1000})

        # The withdrawal: a button on the consent tab, a confirmation that says what goes.
        coordinator.goto(f"/admin/pages/{portrait.pk}/edit/")
        page.get_by_role("tab", name="Einwilligung").click()
        panel = page.get_by_test_id("withdraw-consent-panel")
        expect(panel).to_contain_text("Das Porträt ist online.")
        coordinator.screenshot("consent-tab-withdraw-button")
        panel.get_by_role("link", name="Einwilligung widerrufen").click()
        page.wait_for_url(
            coordinator.url(f"/admin/portraets/{portrait.pk}/einwilligung-widerrufen/")
        )
        expect(page.get_by_test_id("withdraw-languages")).to_contain_text("Sprachfassung")
        expect(
            page.get_by_text("Die Fotos aller Sprachfassungen gehen mit offline")
        ).to_be_visible()
        coordinator.screenshot("withdraw-confirmation")
        page.get_by_test_id("withdraw-consent").click()
        page.wait_for_url(coordinator.url(f"/admin/pages/{portrait.pk}/edit/"))
        expect(page.get_by_text("Einwilligung für „Ida Widerruf“ widerrufen.")).to_be_visible()
        portrait.refresh_from_db()
        assert not portrait.live and portrait.is_consent_withdrawn

    coordinator.close()
