"""`manage.py seed_demo`: the real content of the city's page, idempotent, accounts only in DEBUG.

The content checks share one seeded database (seeding publishes ~40 objects through revisions and
prepares photo renditions: seconds, not milliseconds); each test runs in a savepoint inside it.
"""

import datetime
import io
import re

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    Revision,
    Site,
    WorkflowPage,
)

from cms import visibility
from cms.models import ContentGeneration
from demo.management.commands.generate_portraits import Command as Generator
from media.models import Document, Image
from media.tasks import prepared_filter_specs
from pages import visibility as page_rules
from pages.models import CampaignPage, HomePage, PortraitPage, ProgrammePage, TownSectionPage
from snippets.models import ContactPerson, EngagementArea, Organisation, PartnerCity
from tests.conftest import seeded_demo
from tests.demo_expectations import GRAEFENHAINICHEN, PROGRAMMES, TOWNS

GERMAN = {"locale__language_code": "de"}
ACCOUNTS = {
    "admin": None,
    "redaktion": "Redaktion",
    "koordination": "Koordination",
    "redaktion-dessau": "Redaktion Dessau-Roßlau",
    "redaktion-bitterfeld": "Redaktion Bitterfeld-Wolfen",
    "redaktion-graefenhainichen": "Redaktion Gräfenhainichen",
    "redaktion-wittenberg": "Redaktion Lutherstadt Wittenberg",
}
TOWN_EDITORS = {  # town slug → its demo editor
    "dessau-rosslau": "redaktion-dessau",
    "bitterfeld-wolfen": "redaktion-bitterfeld",
    "graefenhainichen": "redaktion-graefenhainichen",
    "lutherstadt-wittenberg": "redaktion-wittenberg",
}


def seed(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("seed_demo", *args, stdout=out, stderr=err)
    return out.getvalue()


def counts():
    """Everything the command creates, counted."""
    models = (
        Page,
        Revision,
        ContactPerson,
        EngagementArea,
        Organisation,
        PartnerCity,
        Image,
        Document,
        Collection,
        CollectionViewRestriction,
        Group,
        WorkflowPage,
        Site,
        get_user_model(),
    )
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker, media_root):
    """The demo seeded once for a class of tests (the module's other tests seed themselves),
    with renditions as in production: the portraits' photos are checked for them."""
    with (
        django_db_blocker.unblock(),
        seeded_demo(media_root, PREPARED_RENDITIONS="all"),
    ):
        yield


@pytest.fixture
def seeded(demo, db):
    pass


