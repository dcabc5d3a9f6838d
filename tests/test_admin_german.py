"""German and the city's brand everywhere an editor looks: the login, the browser titles, empty
values, the root collection and page, Wagtail's German where it reads badly (locale/de), dates,
the nominations' "Kein Zugriff" page inside the admin, seed_demo and the GraphQL API's answers."""

import datetime
import gettext
import io
import json
import re
from pathlib import Path

import polib
import pytest
import wagtail
import wagtail_localize
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Collection, Page

from cms.models import PartnerApiKey
from demo import content
from demo.management.commands.seed_demo import Command as SeedDemo
from opendata.models import OpenDataSettings
from pages.models import PortraitPage
from tests.helpers.admin import edit_url, visible_text

PO_FILE = Path(settings.BASE_DIR) / "locale" / "de" / "LC_MESSAGES" / "django.po"
WAGTAIL_DIR = Path(wagtail.__file__).parent
WAGTAIL_LOCALIZE_DIR = Path(wagtail_localize.__file__).parent
ENGLISH = re.compile(r"\b(None|True|False|Password|Root|Wagtail)\b")


def title(response):
    found = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    return " ".join(found.group(1).split())


def assert_german_admin_page(response):
    assert response.status_code in (200, 403), response.status_code
    assert title(response).endswith(" – Engagierte Stadt"), title(response)
    text = visible_text(response)
    assert not ENGLISH.search(text), [
        text[max(0, m.start() - 80) : m.end() + 40] for m in ENGLISH.finditer(text)
    ]
    html = response.content.decode()
    assert "gravatar" not in html.lower()
    # No avatar (or any other image) from another host: the admin loads from its own origin.
    assert not re.search(r"<img[^>]+src=\"(https?:)?//", html)
    # The project's clover in the sidebar and the browser tab, not Wagtail's bird.
    if response.status_code == 200:
        branding = r"<template data-wagtail-sidebar-branding-logo>(.*?)</template>"
        logo = re.search(branding, html, re.S)
        assert logo and 'aria-label="Engagierte Stadt"' in logo.group(1)
        assert 'href="/static/cms/favicon.svg"' in html
        assert "wagtailadmin/images/favicon.ico" not in html


# Login and browser titles ---------------------------------------------------------------------


@pytest.mark.django_db
def test_login_page_is_branded_and_german(client):
    response = client.get(reverse("wagtailadmin_login"))
    assert response.status_code == 200
    assert title(response) == "Anmelden – Engagierte Stadt"
    text = visible_text(response)
    assert "Anmelden bei der Engagierten Stadt" in text
    assert "Passwort" in text and "Password" not in text
    assert "Wagtail" not in text
    assert "Engagierte Stadt Dessau-Roßlau" in text  # in place of Wagtail's logo


@pytest.mark.django_db
def test_login_still_works(client, people):
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "koordination", "password": "pw-für-tests"}
    )
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        lambda tree, portrait: reverse("wagtailadmin_home"),
        lambda tree, portrait: reverse("wagtailadmin_explore", args=(tree.campaign.pk,)),
        lambda tree, portrait: edit_url(portrait),
        lambda tree, portrait: reverse("wagtailimages:add"),
        lambda tree, portrait: reverse("wagtaildocs:add"),
        lambda tree, portrait: reverse("api_keys:index"),
        lambda tree, portrait: reverse("nominations:index"),
        lambda tree, portrait: reverse("wagtailadmin_account"),
        lambda tree, portrait: reverse("wagtailadmin_reports:aging_pages"),
        lambda tree, portrait: reverse("wagtailadmin_reports:site_history"),
        lambda tree, portrait: reverse("wagtailadmin_reports:page_types_usage"),
        lambda tree, portrait: reverse("wagtailadmin_reports:locked_pages"),
        lambda tree, portrait: reverse("wagtailadmin_reports:workflow"),
        lambda tree, portrait: reverse("wagtailadmin_reports:workflow_tasks"),
        lambda tree, portrait: reverse(
            "wagtailsettings:edit",
            args=("opendata", "opendatasettings", OpenDataSettings.load().pk),
        ),
    ],
    ids=[
        "dashboard",
        "explorer",
        "portrait-edit",
        "image-upload",
        "document-upload",
        "api-keys",
        "nominations",
        "account",
        "report-aging-pages",
        "report-site-history",
        "report-page-types",
        "report-locked-pages",
        "report-workflows",
        "report-workflow-tasks",
        "open-data-settings",
    ],
)
def test_admin_pages_are_branded_and_show_no_english(
    coordinator_client, tree, unpublished_portrait, url
):
    PartnerApiKey.issue("Stadt Gräfenhainichen")
    response = coordinator_client.get(url(tree, unpublished_portrait))
    assert response.status_code == 200
    assert_german_admin_page(response)


@pytest.mark.django_db
def test_no_gravatar(coordinator_client):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    html = coordinator_client.get(reverse("wagtailadmin_account")).content.decode()
    assert "gravatar" not in html.lower()
    assert not re.search(r"<img[^>]+src=\"(https?:)?//", html)


