"""A new town in one command (issue 23 §4): add_town and remove_town."""

import io

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Revision,
)
from wagtail_localize.models import TranslatableObject
from wagtail_localize.operations import translate_object

from cms import roles
from cms.models import PartnerApiKey
from embed.models import TownEmbed
from pages.models import TownSectionPage
from snippets.models import ContactPerson, PartnerCity
from tests.factories import (
    ImageFactory,
    PartnerCityFactory,
    PortraitPageFactory,
    TownSectionPageFactory,
)
from towns import inventory
from towns.service import town_slug

NAME = "Köthen (Anhalt)"
SLUG = "koethen"


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def exit_code(*args):
    """The exit code `manage.py ARGS` ends with, and its message: a CommandError's returncode
    (`run_from_argv` exits with it after writing the message to stderr; run here through
    call_command, since run_from_argv closes the database connection of the test)."""
    try:
        call_command(*args, stdout=io.StringIO(), stderr=io.StringIO())
    except CommandError as error:
        return error.returncode, str(error)
    return 0, ""


def counts():
    """Rows of everything add_town makes, whoever owns them."""
    models = (
        PartnerCity,
        ContactPerson,
        Page,
        Revision,
        Group,
        GroupPagePermission,
        GroupCollectionPermission,
        Collection,
        TownEmbed,
        PartnerApiKey,
        TranslatableObject,
    )
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def translated_campaign(tree, en):
    """The campaign translated into English (not into Leichte Sprache)."""
    translate_object(tree.home, [en])
    translate_object(tree.campaign, [en])
    return tree.campaign


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Köthen (Anhalt)", "koethen"),
        ("Dessau-Roßlau", "dessau-rosslau"),
        ("Gräfenhainichen", "graefenhainichen"),
        ("Lutherstadt Wittenberg", "lutherstadt-wittenberg"),
        ("Übigau-Wahrenbrück", "uebigau-wahrenbrueck"),
        ("Halle (Saale)", "halle"),
        ("Sankt Égidien", "sankt-egidien"),
        ("Zerbst/Anhalt", "zerbst-anhalt"),
    ],
)
def test_slug_from_the_name(name, slug):
    assert town_slug(name) == slug


@pytest.mark.django_db
def test_add_town_makes_the_town_as_the_demo_towns_are_made(translated_campaign, tree, en):
    output = run(
        "add_town",
        NAME,
        "--website",
        "https://www.koethen-anhalt.de/",
        "--contact",
        "Stadtverwaltung Köthen",
        "--contact-email",
        "info@koethen-anhalt.de",
    )
    assert f"Angelegt für die Partnerstadt „{NAME}“ ({SLUG})" in output
    german = Locale.get_default()
    town = PartnerCity.objects.get(slug=SLUG, locale=german)
    assert town.live and town.website == "https://www.koethen-anhalt.de/"
    assert town.contact.name == "Stadtverwaltung Köthen" and town.contact.live
    # The snippet in every language, live, each with the contact in its language.
    translations = PartnerCity.objects.filter(translation_key=town.translation_key)
    assert {t.locale.language_code for t in translations} == set(
        Locale.objects.values_list("language_code", flat=True)
    )
    assert all(t.live and t.contact.locale_id == t.locale_id for t in translations)
    # The German section live below the campaign; a draft translation where the campaign has one.
    section = TownSectionPage.objects.get(town=town)
    assert section.live and section.get_parent().pk == tree.campaign.pk and section.slug == SLUG
    english = section.get_translation(en)
    assert not english.live and english.town.locale_id == en.pk
    assert english.get_parent().pk == tree.campaign.get_translation(en).pk
    assert TownSectionPage.objects.filter(town__translation_key=town.translation_key).count() == 2
    # The group: exactly what a town made by hand (editorial.signals) gets, on its own section
    # and collection.
    assert grants(NAME, "Köthen (Anhalt)") == grants("Dessau-Roßlau", "Köthen (Anhalt)")
    group = Group.objects.get(name=roles.town_editor_group_name(NAME))
    pages = GroupPagePermission.objects.filter(group=group).values_list("page_id", flat=True)
    assert set(pages) == {section.pk, english.pk}
    collection = roles.town_collection(django_apps, NAME)
    assert collection.get_parent().name == roles.PORTRAIT_COLLECTION
    assert not TownEmbed.objects.filter(town=town).exists()
    assert not PartnerApiKey.objects.exists()