class TestSeededContent:
    """One `seed_demo --no-accounts` run, checked from every side."""

    def test_no_accounts_builds_content_without_users_even_without_debug(self, seeded, settings):
        assert not settings.DEBUG  # the test settings
        assert HomePage.objects.exists()
        assert not get_user_model().objects.exists()

    def test_the_coordinator_is_the_real_contact(self, seeded):
        contact = ContactPerson.objects.get(name="Kathrin Hinze", **GERMAN)
        assert contact.live and contact.live_revision_id
        assert contact.role == "Koordinatorin Engagierte Stadt/Bürgerservice"
        assert "Referat des Oberbürgermeisters" in contact.department
        assert (contact.street, contact.postcode, contact.city) == (
            "Zerbster Straße 4",
            "06844",
            "Dessau-Roßlau",
        )
        assert (contact.phone, contact.fax) == ("0340 204-1401", "0340 204-2691201")
        assert contact.email == "engagiertestadt@dessau-rosslau.de"

    def test_home_page_is_the_site_root_and_the_wagtail_welcome_page_is_gone(self, seeded):
        home = HomePage.objects.get(**GERMAN)
        assert home.title == "Engagierte Stadt" and home.live
        assert home.member_since == datetime.date(2020, 7, 1)
        assert "Bitterfeld-Wolfen, Gräfenhainichen, Lutherstadt Wittenberg" in home.network_text
        assert "FAW gGmbH" in home.network_text
        assert "Ehrenamtskarte im Januar 2019" in home.engagement_text
        assert home.contact.name == "Kathrin Hinze"
        assert Site.objects.get(is_default_site=True).root_page_id == home.pk
        assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
        # Beside it only its translations (their own trees: /en/…, /de-x-ls/…).
        translations = {page.pk for page in home.get_translations()}
        assert {page.pk for page in Page.get_first_root_node().get_children()} == {
            home.pk,
            *translations,
        }
        assert len(translations) == 2

    def test_programmes_with_teaser_body_funders_and_contact(self, seeded):
        home = HomePage.objects.get(**GERMAN)
        programmes = ProgrammePage.objects.child_of(home).live().order_by("path")
        assert [page.title for page in programmes] == PROGRAMMES
        for page in programmes:
            assert page.teaser and len(page.body) >= 1
            assert page.contact.email == "engagiertestadt@dessau-rosslau.de"
            assert page.live_revision_id  # published through a revision
        k2 = programmes.get(slug="k2-kulturnetzwerk")
        assert k2.external_url.startswith("https://www.bundesakademie.de/")
        assert [link.organisation.name for link in k2.funder_links.all()] == [
            "Bundesakademie für Kulturelle Bildung Wolfenbüttel",
            "Bundesministerium für Bildung und Forschung (BMBF)",
        ]
        bosch = programmes.get(slug="vielfaltsgestalter").funder_links.get().organisation
        assert bosch.name == "Robert Bosch Stiftung"
        assert bosch.get_role_display() == "Förderer"

    def test_campaign_towns_and_their_editor_groups(self, seeded):
        campaign = CampaignPage.objects.get(**GERMAN)
        assert (campaign.title, campaign.launch_date) == (
            "Glücksbringer",
            datetime.date(2023, 6, 19),
        )
        assert "Am 19.06.2023 war Auftakt" in campaign.intro
        assert "engagiertestadt@dessau-rosslau.de" in campaign.nomination_call
        assert WorkflowPage.objects.get(page=campaign).workflow.name == "Glücksbringer-Freigabe"

        towns = PartnerCity.objects.filter(live=True, **GERMAN)
        assert {town.slug: town.name for town in towns} == TOWNS
        dessau = towns.get(slug="dessau-rosslau")
        assert dessau.is_coordinating and dessau.member_since == datetime.date(2020, 7, 1)
        assert dessau.contact.name == "Kathrin Hinze"
        assert towns.filter(is_coordinating=True).count() == 1

        sections = TownSectionPage.objects.child_of(campaign).live()
        assert {section.town.slug for section in sections} == set(TOWNS)
        for name in TOWNS.values():
            assert Group.objects.filter(name=f"Redaktion {name}").exists()

    def test_snippets_are_published_through_revisions(self, seeded):
        for model in (EngagementArea, Organisation, PartnerCity, ContactPerson):
            assert model.objects.exists()
            assert not model.objects.filter(live=False).exists()
            assert not model.objects.filter(live_revision__isnull=True).exists()
        assert {"integrationsarbeit", "klimaschutz", "jugendbeteiligung", "seniorenarbeit"} <= set(
            EngagementArea.objects.values_list("slug", flat=True)
        )
        assert {
            "FAW gGmbH",
            "Robert Bosch Stiftung",
            "Bundesakademie für Kulturelle Bildung Wolfenbüttel",
            "Bundesministerium für Bildung und Forschung (BMBF)",
        } <= set(Organisation.objects.values_list("name", flat=True))

    def test_twelve_fictional_portraits_live_with_consent_and_photo(self, seeded):
        portraits = PortraitPage.objects.live().filter(**GERMAN)
        assert portraits.count() == 12
        assert page_rules.portraits().count() == 12  # the API shows all of them
        assert portraits.filter(PortraitPage.VALID_CONSENT).count() == 12
        assert {town: portraits.filter(town__slug=town).count() for town in TOWNS} == dict.fromkeys(
            TOWNS, 3
        )
        assert set(portraits.values_list("kind", flat=True)) == {"person", "initiative"}
        for portrait in portraits:
            assert "Beispiel" in portrait.name  # clearly fictional
            assert portrait.quote and portrait.teaser and len(portrait.body) >= 2
            assert portrait.areas.exists()
            assert portrait.consent_document.collection.name == "Einwilligungen"
            photo = portrait.photo
            # In the town's own collection below "Glücksbringer-Porträts" (cms.roles).
            assert photo.collection.name == portrait.town.name
            assert photo.collection.get_parent().name == "Glücksbringer-Porträts"
            assert photo.alt_text and photo.credit and photo.width == photo.height == 800
            # Every rendition a client may ask for, made with the photo (demo/media.py).
            assert set(photo.renditions.values_list("filter_spec", flat=True)) == set(
                prepared_filter_specs()
            )

    def test_collections_and_their_visibility(self, seeded):
        consent = Collection.objects.get(name="Einwilligungen")
        restriction = consent.get_view_restrictions().get()
        assert restriction.restriction_type == "groups"
        assert [group.name for group in restriction.groups.all()] == ["Koordination"]
        assert Collection.objects.filter(name="Öffentlich").exists()
        assert visibility.documents().count() == 0  # consent documents are never public
        public_images = visibility.images().filter(collection__name="Öffentlich")
        assert public_images.count() == 1
        # Portrait photos are visible because visible portraits use them, not by their collection.
        portrait_collections = Collection.objects.get(name="Glücksbringer-Porträts")
        unused_photo = Image.objects.filter(
            collection__in=portrait_collections.get_descendants()
        ).first()
        PortraitPage.objects.filter(photo=unused_photo).update(photo=None)
        assert not visibility.images().filter(pk=unused_photo.pk).exists()

    def test_english_and_leichte_sprache_versions_are_published(self, seeded, graphql):
        """demo/translations.py: home, campaign, sections, areas and two portraits in English and
        Leichte Sprache, live, each pointing to its own language's town and areas."""
        query = """query($locale: String) {
            portraits(locale: $locale) { items { slug locale name quote
                town { slug locale } areas { slug name locale } } }
            campaign(locale: $locale) { title locale children { locale } }
            engagementAreas(locale: $locale) { slug name }
            pages(locale: $locale, contentType: "pages.HomePage") { title locale } }"""
        german = graphql.data(query)
        for code, quote, area, title in (
            ("en", "because a visit is worth more", "Work with older people", "Engaged City"),
            ("de-x-ls", "weil ein Besuch mehr wert ist", "Hilfe für alte Menschen", "Engagierte"),
        ):
            data = graphql.data(query, {"locale": code})
            portraits = {item["slug"]: item for item in data["portraits"]["items"]}
            assert set(portraits) == {"beispiel-anna-beispiel", "beispiel-bernd-muster"}
            bernd = portraits["beispiel-bernd-muster"]
            assert bernd["name"] == "Bernd Muster (Beispiel)"  # names are not translated
            assert bernd["quote"].startswith(quote)
            assert bernd["town"] == {"slug": "dessau-rosslau", "locale": code}
            assert area in {a["name"] for a in bernd["areas"]}
            assert {a["locale"] for a in bernd["areas"]} == {code}
            assert data["campaign"]["locale"] == code and len(data["campaign"]["children"]) == 4
            assert {c["locale"] for c in data["campaign"]["children"]} == {code}
            assert {a["slug"] for a in data["engagementAreas"]} == {
                a["slug"] for a in german["engagementAreas"]
            }
            [home] = data["pages"]
            assert title in home["title"] and home["locale"] == code
        assert len(german["portraits"]["items"]) == 12
        assert german["campaign"]["title"] == "Glücksbringer"

    def test_graefenhainichen_has_a_contact_and_a_website_in_every_language(self, seeded, graphql):
        query = """query($locale: String) { partnerCity(slug: "graefenhainichen", locale: $locale) {
            locale website contact { locale name street postcode city phone email } } }"""
        for code in ("de", "en", "de-x-ls"):
            town = graphql.data(query, {"locale": code})["partnerCity"]
            assert town["locale"] == town["contact"].pop("locale") == code
            assert town["website"] == GRAEFENHAINICHEN["website"]
            assert town["contact"] == GRAEFENHAINICHEN["contact"]
        contact = PartnerCity.objects.get(slug="graefenhainichen", **GERMAN).contact
        assert contact.live and contact.live_revision_id  # published through a revision

    def test_a_demo_seeded_before_gets_them_on_the_next_run(self, seeded):
        """A demo seeded before the town had a contact and a website: the next run adds them,
        in every language, and the run after changes nothing."""
        towns = PartnerCity.objects.filter(slug="graefenhainichen")
        contacts = ContactPerson.objects.filter(name=GRAEFENHAINICHEN["contact"]["name"])
        towns.update(contact=None, website="")
        contacts.delete()
        seed("--no-accounts")
        assert towns.count() == 3
        for town in towns:
            assert town.live and town.website == GRAEFENHAINICHEN["website"]
            assert town.contact.live and town.contact.locale_id == town.locale_id
            assert town.contact.street == GRAEFENHAINICHEN["contact"]["street"]
        before = counts()
        assert seed("--no-accounts").strip().endswith("Neu angelegt – nichts.")
        assert counts() == before

    def test_the_site_follows_the_public_site_url(self, seeded, settings):
        site = Site.objects.get(is_default_site=True)
        assert site.root_url == settings.PUBLIC_SITE_URL == "http://localhost:3000"
        settings.PUBLIC_SITE_URL = "https://engagiertestadt.example.de"
        seed("--no-accounts")
        site.refresh_from_db()
        assert site.root_url == "https://engagiertestadt.example.de"
        assert (site.hostname, site.port) == ("engagiertestadt.example.de", 443)
        before = counts()
        seed("--no-accounts")
        assert counts() == before

    def test_a_second_run_changes_nothing(self, seeded):
        before = counts()
        assert seed("--no-accounts").strip().endswith("Neu angelegt – nichts.")
        assert counts() == before
        assert Page.find_problems() == ([], [], [], [], [])

    def test_generated_portraits(self, seeded, django_capture_on_commit_callbacks):
        seed("--no-accounts", "--portraits", "5")
        generated = PortraitPage.objects.filter(slug__startswith="beispiel-portraet-")
        assert sorted(generated.values_list("slug", flat=True)) == [
            f"beispiel-portraet-{number:05d}" for number in range(1, 6)
        ]
        assert page_rules.portraits().count() == 12 + 5
        assert generated.values("town").distinct().count() == 4
        for portrait in generated:
            assert portrait.town_from_parent() == portrait.town
            assert portrait.url_path == portrait.get_parent().url_path + portrait.slug + "/"
            assert portrait.areas.exists() and portrait.photo is not None
        assert Page.find_problems() == ([], [], [], [], [])
        hits = visibility.search(page_rules.portraits(), "beispiel 00003")
        assert [hit.slug for hit in hits][:1] == ["beispiel-portraet-00003"]

        before = counts()
        seed("--no-accounts", "--portraits", "5")
        assert counts() == before
        before_generation = ContentGeneration.current()
        with django_capture_on_commit_callbacks(execute=True):
            seed("--no-accounts", "--portraits", "7")  # photos exist: only portraits are saved
        # No publish events in the bulk path: the command itself announces the change, which
        # ends every cached API answer.
        assert ContentGeneration.current() > before_generation
        assert PortraitPage.objects.filter(slug__startswith="beispiel-portraet-").count() == 7
        assert Page.find_problems() == ([], [], [], [], [])

    def test_generate_portraits_on_its_own_with_renditions_and_room_for_editors(self, seeded):
        call_command("generate_portraits", 3, stdout=io.StringIO(), stderr=io.StringIO())
        generated = PortraitPage.objects.filter(slug__startswith="beispiel-portraet-")
        assert generated.count() == 3
        # Every rendition a client may ask for (media/tasks.py), once per distinct photo.
        for photo in {portrait.photo for portrait in generated}:
            assert set(photo.renditions.values_list("filter_spec", flat=True)) == set(
                prepared_filter_specs()
            )
        # The tree stays Wagtail's: an editor's next portrait lands after the generated ones.
        section = generated.first().get_parent()
        # The generator's path for a next child is the one treebeard itself gives it.
        expected = Generator.child_path(section, Generator.next_child_step(section))
        added = section.add_child(
            instance=PortraitPage(
                title="Nach den generierten", slug="danach", name="Danach", quote="weil", teaser="t"
            )
        )
        assert added.path == expected
        assert added.path > max(p.path for p in generated if p.get_parent().pk == section.pk)
        assert Page.find_problems() == ([], [], [], [], [])