# Empty values, the roots ----------------------------------------------------------------------


@pytest.mark.django_db
def test_empty_read_only_fields_show_a_dash(coordinator_client, unpublished_portrait):
    html = coordinator_client.get(edit_url(unpublished_portrait))
    outputs = re.findall(
        r'aria-labelledby="[^"]*consent_withdrawn_(?:at|by|document)-label"[^>]*>\s*(.*?)\s*</div>',
        html.content.decode(),
        re.S,
    )
    assert outputs == ["—", "—", "—"]


@pytest.mark.django_db
def test_the_roots_have_german_names(coordinator_client, tree):
    assert Collection.get_first_root_node().name == "Alle Medien"
    assert Page.get_first_root_node().title == "Alle Seiten"
    for name in ("wagtailimages:index", "wagtaildocs:add"):  # collection filter, upload choice
        response = coordinator_client.get(reverse(name))
        assert re.search(r"<option [^>]*>\s*Alle Medien\s*</option>", response.content.decode())
        assert "Root" not in visible_text(response)
    explorer = visible_text(coordinator_client.get(reverse("wagtailadmin_explore_root")))
    assert "Alle Seiten" in explorer and "Root" not in explorer


# Wagtail's German, overridden (locale/de) -------------------------------------------------------


def unquote(line):
    return json.loads(line[line.index('"') :])


def po_entries(path=PO_FILE):
    """{msgid or (msgid, plural): msgstr or [msgstr[0], msgstr[1]]} of a .po without line
    wrapping or comments inside entries (the way locale/de's is written)."""
    entries, entry = {}, {}
    for line in [*path.read_text().splitlines(), ""]:
        if not line.strip():
            if entry.get("msgid"):
                if "msgid_plural" in entry:
                    key = (entry["msgid"], entry["msgid_plural"])
                    entries[key] = [entry[f"msgstr[{n}]"] for n in range(2)]
                else:
                    entries[entry["msgid"]] = entry["msgstr"]
            entry = {}
        elif not line.startswith("#") and not line.startswith('"'):
            keyword = line.split(" ", 1)[0]
            entry[keyword] = unquote(line)
    return entries


def test_the_po_file_has_overrides():
    entries = po_entries()
    assert len(entries) > 10
    text = PO_FILE.read_text()
    for bad in ("-Objekt", "Gutachter", "Seite'"):
        assert bad not in text.split("\n\n", 1)[1]


def test_the_compiled_mo_agrees_with_the_po():
    with PO_FILE.with_suffix(".mo").open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)._catalog
    expected = {}
    for key, value in po_entries().items():
        if isinstance(key, tuple):
            expected.update({(key[0], n): text for n, text in enumerate(value)})
        else:
            expected[key] = value
    catalog.pop("", None)
    assert catalog == expected, "locale/de: run `msgfmt -o django.mo django.po` and commit both"


def test_every_override_is_translated_as_the_po_says():
    with translation.override("de"):
        for key, value in po_entries().items():
            if isinstance(key, tuple):
                assert ngettext(*key, 1) == value[0]
                assert ngettext(*key, 2) == value[1]
            else:
                assert _(key) == value


def test_every_override_is_still_a_message_of_wagtail():
    """After a Wagtail or wagtail-localize upgrade, an override of a message neither has any
    more is dead. wagtail-localize's locale admin has no German catalogue (its messages are
    listed in its English one); tests/test_localize_german.py covers the JavaScript's."""
    wagtail_ids = set()
    for mo_path in WAGTAIL_DIR.glob("**/locale/de/LC_MESSAGES/django.mo"):
        with mo_path.open("rb") as mo:
            wagtail_ids |= {
                key if isinstance(key, str) else key[0]
                for key in gettext.GNUTranslations(mo)._catalog
            }
    for language in ("de", "en"):
        for po_path in WAGTAIL_LOCALIZE_DIR.glob(f"**/locale/{language}/LC_MESSAGES/django.po"):
            wagtail_ids |= {entry.msgid for entry in polib.pofile(str(po_path))}
    for key in po_entries():
        assert (key[0] if isinstance(key, tuple) else key) in wagtail_ids, key


@pytest.mark.django_db
def test_pages_read_well_in_german(coordinator_client, unpublished_portrait, people):
    unpublished_portrait.save_revision(user=people["editor"])
    unpublished_portrait.get_workflow().start(unpublished_portrait, people["editor"])
    response = coordinator_client.get(edit_url(unpublished_portrait))
    html = response.content.decode()  # the lock's help text is in a side panel, opened by click
    assert "-Objekt" not in html and "Gutachter" not in html
    assert "Reviewer können diesen Eintrag (Seite) bearbeiten" in html


