"""Translations in the API (issue 12): `translations { locale url slug }` lists only visible
versions, in a constant number of statements per list; `fallback` fills a list in another
language with German where a translation is missing, and says so; consent is read from the
German source; events about translated pages reach the partners."""

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction
from wagtail_localize.operations import translate_object

from cms.events import content_changed
from pages.models import PortraitPage
from tests.factories import EngagementAreaFactory, ImageFactory, PortraitPageFactory, publish
from tests.helpers.content import (
    TRANSLATED,
    publish_translation,
    six_translated_portraits,
    translate_campaign,
)

pytestmark = pytest.mark.django_db

TRANSLATIONS = """query($locale: String) { portraits(locale: $locale) { items {
    id locale slug translations { id locale slug url } } } }"""


def test_translations_list_the_visible_versions_in_the_other_languages(
    graphql, tree, people, published_portrait
):
    versions = {
        code: publish_translation(tree, people["coordinator"], code, published_portrait)
        for code in TRANSLATED
    }
    versions["de"] = published_portrait

    for code, page in versions.items():
        items = graphql.data(TRANSLATIONS, {"locale": code})["portraits"]["items"]
        assert [item["id"] for item in items] == [str(page.pk)]
        expected = [
            {"id": str(other.pk), "locale": other_code, "slug": other.slug, "url": other.url}
            for other_code, other in versions.items()
            if other_code != code
        ]
        order = ["de", "en", "de-x-ls"]
        expected.sort(key=lambda version: order.index(version["locale"]))
        assert items[0]["translations"] == expected
    assert versions["en"].url.startswith("/en/")


def test_translations_leave_out_drafts_and_withdrawn_versions(
    graphql, tree, people, published_portrait
):
    english = publish_translation(tree, people["coordinator"], "en", published_portrait)
    easy = Locale.objects.get(language_code="de-x-ls")
    draft = translate_campaign(tree, people["coordinator"], easy, published_portrait)
    assert not draft.live

    items = graphql.data(TRANSLATIONS)["portraits"]["items"]
    assert [version["locale"] for version in items[0]["translations"]] == ["en"]

    # The campaign lists its translations; the English one, once published, only.
    campaign = graphql.data("{ campaign { translations { locale } } }")["campaign"]
    assert campaign["translations"] == [{"locale": "en"}]

    with TestCase.captureOnCommitCallbacks(execute=True):
        published_portrait.withdraw_consent(by=people["coordinator"])
    assert graphql.data(TRANSLATIONS)["portraits"]["items"] == []
    # The campaign's German version still lists its English one; the portrait is gone.
    query = """query($locale: String) { campaign(locale: $locale) { translations { locale } } }"""
    assert graphql.data(query, {"locale": "en"})["campaign"]["translations"] == [{"locale": "de"}]
    assert english.pk != published_portrait.pk


def test_snippet_translations_have_a_slug_and_no_url(graphql, tree):
    area = EngagementAreaFactory(name="Sport", slug="sport")
    english = Locale.objects.get(language_code="en")
    translate_object(area, [english])
    translation = area.get_translation(english)
    data = graphql.data("{ engagementAreas { slug translations { locale slug url } } }")
    sport = next(item for item in data["engagementAreas"] if item["slug"] == "sport")
    assert sport["translations"] == []  # the English version is a draft

    translation.save_revision().publish()
    data = graphql.data("{ engagementAreas { slug translations { locale slug url } } }")
    sport = next(item for item in data["engagementAreas"] if item["slug"] == "sport")
    assert sport["translations"] == [{"locale": "en", "slug": "sport", "url": None}]


@pytest.mark.parametrize("code", ("de", "en"))
def test_translations_of_a_list_cost_the_same_at_every_length(graphql, tree, people, code):
    six_translated_portraits(tree, people["coordinator"], "en")
    query = """query($locale: String) { portraits(locale: $locale, perPage: %d) {
        items { slug translations { locale url slug }
                town { translations { locale slug } } areas { translations { slug } } } } }"""

    counts = []
    for size in (2, 6):
        graphql.data(query % size, {"locale": code})
        with CaptureQueriesContext(connection) as ctx:
            items = graphql.data(query % size, {"locale": code})["portraits"]["items"]
        assert len(items) == size
        assert all(len(item["translations"]) == 1 for item in items)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


FALLBACK = """query($fallback: Boolean) { portraits(locale: "en", fallback: $fallback) {
    items { slug locale } pagination { total } } }"""


def test_without_fallback_an_english_list_holds_only_translations(graphql, tree, people):
    section = tree.dessau_section
    translated = publish(PortraitPageFactory(parent=section, slug="uebersetzt"))
    publish(PortraitPageFactory(parent=section, slug="nur-deutsch"))
    english = publish_translation(tree, people["coordinator"], "en", translated)

    plain = graphql.data(FALLBACK)["portraits"]
    assert plain["items"] == [{"slug": english.slug, "locale": "en"}]
    assert plain["pagination"]["total"] == 1
    assert graphql.data(FALLBACK, {"fallback": False}) == graphql.data(FALLBACK)


