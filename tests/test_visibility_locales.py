"""The visibility rule (docs/api.md) in every language (issue 12): a translation in a hidden
state never shows, on any query path, while its live German source and a visible translation
beside it do (so each test can fail).

The hidden states are those of tests/test_visibility.py, put on the translation: a draft,
scheduled, expired or private translation of a live German portrait; and a translation whose
German source has lost consent (withdrawn, or never complete), as consent belongs to the person
and is read from the source.
"""

import datetime

import pytest
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from pages.models import PortraitPage
from tests.factories import ImageFactory, PortraitPageFactory, publish
from tests.helpers.content import (
    HIDDEN_STATES,
    TRANSLATED,
    publish_translation,
    rest,
    rest_slugs,
    slugs,
    translate_campaign,
)

pytestmark = pytest.mark.django_db

CONSENT_STATES = ("consent_withdrawn", "no_consent")


def hidden_translation(tree, user, code, source, state):
    """The translation of the live German `source` into `code`, in the hidden `state`."""
    if state == "draft":
        translation = translate_campaign(tree, user, Locale.objects.get(language_code=code), source)
        for page in reversed(translation.get_ancestors().filter(depth__gt=1)):
            publish(page.specific)
        return translation.specific
    if state == "scheduled":
        translation = translate_campaign(tree, user, Locale.objects.get(language_code=code), source)
        for page in reversed(translation.get_ancestors().filter(depth__gt=1)):
            publish(page.specific)
        translation = translation.specific
        translation.go_live_at = timezone.now() + datetime.timedelta(days=2)
        with TestCase.captureOnCommitCallbacks(execute=True):
            translation.save_revision().publish()
        translation.refresh_from_db()
        assert not translation.live
        return translation
    translation = publish_translation(tree, user, code, source)
    if state == "expired":  # the scheduler has not run yet: Wagtail still says live
        PortraitPage.objects.filter(pk=translation.pk).update(
            expire_at=timezone.now() - datetime.timedelta(minutes=1)
        )
    elif state == "private":
        PageViewRestriction.objects.create(
            page=translation, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )
    elif state == "consent_withdrawn":  # the German source only: consent is the person's
        PortraitPage.objects.filter(pk=source.pk).update(consent_withdrawn_at=timezone.now())
    elif state == "no_consent":
        PortraitPage.objects.filter(pk=source.pk).update(consent_given_by="")
    translation.refresh_from_db()
    return translation


@pytest.fixture
def portraits(tree):
    section = tree.dessau_section
    visible = publish(
        PortraitPageFactory(
            parent=section, name="Anna Sichtbar", slug="anna-sichtbar", photo=ImageFactory()
        )
    )
    hidden = publish(
        PortraitPageFactory(
            parent=section, name="Bert Verborgen", slug="bert-verborgen", photo=ImageFactory()
        )
    )
    return visible, hidden


QUERY = """query($locale: String, $slug: String, $id: ID, $section: ID, $photo: ID) {
    portraits(locale: $locale) { items { slug } pagination { total } }
    fallback: portraits(locale: $locale, fallback: true) { items { id } }
    hidden: portrait(locale: $locale, slug: $slug) { slug }
    shown: portrait(locale: $locale, slug: "anna-sichtbar") { slug }
    page(locale: $locale, slug: $slug) { slug }
    byId: page(locale: $locale, id: $id) { slug }
    pages(locale: $locale, limit: 100) { id }
    byParent: pages(locale: $locale, parent: $section) { slug }
    section: page(locale: $locale, id: $section) { children { slug } descendants { slug } }
    hiddenHits: search(locale: $locale, query: "Verborgen") { ... on PortraitPage { id } }
    shownHits: search(locale: $locale, query: "Sichtbar") { ... on PortraitPage { slug } }
    german: portraits { items { slug translations { id } } }
    photo: image(id: $photo) { id }
}"""


