"""The English catalog (locale/en) of the API's messages is complete, agrees with its compiled
.mo, covers every message the API's code translates, is looked up at run time, and does not
reach the admin, which stays German."""

import ast
import gettext
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.helpers.error_language import ENGLISH_BROWSER

ROOT = Path(settings.BASE_DIR)
EN_PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"

# --- The admin stays German --------------------------------------------------------------------


@pytest.mark.django_db
def test_the_english_catalog_does_not_reach_the_admin(client, people):
    """The phone rule's message is in locale/en (nominations show it); an English browser still
    gets it in German in the admin."""
    client.force_login(people["coordinator"])
    url = reverse("wagtailsnippets_snippets_contactperson:add")
    response = client.post(url, {"name": "Erika", "phone": "ruf an"}, **ENGLISH_BROWSER)
    text = response.content.decode()
    assert "Bitte eine Telefonnummer aus Ziffern" in text
    assert "Please enter a phone number" not in text
    assert "Accept-Language" not in response.get("Vary", "")


# --- The English catalog ---------------------------------------------------------------------


def test_the_english_catalog_has_no_untranslated_or_fuzzy_entry():
    catalog = polib.pofile(str(EN_PO))
    assert len(catalog) > 40
    assert not catalog.untranslated_entries()
    assert not catalog.fuzzy_entries()
    assert not catalog.obsolete_entries()
    for entry in catalog:
        assert entry.msgstr != entry.msgid, entry.msgid  # really translated, not copied
        placeholders = set(re.findall(r"%\(\w+\)s", entry.msgid))
        assert set(re.findall(r"%\(\w+\)s", entry.msgstr)) == placeholders, entry.msgid
        assert ("python-format" in entry.flags) == bool(placeholders), entry.msgid


def test_the_compiled_english_mo_agrees_with_the_po():
    with EN_PO.with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog
    compiled.pop("", None)
    expected = {entry.msgid: entry.msgstr for entry in polib.pofile(str(EN_PO))}
    assert compiled == expected, "locale/en: run `msgfmt -o django.mo django.po` and commit both"


# Where the public API's messages are written. Schema descriptions (`_` in pages/graphql.py)
# are not messages and stay German.
API_SOURCES = [
    *sorted((ROOT / "cms" / "graphql").glob("*.py")),
    *sorted((ROOT / "cms" / "rest").glob("*.py")),
    ROOT / "nominations" / "forms.py",
    ROOT / "pages" / "graphql.py",
]
TRANSLATING = {"gettext", "gettext_lazy", "gettext_noop"}


def translated_literals(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", None)) in TRANSLATING
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            yield node.args[0].value


def test_every_api_message_has_an_english_translation():
    english = {entry.msgid for entry in polib.pofile(str(EN_PO))}
    found = {message: path.name for path in API_SOURCES for message in translated_literals(path)}
    assert len(found) > 30  # the scan finds the messages
    missing = {message: name for message, name in found.items() if message not in english}
    assert not missing, "add them to locale/en/LC_MESSAGES/django.po"


def test_english_is_looked_up_at_run_time_not_at_import():
    from cms.graphql.argument_checks import ArgumentLimitMiddleware
    from cms.graphql.errors import UserInputError

    class Info:
        field_name = "portraits"
        return_type = None

    def message():
        try:
            ArgumentLimitMiddleware().resolve(lambda *a, **k: None, None, Info(), page=0)
        except UserInputError as error:
            return error.message
        raise AssertionError("page=0 was accepted")

    with translation.override("en"):
        assert message() == "page starts at 1."
    with translation.override("de"):
        assert message() == "page beginnt bei 1."