def test_with_fallback_the_list_fills_in_german_and_says_so(graphql, tree, people):
    section = tree.dessau_section
    translated = publish(PortraitPageFactory(parent=section, slug="uebersetzt"))
    german_only = publish(PortraitPageFactory(parent=section, slug="nur-deutsch"))
    drafted = publish(PortraitPageFactory(parent=section, slug="entwurf-englisch"))
    english = publish_translation(tree, people["coordinator"], "en", translated)
    en = Locale.objects.get(language_code="en")
    translate_object(drafted, [en])  # a draft translation: German stands in for it
    assert not drafted.get_translation(en).live

    data = graphql.data(FALLBACK, {"fallback": True})["portraits"]
    found = {(item["slug"], item["locale"]) for item in data["items"]}
    assert found == {
        (english.slug, "en"),
        (german_only.slug, "de"),
        (drafted.slug, "de"),
    }
    assert data["pagination"]["total"] == 3
    assert (translated.slug, "de") not in found or translated.slug == english.slug

    single = """query($slug: String) {
        portrait(slug: $slug, locale: "en", fallback: true) { id locale }
        plain: portrait(slug: $slug, locale: "en") { id } }"""
    data = graphql.data(single, {"slug": german_only.slug})
    assert data["portrait"] == {"id": str(german_only.pk), "locale": "de"}
    assert data["plain"] is None


def test_fallback_never_shows_a_hidden_german_page(graphql, tree, people):
    section = tree.dessau_section
    withdrawn = publish(PortraitPageFactory(parent=section, slug="widerrufen"))
    with TestCase.captureOnCommitCallbacks(execute=True):
        withdrawn.withdraw_consent(by=people["coordinator"])
    PortraitPageFactory(parent=section, slug="nie-veroeffentlicht")
    assert graphql.data(FALLBACK, {"fallback": True})["portraits"]["items"] == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_consent_is_read_from_the_german_source(graphql, tree, people, published_portrait, code):
    """A translation whose own consent fields still look valid is hidden, with its photo, once
    its German source has no valid consent (even were the synchronisation to miss it)."""
    photo = ImageFactory(title="Foto Helga")
    PortraitPage.objects.filter(translation_key=published_portrait.translation_key).update(
        photo=photo
    )
    translation = publish_translation(tree, people["coordinator"], code, published_portrait)
    query = """query($locale: String, $slug: String, $photo: ID) {
        portraits(locale: $locale) { items { id } }
        portrait(locale: $locale, slug: $slug) { id }
        pages(locale: $locale) { id }
        search(locale: $locale, query: "Helga") { ... on PortraitPage { id } }
        image(id: $photo) { id } }"""
    variables = {"locale": code, "slug": translation.slug, "photo": photo.pk}
    before = graphql.data(query, variables)
    assert before["portrait"] == {"id": str(translation.pk)}
    assert before["image"] == {"id": str(photo.pk)}

    # The source alone loses its consent, behind the synchronisation's back.
    PortraitPage.objects.filter(pk=published_portrait.pk).update(
        consent_withdrawn_at=timezone.now()
    )
    translation.refresh_from_db()
    assert translation.consent_withdrawn_at is None
    data = graphql.data(query, variables)
    assert data["portraits"]["items"] == [] and data["portrait"] is None
    assert str(translation.pk) not in {page["id"] for page in data["pages"]}
    assert not [hit for hit in data["search"] if hit]
    assert data["image"] is None


@pytest.fixture
def events():
    sent = []

    def record(sender, instance, action, **kwargs):
        sent.append((action, instance.pk))

    content_changed.connect(record, dispatch_uid="tests.translation_events")
    yield sent
    content_changed.disconnect(dispatch_uid="tests.translation_events")


def test_a_translated_page_shown_again_is_announced(tree, people, published_portrait, events):
    """Events about one page look at it in every language: lifting a restriction from the
    English section says "published" for the English portrait too."""
    english = publish_translation(tree, people["coordinator"], "en", published_portrait)
    section = english.get_parent()
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.LOGIN
    )
    assert ("unpublished", english.pk) in events
    events.clear()
    restriction.delete()
    assert ("published", english.pk) in events


def test_webhooks_tell_partners_about_a_published_translation(tree, people, published_portrait):
    from webhooks.events import _action_for_clients

    english = publish_translation(tree, people["coordinator"], "en", published_portrait)
    assert _action_for_clients(english, "published") == "published"
    draft = translate_campaign(
        tree, people["coordinator"], Locale.objects.get(language_code="de-x-ls"), published_portrait
    )
    assert _action_for_clients(draft.specific, "published") is None


def test_translating_another_portrait_keeps_the_live_town_translation_live(graphql, tree, people):
    """Translating a portrait syncs its town and areas again (wagtail-localize): a live
    English town must not go offline with it, or every English portrait of the town would."""
    section = tree.dessau_section
    sport = EngagementAreaFactory(name="Sport", slug="sport")
    first = PortraitPageFactory(parent=section, slug="erste")
    first.areas.set([sport])
    english = publish_translation(tree, people["coordinator"], "en", publish(first), sport)
    second = PortraitPageFactory(parent=section, slug="zweite")
    second.areas.set([sport])
    publish(second)

    en = Locale.objects.get(language_code="en")
    # As the admin's "Übersetzen": the section again (its parent), then the new portrait.
    for page in (section, second):
        translate_object(page, [en], user=people["coordinator"])
    town, area = tree.dessau.get_translation(en), sport.get_translation(en)
    assert town.live and area.live
    query = '{ portraits(locale: "en") { items { id } } engagementAreas(locale: "en") { slug } }'
    data = graphql.data(query)
    assert data["portraits"]["items"] == [{"id": str(english.pk)}]
    assert data["engagementAreas"] == [{"slug": "sport"}]

    # Wagtail's own unpublish still takes the English town offline.
    with TestCase.captureOnCommitCallbacks(execute=True):
        town.unpublish()
    town.refresh_from_db()
    assert not town.live
    assert graphql.data(query)["portraits"]["items"] == []