def test_the_skeleton_template_is_wagtails_own_but_for_the_branding():
    """cms/templates/wagtailadmin/skeleton.html is a copy; after a Wagtail upgrade it must be
    copied again (and changed the same way) if Wagtail's changed."""
    ours = (Path(settings.BASE_DIR) / "cms/templates/wagtailadmin/skeleton.html").read_text()
    theirs = (WAGTAIL_DIR / "admin/templates/wagtailadmin/skeleton.html").read_text()
    ours = re.sub(r"\{% comment %\}.*?\{% endcomment %\}\n", "", ours, flags=re.S)
    ours = ours.replace(
        "{% endblock %} – {% block branding_title %}Engagierte Stadt{% endblock %}",
        "{% endblock %} - {% block branding_title %}Wagtail{% endblock %}",
    )
    ours_lines, theirs_lines = ours.splitlines(), theirs.splitlines()
    start = theirs_lines.index('        <noscript class="capabilitymessage">')
    end = theirs_lines.index("        </noscript>")
    assert ours_lines[: start + 1] == theirs_lines[: start + 1]
    assert ours_lines[ours_lines.index("        </noscript>") :] == theirs_lines[end:]


# Dates ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_go_live_date_is_shown_and_accepted_in_german(coordinator_client, unpublished_portrait):
    unpublished_portrait.go_live_at = timezone.make_aware(datetime.datetime(2030, 1, 15, 10, 0))
    unpublished_portrait.save()
    html = coordinator_client.get(edit_url(unpublished_portrait)).content.decode()
    assert re.search(
        r'<input[^>]+name="go_live_at"[^>]+value="15.01.2030 10:00"', html
    ) or re.search(r'<input[^>]+value="15.01.2030 10:00"[^>]+name="go_live_at"', html)
    # The status panel of a page in approval names the planned go-live as the form does
    # (Wagtail's German: "Go-Live:").
    with translation.override("de"):
        assert translation.gettext("Go-live:") == "Veröffentlicht ab:"
    form_class = PortraitPage.get_edit_handler().get_form_class()
    with translation.override("de"):
        field = form_class.base_fields["go_live_at"]
        assert field.clean("15.01.2030 10:00") == timezone.make_aware(
            datetime.datetime(2030, 1, 15, 10, 0)
        )
        assert (
            field.widget.format_value(datetime.datetime(2030, 1, 15, 10, 0)) == "15.01.2030 10:00"
        )


# Nominations: no access -----------------------------------------------------------------------


@pytest.mark.django_db
def test_nominations_forbidden_inside_the_admin(client, people):
    client.force_login(people["editor"])
    response = client.get(reverse("nominations:index"))
    assert response.status_code == 403
    assert title(response) == "Kein Zugriff – Engagierte Stadt"
    html = response.content.decode()
    assert "data-wagtail-sidebar" in html  # the admin's menu: the editor is still in the admin
    text = visible_text(response)
    assert "Kein Zugriff" in text and "Koordination" in text
    assert_german_admin_page(response)


# seed_demo and the API --------------------------------------------------------------------------


@pytest.mark.django_db
def test_seed_demo_reports_existing_accounts_in_german():
    for username, _group in content.ACCOUNTS:
        get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    out = io.StringIO()
    SeedDemo(stdout=out).seed_accounts()
    assert out.getvalue().splitlines() == [
        f"Konto {username}: besteht schon (unverändert)" for username, _group in content.ACCOUNTS
    ]


@pytest.mark.django_db
def test_graphql_without_query_answers_german(client):
    response = client.get("/graphql/", HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors == [
        {
            "message": "Bitte eine Abfrage (query) mitsenden.",
            "extensions": {"code": "BAD_USER_INPUT"},
        }
    ]


@pytest.mark.django_db
def test_an_empty_listing_reads_well(coordinator_client):
    text = visible_text(coordinator_client.get(reverse("api_keys:index")))
    assert "Noch keine API-Schlüssel vorhanden." in text
    assert "-Objekte" not in text


def test_dates_are_written_one_german_way():
    import datetime

    from django.utils import formats, translation

    with translation.override("de"):
        day = datetime.date(2030, 1, 15)
        moment = datetime.datetime(2030, 1, 15, 10, 0)
        assert formats.date_format(day) == "15.01.2030"
        assert formats.date_format(moment, "DATETIME_FORMAT") == "15.01.2030 10:00"
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "15.01.2030"


def test_the_approval_steps_speak_one_vocabulary():
    from django.utils import translation

    with translation.override("de"):
        assert translation.gettext("Approve") == "Freigeben"
        assert translation.gettext("Approve with comment") == "Mit Kommentar freigeben"
        assert translation.gettext("Request changes") == "Änderungen anfordern"


def test_the_browser_journeys_screen_check_finds_english_and_none():
    from tests.browser import not_german

    assert not_german("Dashboard - Wagtail", "Password: None") == [
        "None",
        "Password",
        "title: Dashboard - Wagtail",
    ]
    assert not_german("Startseite – Engagierte Stadt", "Keine Nonnen, Passwort") == []