def test_generate_portraits_needs_the_demo(db):
    with pytest.raises(CommandError, match="seed_demo"):
        call_command("generate_portraits", 3, stdout=io.StringIO(), stderr=io.StringIO())
    assert not PortraitPage.objects.exists()


def test_accounts_are_refused_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        seed()
    assert not get_user_model().objects.exists()
    assert not HomePage.objects.exists()  # refused before anything was built


def test_accounts_with_debug_have_working_once_printed_passwords(db, settings):
    settings.DEBUG = True
    output = seed()
    passwords = dict(
        re.findall(r"Konto (\S+) angelegt, Passwort \(nur jetzt sichtbar\): (\S+)", output)
    )
    assert set(passwords) == set(ACCOUNTS)
    assert len(set(passwords.values())) == len(ACCOUNTS)
    for username, group in ACCOUNTS.items():
        user = authenticate(username=username, password=passwords[username])
        assert user is not None, username
        assert not authenticate(username=username, password=passwords[username] + "x")
        if group is None:
            assert user.is_superuser
        else:
            assert not user.is_superuser
            assert list(user.groups.values_list("name", flat=True)) == [group]

    again = seed()
    assert "Passwort" not in again
    assert again.count("besteht schon") == len(ACCOUNTS)
    for username, password in passwords.items():  # existing accounts untouched
        assert authenticate(username=username, password=password) is not None

    # Every town has its editor, who adds portraits in that town's section and in no other.
    sections = TownSectionPage.objects.filter(**GERMAN)
    assert set(sections.values_list("town__slug", flat=True)) == set(TOWN_EDITORS)
    for slug, username in TOWN_EDITORS.items():
        editor = get_user_model().objects.get(username=username)
        for section in sections:
            may_add = section.permissions_for_user(editor).can_add_subpage()
            assert may_add == (section.town.slug == slug), (username, section.town.slug)
