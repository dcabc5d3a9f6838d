"""wagtail-localize's screens in the admin's German: the page's "…" actions, the submit page,
the translation editor and its JavaScript catalogue, the locale switcher, the locale admin.
wagtail-localize's German says "Locale" and "Synchronisiere …", its locale admin has no German
at all, and its editor writes a heading and a label as JavaScript literals: overridden in
locale/de (django.po, djangojs.po) and, for the literals, cms/static/cms/admin/
localize-editor.js."""

import gettext
import json
import re
from pathlib import Path

import polib
import pytest
import wagtail_localize
from django.conf import settings
from django.urls import reverse
from wagtail.users.models import UserProfile
from wagtail_localize.operations import translate_object

from tests.helpers.admin import VisibleText, edit_url
from tests.helpers.content import translate_campaign

pytestmark = pytest.mark.django_db

LOCALIZE_DIR = Path(wagtail_localize.__file__).parent
JS_PO = Path(settings.BASE_DIR) / "locale" / "de" / "LC_MESSAGES" / "djangojs.po"
# English on wagtail-localize's screens before the overrides.
ENGLISH = re.compile(r"\b(Locales?|locales?|translation|Sync|Synced|More actions|Go back)\b")
BAD_GERMAN = re.compile(r"Synchronisiere|Zurückgehen|Alles auswählen|Editor-Sperre")


def screen_text(response):
    """What a reader or a screen reader gets: visible text, screen-reader-only labels included
    (no scripts, no attributes)."""
    assert response.status_code == 200, response.status_code
    parser = VisibleText()
    parser.feed(response.content.decode())
    return " ".join(" ".join(parser.parts).split())


def assert_german(text):
    assert not ENGLISH.findall(text), [
        text[max(0, m.start() - 60) : m.end() + 40] for m in ENGLISH.finditer(text)
    ]
    assert not BAD_GERMAN.findall(text), BAD_GERMAN.findall(text)