@pytest.mark.parametrize("state", HIDDEN_STATES)
@pytest.mark.parametrize("code", TRANSLATED)
def test_a_hidden_translation_shows_on_no_path(
    graphql, client, tree, people, portraits, code, state
):
    visible, source = portraits
    user = people["coordinator"]
    shown = publish_translation(tree, user, code, visible)
    hidden = hidden_translation(tree, user, code, source, state)
    assert hidden.locale.language_code == code and hidden.slug == "bert-verborgen"
    section = shown.get_parent()

    data = graphql.data(
        QUERY,
        {
            "locale": code,
            "slug": hidden.slug,
            "id": hidden.pk,
            "section": section.pk,
            "photo": source.photo_id,
        },
    )
    assert slugs(data["portraits"]["items"]) == {"anna-sichtbar"}
    assert data["portraits"]["pagination"]["total"] == 1
    assert data["hidden"] is None and data["page"] is None and data["byId"] is None
    assert data["shown"] == {"slug": "anna-sichtbar"}
    assert str(hidden.pk) not in {page["id"] for page in data["pages"]}
    assert str(shown.pk) in {page["id"] for page in data["pages"]}
    assert slugs(data["byParent"]) == {"anna-sichtbar"}
    assert slugs(data["section"]["children"]) == {"anna-sichtbar"}
    assert slugs(data["section"]["descendants"]) == {"anna-sichtbar"}
    assert not [hit for hit in data["hiddenHits"] if hit]
    assert slugs(hit for hit in data["shownHits"] if hit) == {"anna-sichtbar"}
    # No path from the German side leads to the hidden translation either.
    listed = {version["id"] for item in data["german"]["items"] for version in item["translations"]}
    assert str(hidden.pk) not in listed and str(shown.pk) in listed

    fallback_ids = {item["id"] for item in data["fallback"]["items"]}
    if state in CONSENT_STATES:
        # The person is gone in every language: no German stand-in, no photo.
        assert fallback_ids == {str(shown.pk)}
        assert data["photo"] is None
        assert slugs(data["german"]["items"]) == {"anna-sichtbar"}
    else:
        # The German portrait stands in for the hidden translation, marked as German.
        assert fallback_ids == {str(shown.pk), str(source.pk)}
        assert data["photo"] == {"id": str(source.photo_id)}

    # REST: the listing in the language, its search, and the page by id (in its own language).
    listed = rest(client, "pages/", locale=code, type="pages.PortraitPage", limit=100)
    assert {item["id"] for item in listed["items"]} == {shown.pk}
    assert rest_slugs(rest(client, "pages/", locale=code, search="Verborgen")) == set()
    rest(client, f"pages/{hidden.pk}/", status=404)
    rest(client, f"pages/{shown.pk}/")


def copy_of(image, title):
    """Another record of the same file (uploaded again: the same file_hash)."""
    from django.core.files.base import ContentFile

    with image.open_file() as original:
        content = original.read()
    copy = type(image)(title=title, alt_text="Dieselbe Datei")
    copy.file = ContentFile(content, name="noch-einmal.png")
    copy.save()
    assert copy.file_hash == image.file_hash
    return copy


def test_a_withdrawal_marks_every_language_versions_photo_and_its_copies(tree, people):
    """The withdrawal writes itself onto the image rows, in its own transaction: the German
    photo, a translation's own photo and every other record of either file, including a copy
    uploaded after the withdrawal; a new consent clears the German photo's mark, not that of
    the translation, whose withdrawal stays in force until it gets the new consent too."""
    from tests.factories import DocumentFactory

    user = people["coordinator"]
    photo, translated_photo, other = ImageFactory(), ImageFactory(), ImageFactory()
    source = publish(PortraitPageFactory(parent=tree.dessau_section, slug="wiebke", photo=photo))
    translation = publish_translation(tree, user, "en", source)
    PortraitPage.objects.filter(pk=translation.pk).update(photo=translated_photo)
    copies = [copy_of(photo, "Kopie"), copy_of(translated_photo, "Kopie der Übersetzung")]
    publish(PortraitPageFactory(parent=tree.dessau_section, photo=other))

    def marked():
        images = type(photo).objects.filter(consent_withdrawn_at__isnull=False)
        return set(images.values_list("pk", flat=True))

    assert marked() == set()
    source.withdraw_consent(by=user)
    expected = {photo.pk, translated_photo.pk, *(copy.pk for copy in copies)}
    assert marked() == expected
    later = copy_of(translated_photo, "Später hochgeladen")
    assert marked() == {*expected, later.pk}

    source.refresh_from_db()
    source.consent_given_at = timezone.localdate()
    source.consent_document = DocumentFactory(title="Neue Einwilligung")
    publish(source)
    assert marked() == {translated_photo.pk, copies[1].pk, later.pk}


def test_the_migration_marks_the_photos_withdrawn_before_it(tree, people):
    """Withdrawals recorded before the image rows carried the mark: the migration marks what the
    policy hid until then (the photo of a withdrawn portrait or of a translation of one, and
    their copies), and nothing else."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("pages.migrations.0008_mark_withdrawn_photos")
    photo, translated_photo, other = ImageFactory(), ImageFactory(), ImageFactory()
    source = publish(PortraitPageFactory(parent=tree.dessau_section, slug="alt", photo=photo))
    translation = publish_translation(tree, people["coordinator"], "en", source)
    PortraitPage.objects.filter(pk=translation.pk).update(photo=translated_photo)
    copy = copy_of(translated_photo, "Kopie")
    publish(PortraitPageFactory(parent=tree.dessau_section, photo=other))
    # As recorded before: on the German row only, nothing on the images.
    PortraitPage.objects.filter(pk=source.pk).update(consent_withdrawn_at=timezone.now())
    images = type(photo).objects.filter(consent_withdrawn_at__isnull=False)
    assert not images.exists()

    migration.mark_withdrawn_photos(apps, None)
    assert set(images.values_list("pk", flat=True)) == {photo.pk, translated_photo.pk, copy.pk}