def grants(town_name, as_name):
    """A town group's permissions, its own town's name written as `as_name`; only its own
    sections' page permissions are compared by their codenames."""
    group = Group.objects.get(name=roles.town_editor_group_name(town_name))
    model = set(group.permissions.values_list("content_type__app_label", "codename"))
    page = set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "permission__codename", flat=True
        )
    )
    collections = {
        (as_name if name == town_name else name, codename)
        for name, codename in GroupCollectionPermission.objects.filter(group=group).values_list(
            "collection__name", "permission__codename"
        )
    }
    return model, page, collections


@pytest.mark.django_db
def test_add_town_twice_changes_nothing_and_says_so(translated_campaign):
    run("add_town", NAME, "--api-key", "--embed-origin", "https://www.koethen-anhalt.de/")
    before = counts()
    output = run("add_town", NAME, "--api-key", "--embed-origin", "https://www.koethen-anhalt.de")
    assert output.splitlines() == [
        "Die Kampagne gibt es nicht auf Leichte Sprache: dort kein Bereich.",
        f"Partnerstadt „{NAME}“ ({SLUG}) ist vollständig eingerichtet: nichts geändert.",
    ]
    assert counts() == before


@pytest.mark.django_db
def test_dry_run_shows_what_it_would_make_and_writes_nothing(translated_campaign):
    before = counts()
    output = run("add_town", NAME, "--dry-run", "--api-key", "--embed-origin", "https://koethen.de")
    assert counts() == before
    assert "Würde anlegen für die Partnerstadt „Köthen (Anhalt)“ (koethen):" in output
    for line in (
        "Partnerstadt: Köthen (Anhalt) [Deutsch], veröffentlicht",
        "Partnerstadt: Köthen (Anhalt) [English], veröffentlicht",
        "Bereich der Kampagne: „Köthen (Anhalt)“ (Kürzel koethen) [Deutsch], veröffentlicht",
        "Bereich der Kampagne: „Köthen (Anhalt)“ (Kürzel koethen) [English], Entwurf",
        "Redaktionsgruppe: Redaktion Köthen (Anhalt)",
        "Sammlung: Glücksbringer-Porträts › Köthen (Anhalt)",
        "Sammlungsrechte: add_image auf „Köthen (Anhalt)“",
        "Einbettung: eingeschaltet, Websites: https://koethen.de",
        "Probelauf: nichts gespeichert.",
    ):
        assert line in output
    assert "es_" not in output  # no key shown for a key that was never kept
    # What the dry run announced is what a real run reports.
    real = run("add_town", NAME, "--api-key", "--embed-origin", "https://koethen.de")
    assert items(real) == items(output) and len(items(real)) > 20


def items(output):
    return [line for line in output.splitlines() if line.startswith("  ")]


@pytest.mark.django_db
def test_api_key_and_embed_settings(translated_campaign):
    output = run("add_town", NAME, "--api-key", "--embed-origin", "https://www.koethen-anhalt.de/")
    raw_key = output.rsplit("\n", 2)[-2]
    assert PartnerApiKey.authenticate(raw_key).name == NAME
    embed = TownEmbed.objects.get(town__slug=SLUG)
    assert embed.enabled and embed.origins() == ["https://www.koethen-anhalt.de"]
    # A further website on a second run is added; the key is not issued again.
    output = run("add_town", NAME, "--api-key", "--embed-origin", "https://koethen.de")
    assert "es_" not in output and PartnerApiKey.objects.count() == 1
    embed.refresh_from_db()
    assert embed.origins() == ["https://www.koethen-anhalt.de", "https://koethen.de"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["(Anhalt)"], "Aus dem Namen „(Anhalt)“ lässt sich kein Kürzel bilden"),
        ([NAME, "--slug", "Köthen"], "Ungültiges Kürzel „Köthen“"),
        ([NAME, "--website", "koethen.de"], "Keine gültige Website-Adresse"),
        ([NAME, "--embed-origin", "https://koethen.de/portraets"], "Keine Website-Adresse"),
        ([NAME, "--slug", "dessau-rosslau"], "gehört schon der Partnerstadt „Dessau-Roßlau“"),
        (["Dessau-Roßlau", "--slug", "dessau"], "gibt es schon, mit dem Kürzel „dessau-rosslau“"),
        ([NAME, "--contact-email", "a@b.de"], "nur zusammen mit --contact"),
        ([NAME, "--contact", "Amt", "--contact-email", "kaputt"], "Ansprechperson: email"),
    ],
)
def test_bad_input_gets_a_german_error(tree, args, message):
    before = counts()
    code, error = exit_code("add_town", *args)
    assert code != 0 and message in error
    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["section", "plain"])
