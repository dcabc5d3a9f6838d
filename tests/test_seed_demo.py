"""`manage.py seed_demo`: the real content of the city's page, checked from every side.

The content checks run on the shared demo (seeding publishes ~40 objects through revisions and
prepares photo renditions: seconds, not milliseconds; tests/helpers/demo_db.py); each test runs
in a savepoint inside it.
Runs again, generated portraits and accounts: tests/test_seed_demo_runs.py.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import (
    Collection,
    Page,
    Site,
    WorkflowPage,
)

from cms import visibility
from media.models import Image
from media.tasks import prepared_filter_specs
from pages import visibility as page_rules
from pages.models import CampaignPage, HomePage, PortraitPage, ProgrammePage, TownSectionPage
from snippets.models import ContactPerson, EngagementArea, Organisation, PartnerCity
from tests.demo_expectations import GRAEFENHAINICHEN, PROGRAMMES, TOWNS
from tests.helpers.seeding import GERMAN


class TestSeededContent:
    """One `seed_demo --no-accounts` run, checked from every side."""

    def test_no_accounts_builds_content_without_users_even_without_debug(
        self, on_shared_demo, settings
    ):
        assert not settings.DEBUG  # the test settings
        assert HomePage.objects.exists()
        assert not get_user_model().objects.exists()

    def test_the_coordinator_is_the_real_contact(self, on_shared_demo):
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

    def test_home_page_is_the_site_root_and_the_wagtail_welcome_page_is_gone(self, on_shared_demo):
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

    def test_programmes_with_teaser_body_funders_and_contact(self, on_shared_demo):
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

    def test_campaign_towns_and_their_editor_groups(self, on_shared_demo):
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

    def test_snippets_are_published_through_revisions(self, on_shared_demo):
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

    def test_twelve_fictional_portraits_live_with_consent_and_photo(self, on_shared_demo):
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

    def test_collections_and_their_visibility(self, on_shared_demo):
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

    def test_english_and_leichte_sprache_versions_are_published(self, on_shared_demo, graphql):
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

    def test_graefenhainichen_has_a_contact_and_a_website_in_every_language(
        self, on_shared_demo, graphql
    ):
        query = """query($locale: String) { partnerCity(slug: "graefenhainichen", locale: $locale) {
            locale website contact { locale name street postcode city phone email } } }"""
        for code in ("de", "en", "de-x-ls"):
            town = graphql.data(query, {"locale": code})["partnerCity"]
            assert town["locale"] == town["contact"].pop("locale") == code
            assert town["website"] == GRAEFENHAINICHEN["website"]
            assert town["contact"] == GRAEFENHAINICHEN["contact"]
        contact = PartnerCity.objects.get(slug="graefenhainichen", **GERMAN).contact
        assert contact.live and contact.live_revision_id  # published through a revision
