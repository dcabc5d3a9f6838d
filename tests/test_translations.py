"""Translations with wagtail-localize (issue 12, slice 1): snippets and the campaign tree are
translated the way the admin's "Übersetzen" does (`translate_object`: related snippets first, then
the page), point to the snippets of their own locale, never go live by themselves, and consent
stays the person's: synchronised from the German source, not offered for translation, withdrawn
in every language at once."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import translate_object

from pages.consent_errors import ConsentWithdrawnError
from pages.models import PortraitPage, TownSectionPage
from snippets.models import EngagementArea, PartnerCity
from tests.factories import (
    ContactPersonFactory,
    DocumentFactory,
    EngagementAreaFactory,
    PartnerCityFactory,
    PortraitPageFactory,
    publish,
)
from tests.helpers.content import translate_campaign


def test_content_locales_are_migrated(db):
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"de", "en", "de-x-ls"}
    assert Locale.get_default().language_code == "de"
    assert Locale.objects.get(language_code="de-x-ls").get_display_name() == "Leichte Sprache"


@pytest.mark.django_db
def test_snippet_translation_is_a_draft_with_synchronised_names(people, en):
    contact = ContactPersonFactory(name="Erika Muster", role="Koordinatorin", phone="0340 123")
    town = PartnerCityFactory(name="Köthen (Anhalt)", slug="koethen", contact=contact)
    translate_object(town, [en], user=people["coordinator"])

    english_town = town.get_translation(en)
    english_contact = contact.get_translation(en)
    # Drafts: a translation never goes live by itself (WAGTAILLOCALIZE_SYNC_LIVE_STATUS_...).
    assert town.live and not english_town.live and english_town.has_unpublished_changes
    assert not english_contact.live
    # Names of places and people, the slug and how to reach someone are not translated.
    assert (english_town.name, english_town.slug) == ("Köthen (Anhalt)", "koethen")
    assert (english_contact.name, english_contact.phone) == ("Erika Muster", "0340 123")
    # The town's contact is the contact of the town's own locale.
    assert english_town.contact == english_contact
    # What a translator is offered: roles and descriptions, not names.
    offered = {
        segment.context.path
        for model in (town, contact)
        for segment in TranslationSource.objects.get_for_instance(model).stringsegment_set.all()
    }
    assert offered == {"role", "department"}


@pytest.mark.django_db
def test_snippet_slugs_are_unique_per_locale(en):
    area = EngagementAreaFactory(name="Sport", slug="sport", description="Vereine und Training")
    translate_object(area, [en])
    english = area.get_translation(en)
    assert english.slug == "sport" and english.translation_key == area.translation_key
    source = TranslationSource.objects.get_for_instance(area)
    assert {s.context.path for s in source.stringsegment_set.all()} == {"name", "description"}
    with pytest.raises(IntegrityError), transaction.atomic():
        EngagementArea.objects.create(name="Sport 2", slug="sport", live=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        EngagementArea.objects.create(name="Sports", slug="sport", locale=en, live=True)


@pytest.mark.django_db
def test_translated_section_and_portrait_point_to_their_locale(tree, people, en):
    section = tree.dessau_section
    sport = EngagementAreaFactory(name="Sport", slug="sport")
    culture = EngagementAreaFactory(name="Kultur", slug="kultur")
    translate_object(sport, [en])  # translated area: remapped; culture: not yet translated
    portrait = PortraitPageFactory(parent=section)
    portrait.areas.set([sport, culture])
    publish(portrait)

    english = translate_campaign(tree, people["coordinator"], en, portrait).specific
    english_section = english.get_parent().specific
    english_town = tree.dessau.get_translation(en)

    assert english_section.locale == en and english_section.town == english_town
    assert english.town == english_town
    assert set(english.areas.all()) == {sport.get_translation(en), culture}
    # Not live by itself: a translation goes public through its own publish and guards.
    assert portrait.live and not english.live and not english_section.live
    assert not english_town.live
    # One section per town and locale: the one-to-one holds in every language.
    assert (
        TownSectionPage.objects.filter(town__translation_key=tree.dessau.translation_key).count()
        == 2
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        english_section.copy(to=english_section.get_parent(), update_attrs={"slug": "zweiter"})


@pytest.mark.django_db
def test_section_translation_needs_the_town_in_its_locale(tree, en):
    """Without wagtail-localize's related objects (a programmatic copy), the section cannot
    silently keep the German town (which would also break the one-to-one)."""
    translate_object(tree.home, [en])
    translate_object(tree.campaign, [en])
    with pytest.raises(PartnerCity.DoesNotExist):
        tree.dessau_section.copy_for_translation(en)


@pytest.mark.django_db
def test_consent_is_synchronised_and_not_offered_for_translation(client, tree, people, en):
    portrait = PortraitPageFactory(parent=tree.dessau_section, name="Erika Beispiel")
    publish(portrait)
    english = translate_campaign(tree, people["coordinator"], en, portrait).specific
    source = TranslationSource.objects.get_for_instance(portrait)
    offered = {s.context.path for s in source.stringsegment_set.all()}
    assert {"quote", "teaser"} <= offered
    overridable = {s.context.path for s in source.overridablesegment_set.all()}
    assert not {path for path in offered | overridable if path.startswith(("consent", "name"))}

    # The source records new consent: the next sync carries it into the translation.
    new_document = DocumentFactory()
    portrait.consent_given_by = "Erika Beispiel-Neu"
    portrait.consent_given_at = datetime.date(2025, 3, 1)
    portrait.consent_scope = PortraitPage.ConsentScope.ALL
    portrait.consent_document = new_document
    publish(portrait)
    source.update_from_db()
    Translation.objects.get(source=source, target_locale=en).save_target(publish=False)
    english.refresh_from_db()
    assert (
        english.consent_given_by,
        english.consent_given_at,
        english.consent_scope,
        english.consent_document_id,
    ) == ("Erika Beispiel-Neu", datetime.date(2025, 3, 1), "all", new_document.pk)

    # The translation editor (wagtail-localize's edit view) offers no consent field.
    client.force_login(people["coordinator"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=(english.pk,)))
    html = response.content.decode()
    assert response.status_code == 200 and "wagtail-localize" in html.lower()
    assert "weil ich gern Menschen zusammenbringe" in html  # the source strings are offered
    assert "consent_" not in html and "Erika Beispiel-Neu" not in html


@pytest.mark.django_db
def test_withdrawal_takes_every_translation_down(tree, people, en, leichte_sprache):
    portrait = PortraitPageFactory(parent=tree.dessau_section)
    publish(portrait)
    for locale in (en, leichte_sprache):
        translate_campaign(tree, people["coordinator"], locale, portrait)
    translations = [portrait.get_translation(locale).specific for locale in (en, leichte_sprache)]
    for page in translations:
        publish(page)
        assert page.live
    other = publish(PortraitPageFactory(parent=tree.dessau_section))

    # Withdrawn from any language's page: all of them go down.
    with TestCase.captureOnCommitCallbacks(execute=True):
        translations[0].withdraw_consent(by=people["coordinator"])

    for page in (portrait, *translations):
        page.refresh_from_db()
        assert not page.live and page.is_consent_withdrawn, page.locale
        assert page.consent_withdrawn_by == people["coordinator"]
    other.refresh_from_db()
    assert other.live and not other.is_consent_withdrawn
    # The guard refuses to publish any of them again.
    for page in (portrait, *translations):
        with pytest.raises(ConsentWithdrawnError):
            page.save_revision().publish()


@pytest.mark.django_db
def test_translation_of_a_withdrawn_portrait_is_withdrawn(tree, people, en):
    portrait = publish(PortraitPageFactory(parent=tree.dessau_section))
    with TestCase.captureOnCommitCallbacks(execute=True):
        portrait.withdraw_consent(by=people["coordinator"])
    english = translate_campaign(tree, people["coordinator"], en, portrait).specific
    assert english.is_consent_withdrawn and not english.live
    with pytest.raises(ConsentWithdrawnError):
        english.save_revision().publish()


@pytest.mark.django_db
def test_admin_translates_the_campaign_with_its_subtree(client, tree, en, django_user_model):
    """The admin's "Übersetzen" with "Unterseiten einschließen": home, then the campaign with every
    section and portrait, each pointing to its locale's town and not live."""
    portrait = publish(PortraitPageFactory(parent=tree.sections["lutherstadt-wittenberg"]))
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(admin)
    for page, data in ((tree.home, {}), (tree.campaign, {"include_subtree": "on"})):
        url = reverse("wagtail_localize:submit_page_translation", args=(page.pk,))
        response = client.post(url, {"locales": [en.pk], **data})
        assert response.status_code == 302, response.content.decode()[:2000]

    sections = TownSectionPage.objects.filter(locale=en)
    assert {section.town.translation_key for section in sections} == {
        section.town.translation_key for section in tree.sections.values()
    }
    assert all(section.town.locale == en and not section.live for section in sections)
    english = portrait.get_translation(en).specific
    assert english.town.locale == en and english.get_parent().specific.town == english.town
    assert not english.live and english.quote == portrait.quote


