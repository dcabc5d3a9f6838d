"""One language per form and chooser, in headless Chromium (issue 20, item 2): what only shows
in the browser. The account page raises no console error, the dashboard leads a town editor
into the German portrait form with the German areas only, and a contact chooser opened on a
German page lists and searches German contacts only. Every screen is checked for English
words and console errors. Transactional: the live server's threads see what it commits."""

import pytest
from playwright.sync_api import expect
from wagtail_localize.operations import translate_object

from tests.browser import Watched, screenshot_on_failure
from tests.factories import ContactPersonFactory, EngagementAreaFactory
from tests.helpers.committed import COMMITTED

pytestmark = [pytest.mark.browser, *COMMITTED]


@pytest.fixture
def three_languages(tree, en, leichte_sprache):
    """The tree and a German area and contact, all in English and Leichte Sprache too."""
    area = EngagementAreaFactory(name="Klimaschutz", slug="klimaschutz")
    contact = ContactPersonFactory(name="Kathrin Hinze", role="Koordinatorin", live=True)
    for obj in (tree.home, tree.campaign, *tree.sections.values(), area, contact):
        translate_object(getattr(obj, "specific", obj), [en, leichte_sprache])
    for locale, name in ((en, "Climate protection"), (leichte_sprache, "Klima·schutz")):
        translated = area.get_translation(locale)
        translated.name = name
        translated.save()
    return area


def test_the_account_page_raises_no_console_error(live_server, chromium, staff):
    admin = Watched(chromium, live_server.url)
    with screenshot_on_failure(admin):
        admin.login("koordination")
        admin.goto("/admin/account/")
        expect(admin.page.get_by_role("heading", name="Benutzerkonto").first).to_be_visible()
        admin.settle()
        admin.expect_no_console_error("/admin/account/")
        admin.screenshot("one-language-account")
    admin.close()


def test_a_town_editor_starts_a_portrait_with_the_german_areas(
    live_server, chromium, staff, three_languages
):
    admin = Watched(chromium, live_server.url)
    with screenshot_on_failure(admin):
        admin.login("redaktion-dessau")
        buttons = admin.page.get_by_role("link", name="Neues Porträt in Dessau-Roßlau")
        expect(buttons).to_have_count(1)
        admin.screenshot("one-language-dashboard-town-editor")
        buttons.click()
        areas = admin.page.locator("[data-contentpath=areas] label")
        expect(areas).to_have_text(["Klimaschutz"])
        admin.screenshot("one-language-portrait-form")
        admin.expect_no_console_error("portrait form")
    admin.close()


def test_the_contact_chooser_of_a_german_page_lists_and_searches_german_only(
    live_server, chromium, staff, three_languages, tree
):
    admin = Watched(chromium, live_server.url)
    page = admin.page
    with screenshot_on_failure(admin):
        admin.login("koordination")
        admin.goto(f"/admin/pages/{tree.home.pk}/edit/")
        page.locator("[data-contentpath=contact] .chooser__choose-button").click()
        modal = page.locator(".modal")
        rows = modal.locator("[data-chooser-modal-choice]")
        expect(rows).to_have_count(1)
        expect(modal.locator("select[name=locale]")).to_have_count(0)  # no "Alle" to pick
        # The modal takes the focus when its fade-in ends (Bootstrap's `shown`), up to 300 ms
        # after it appears and later on a busy machine: a person starts typing once it has
        # opened, or the letters after the first go to the modal instead of the search field.
        expect(modal).to_be_focused()
        search = modal.locator("input[name=q]")
        search.click()
        # The chooser searches after a pause in typing, or at once on Enter, as a person who
        # does not wait presses it (a pause alone was once never taken in CI).
        with page.expect_response(
            lambda response: "q=Hinze" in response.url, timeout=45_000
        ) as searched:
            page.keyboard.type("Hinze")
            page.keyboard.press("Enter")
        assert searched.value.status == 200  # Wagtail's language filter failed on a search
        expect(rows).to_have_count(1)
        expect(modal.locator("table")).to_contain_text("Deutsch")
        expect(modal.locator("table")).not_to_contain_text("English")
        admin.screenshot("one-language-contact-chooser")
        rows.first.click()
        expect(page.locator("#id_contact-title")).to_contain_text("Kathrin Hinze")
        admin.expect_no_console_error("contact chooser")
    admin.close()


REPORTS = [
    "/admin/reports/aging-pages/",
    "/admin/reports/locked/",
    "/admin/reports/page-types-usage/",
    "/admin/reports/site-history/",
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
]


def test_the_reports_and_an_empty_explorer_read_german(live_server, chromium, staff, tree):
    admin = Watched(chromium, live_server.url)
    with screenshot_on_failure(admin):
        admin.login("koordination")
        for path in REPORTS:
            admin.goto(path)
            admin.screenshot("one-language-report-" + path.strip("/").split("/")[-1])
        admin.goto(f"/admin/pages/{tree.sections['lutherstadt-wittenberg'].pk}/")
        expect(admin.page.locator("main")).not_to_contain_text("1-0 von 0")
        admin.screenshot("one-language-empty-explorer")
        admin.expect_no_console_error("reports")
    admin.close()