@pytest.fixture
def admin(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return user


def test_the_submit_page_is_german(client, admin, published_portrait):
    response = client.get(
        reverse("wagtail_localize:submit_page_translation", args=[published_portrait.pk])
    )
    text = screen_text(response)
    assert_german(text)
    for german in ("Seite übersetzen", "Alle auswählen", "Sprachen", "Zurück"):
        assert german in text, german
    assert "Absenden" in response.content.decode()  # the button's value


def test_submitting_says_so_in_german(client, admin, tree, published_portrait, leichte_sprache):
    for page in (tree.home, tree.campaign, published_portrait.get_parent()):  # the parents first
        translate_object(page.specific, [leichte_sprache])
    url = reverse("wagtail_localize:submit_page_translation", args=[published_portrait.pk])
    response = client.post(url, {"locales": [leichte_sprache.pk]}, follow=True)
    shown = [str(message) for message in response.context["messages"]]
    assert "Die Seite „Helga Hilfreich“ ist zur Übersetzung in Leichte Sprache angelegt." in shown


def test_the_translation_editor_is_german(client, admin, tree, published_portrait, leichte_sprache):
    translation = translate_campaign(tree, admin, leichte_sprache, published_portrait).specific
    response = client.get(f"/admin/pages/{translation.pk}/edit/", follow=True)
    html = response.content.decode()
    assert "js-translation-editor" in html  # wagtail-localize's editor, not Wagtail's
    text = screen_text(response)
    assert_german(text)
    assert "Übersetzung von Helga Hilfreich in Leichte Sprache" in text
    # The status panel (opened from the header) with its locale switcher.
    for german in ("Sprache: </span>", "In 2 Sprachen vorhanden", "Sprache wechseln"):
        assert german in html, german
    without_props = re.sub(r'data-props="[^"]*"', "", html)
    assert not re.search(r"\bLocales?\b|Switch locales|Available in", without_props)
    # The sidebar (JSON for its script) lists the locale admin as "Sprachen".
    assert '"label": "Sprachen"' in html and '"label": "Locale"' not in html
    # The editor's JavaScript literals get the German words from the template.
    script = re.search(r'<script src="[^"]*/localize-editor\.js[^"]*"([^>]*)>', html)
    assert script, "cms/templates/wagtail_localize/admin/edit_translation.html is not used"
    assert 'data-title="Übersetzung: %(source)s → %(target)s"' in script.group(1)
    assert 'data-more-actions="Mehr Aktionen"' in script.group(1)


def test_the_editors_literals_are_still_the_ones_the_script_replaces():
    """After a wagtail-localize upgrade: the script renames exactly these texts."""
    bundle = (
        LOCALIZE_DIR / "static" / "wagtail_localize" / "js" / "wagtail-localize.js"
    ).read_text()
    assert re.search(
        r"`\$\{\w+\.sourceLocale\.displayName\} to \$\{\w+\.locale\.displayName\} translation`",
        bundle,
    )
    assert '"More actions"' in bundle
    script = (
        Path(settings.BASE_DIR) / "cms" / "static" / "cms" / "admin" / "localize-editor.js"
    ).read_text()
    assert '" to "' in script and '" translation"' in script and '"More actions"' in script


def test_an_editor_who_chose_english_keeps_wagtail_localizes_words(
    client, admin, tree, published_portrait, leichte_sprache
):
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "en"
    profile.save()
    translation = translate_campaign(tree, admin, leichte_sprache, published_portrait).specific
    html = client.get(f"/admin/pages/{translation.pk}/edit/", follow=True).content.decode()
    assert "js-translation-editor" in html
    assert "localize-editor.js" not in html
    assert "Switch locales" in html


def test_the_page_actions_are_german(client, admin, tree, published_portrait, leichte_sprache):
    translate_campaign(tree, admin, leichte_sprache, published_portrait)
    html = client.get(edit_url(published_portrait)).content.decode()
    # The "…" menu: English is still missing, and the Leichte Sprache translation can be synced.
    assert "Diese Seite übersetzen" in html
    assert "Übersetzte Seiten synchronisieren" in html
    assert "Synchronisiere" not in html and "Sync translated" not in html


def test_the_javascript_catalogue_has_the_overrides(client, admin):
    """The catalogue wagtail-localize's editor loads (its own JavaScriptCatalog view): ours
    win over wagtail-localize's German, as LOCALE_PATHS does for every domain."""
    response = client.get(reverse("wagtail_localize:javascript_catalog"))
    found = re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S)
    catalog = json.loads(found.group(1))
    for entry in polib.pofile(str(JS_PO)):
        assert catalog[entry.msgid] == entry.msgstr
    assert catalog["Actions"] == "Aktionen"  # wagtail-localize's own German where it reads well


def test_the_locale_admin_is_german(client, admin):
    """Its title, button and synchronisation setting; what no catalogue reaches stays English
    (a column's "5 pages + 2 others", the form's "Enabled" and "Sync from")."""
    index = screen_text(client.get("/admin/locales/"))
    assert index.startswith("Sprachen – ") and "Sprache hinzufügen" in index
    assert not re.search(r"\bLocales?\b|Add a locale", index)
    create = screen_text(client.get("/admin/locales/new/"))
    assert create.startswith("Sprache hinzufügen – ")
    assert "Inhalte aus einer anderen Sprache übernehmen" in create
    assert "Synchronise content" not in create and "Choose a locale" not in create


# --- The JavaScript catalogue's overrides ------------------------------------------------------


def test_the_compiled_javascript_mo_agrees_with_the_po():
    with JS_PO.with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog
    compiled.pop("", None)
    expected = {entry.msgid: entry.msgstr for entry in polib.pofile(str(JS_PO))}
    assert compiled == expected, "locale/de: run `msgfmt -o djangojs.mo djangojs.po`, commit both"


def test_every_javascript_override_is_still_a_message_of_wagtail_localize():
    catalog = polib.pofile(str(LOCALIZE_DIR / "locale" / "de" / "LC_MESSAGES" / "djangojs.po"))
    theirs = {entry.msgid: entry.msgstr for entry in catalog}
    ours = polib.pofile(str(JS_PO))
    assert len(ours) > 10
    for entry in ours:
        assert entry.msgid in theirs, entry.msgid
        assert entry.msgstr and entry.msgstr != theirs[entry.msgid], entry.msgid