def test_a_page_in_the_way_is_named(tree, page):
    """Another town's section, or any page, under the campaign with the town's slug."""
    if page == "section":
        town = PartnerCityFactory(slug="anderswo")
        TownSectionPageFactory(parent=tree.campaign, town=town, slug=SLUG, title="Anderswo")
    else:
        tree.campaign.add_child(instance=Page(title="Anderswo", slug=SLUG))
    before = counts()
    code, error = exit_code("add_town", NAME)
    assert code != 0
    assert "Unter der Kampagne gibt es schon die Seite „Anderswo“ mit dem Kürzel „koethen“" in error
    assert counts() == before


@pytest.mark.django_db
def test_without_a_campaign(tree):
    tree.campaign.delete()
    code, error = exit_code("add_town", NAME)
    assert code != 0 and "keine Glücksbringer-Kampagne" in error


@pytest.mark.django_db
@pytest.mark.parametrize("content", ["portrait", "photo", "member"])
def test_remove_town_refuses_while_content_exists(translated_campaign, make_user, content):
    run("add_town", NAME)
    section = TownSectionPage.objects.get(slug=SLUG, locale=Locale.get_default())
    if content == "portrait":
        PortraitPageFactory(parent=section, title="Köthener Entwurf")  # a draft is content too
        expected = "1 Seite(n) im Bereich der Stadt"
    elif content == "photo":
        ImageFactory(collection=roles.town_collection(django_apps, NAME))
        expected = "1 Bild(er) in der Sammlung „Köthen (Anhalt)“"
    else:
        make_user("redaktion-koethen", roles.town_editor_group_name(NAME))
        expected = "1 Konto/Konten in der Gruppe „Redaktion Köthen (Anhalt)“"
    before = counts()
    code, error = exit_code("remove_town", SLUG)
    assert code != 0
    assert "Die Partnerstadt „Köthen (Anhalt)“ hat noch Inhalte und bleibt bestehen" in error
    assert expected in error
    assert counts() == before


@pytest.mark.django_db
def test_remove_town_removes_what_add_town_made(translated_campaign):
    before = counts()
    run(
        "add_town",
        NAME,
        "--contact",
        "Stadtverwaltung Köthen",
        "--api-key",
        "--embed-origin",
        "https://koethen.de",
    )
    assert counts() != before
    dry = run("remove_town", SLUG, "--dry-run")
    assert "Würde entfernen" in dry and "Probelauf: nichts gelöscht." in dry
    assert "Bereich der Kampagne: „Köthen (Anhalt)“ (Kürzel koethen) [English], Entwurf" in dry
    output = run("remove_town", SLUG)
    assert "Entfernt – Partnerstadt „Köthen (Anhalt)“ (koethen):" in output
    assert counts() == {**before, "Revision": counts()["Revision"]}
    assert not any(inventory.snapshot(NAME, SLUG).values())
    # Gone for good: made again from scratch, then refused as unknown once removed twice.
    run("add_town", NAME)
    run("remove_town", SLUG)
    code, error = exit_code("remove_town", SLUG)
    assert code != 0 and "Keine Partnerstadt mit dem Kürzel „koethen“." in error


@pytest.mark.django_db
def test_remove_town_keeps_a_contact_others_use(tree):
    run("add_town", NAME, "--contact", "Landkreis Anhalt-Bitterfeld")
    run("add_town", "Zerbst/Anhalt", "--contact", "Landkreis Anhalt-Bitterfeld")
    contact = ContactPerson.objects.get(
        name="Landkreis Anhalt-Bitterfeld", locale=Locale.get_default()
    )
    assert PartnerCity.objects.get(slug="zerbst-anhalt", locale=contact.locale).contact == contact
    output = run("remove_town", SLUG)
    assert "Ansprechperson „Landkreis Anhalt-Bitterfeld“ bleibt: sie wird noch verwendet." in output
    assert ContactPerson.objects.filter(translation_key=contact.translation_key).count() == 3
    run("remove_town", "zerbst-anhalt")
    assert not ContactPerson.objects.filter(translation_key=contact.translation_key).exists()