def test_leichte_sprache_code_is_accepted_by_django():
    """de-x-ls (a private-use subtag of German) passes Django's language machinery: a variant it
    supports, a URL prefix it recognises, an Accept-Language it honours."""
    from django.test import RequestFactory
    from django.utils import translation

    assert translation.get_supported_language_variant("de-x-ls") == "de-x-ls"
    assert translation.check_for_language("de-x-ls")
    assert translation.get_language_from_path("/de-x-ls/portraets/") == "de-x-ls"
    request = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE="de-x-ls,en;q=0.5")
    assert translation.get_language_from_request(request) == "de-x-ls"


@pytest.mark.django_db
def test_published_translations_stay_out_of_the_german_api(client, graphql, tree, people, en):
    """Without a `locale` argument the API serves German only: a live English portrait,
    section, campaign and area (same slugs, other ids) show on no list, lookup or search, and
    our REST API (no `locale` yet) serves German only."""
    sport = EngagementAreaFactory(name="Sport", slug="sport", description="Vereine")
    portrait = PortraitPageFactory(parent=tree.dessau_section, name="Helga Hilfreich")
    portrait.areas.set([sport])
    publish(portrait)
    translate_object(sport, [en])
    english = translate_campaign(tree, people["coordinator"], en, portrait).specific
    for snippet in (sport.get_translation(en), tree.dessau.get_translation(en)):
        snippet.save_revision().publish()
    for page in reversed(english.get_ancestors(inclusive=True).filter(depth__gt=1)):
        publish(page.specific)
    english.refresh_from_db()
    assert english.live and english.slug == portrait.slug  # a real, live twin
    german_ids = {str(portrait.pk)}
    english_ids = {str(page.pk) for page in english.get_ancestors(inclusive=True)}

    data = graphql.data(
        """{ portraits { items { id } } portrait(slug: "%s") { id }
             pages { id } search(query: "Helga") { ... on PortraitPage { id } }
             engagementAreas { slug description } }"""
        % portrait.slug
    )
    assert {item["id"] for item in data["portraits"]["items"]} == german_ids
    assert data["portrait"]["id"] == str(portrait.pk)
    assert not english_ids & {page["id"] for page in data["pages"]}
    assert [hit["id"] for hit in data["search"] if hit] == [str(portrait.pk)]
    assert [area["slug"] for area in data["engagementAreas"]].count("sport") == 1
    rest = client.get("/api/v2/pages/", {"type": "pages.PortraitPage"}).json()
    assert {str(item["id"]) for item in rest["items"]} == german_ids
    areas = client.get("/api/v2/engagement-areas/", {"fields": "slug"}).json()
    assert [item["slug"] for item in areas["items"]].count("sport") == 1


