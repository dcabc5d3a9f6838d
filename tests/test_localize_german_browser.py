"""wagtail-localize's translation editor in a German admin, in headless Chromium: the texts its
JavaScript writes as literals (the heading "Deutsch to Leichte Sprache translation", the
action menus' "More actions") come out German (cms/static/cms/admin/localize-editor.js), as do
the catalogue's (tests/test_localize_german.py). Transactional: the live server's threads see
what it commits."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale
from wagtail_localize.operations import translate_object

from tests.browser import PASSWORD, Admin, screenshot_on_failure
from tests.factories import PortraitPageFactory, publish
from tests.helpers.committed import COMMITTED

pytestmark = [pytest.mark.browser, *COMMITTED]


def test_the_translation_editor_speaks_german(live_server, chromium, tree, django_user_model):
    django_user_model.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    portrait = publish(
        PortraitPageFactory(
            parent=tree.dessau_section, title="Helga Hilfreich", name="Helga Hilfreich"
        )
    )
    easy = Locale.objects.get(language_code="de-x-ls")
    for page in (tree.home, tree.campaign, portrait.get_parent()):  # the parents first
        translate_object(page.specific, [easy])
    editor = Admin(chromium, live_server.url)

    with screenshot_on_failure(editor):
        editor.login("admin")
        editor.goto(f"/admin/localize/submit/page/{portrait.pk}/")
        page = editor.page
        page.get_by_label("Leichte Sprache").check()
        page.get_by_role("button", name="Absenden").click()

        headings = page.locator(".js-translation-editor section h3")
        expect(headings.first).to_have_text("Übersetzung: Deutsch → Leichte Sprache")
        expect(page.get_by_text("Mehr Aktionen").first).to_be_attached()
        text = page.locator("body").inner_text()
        for english in (" translation", "More actions", "Locale", "Download PO file"):
            assert english not in text, english
        assert "PO-Datei herunterladen" in text
        editor.screenshot("localize-editor-german")  # and no English word of ENGLISH_ON_SCREEN
    editor.close()