@pytest.mark.django_db
def test_no_translation_is_published_without_the_sources_valid_consent(tree, people, en):
    """Consent is read from the German source: a translation whose own (synchronised) consent
    fields look complete is refused on every path while the source's consent is incomplete."""
    from editorial.models import has_consent_on_record, why_no_consent
    from pages.consent_errors import SourceWithoutConsentError

    portrait = publish(PortraitPageFactory(parent=tree.dessau_section))
    english = translate_campaign(tree, people["coordinator"], en, portrait).specific
    for page in reversed(english.get_ancestors().filter(depth__gt=1)):
        publish(page.specific)
    PortraitPage.objects.filter(pk=portrait.pk).update(consent_given_by="")
    english.refresh_from_db()
    assert english.has_valid_consent and not english.source_has_valid_consent()

    assert not has_consent_on_record(english)  # the workflow offers no approval
    assert "deutsche Fassung" in str(why_no_consent(english))
    with pytest.raises(SourceWithoutConsentError):
        english.save_revision().publish()
    english.refresh_from_db()
    assert not english.live

    # Once the source's consent is complete again, the translation may go public.
    PortraitPage.objects.filter(pk=portrait.pk).update(consent_given_by="Erika Beispiel")
    assert has_consent_on_record(english)
    publish(english)
    assert english.live
