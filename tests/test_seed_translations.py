"""The demo's English and Leichte Sprache versions are real wagtail-localize translations
(demo/seeding.py, issue 20): every text a translated segment, so that publishing through the
translation editor keeps them instead of putting the German back."""

import io

import pytest
from django.core.management import call_command
from wagtail_localize.models import StringTranslation, Translation

from pages.models import HomePage, PortraitPage
from snippets.models import ContactPerson


@pytest.fixture
def seeded(demo, db):
    pass


def incomplete():
    """Translations of demo/translations.py with a text not translated (the contacts' texts are
    not translated in the demo: names and addresses)."""
    found = []
    for translation in Translation.objects.select_related("source", "target_locale"):
        source = translation.source.get_source_instance()
        total, done = translation.get_progress()
        if done != total and not isinstance(source, ContactPerson):
            found.append((str(source), translation.target_locale.language_code, done, total))
    return found


def republish(page, django_capture_on_commit_callbacks):
    """ "Veröffentlichen" in the translation editor: wagtail-localize renders the page anew from
    its source and the translated segments."""
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=page.locale
    )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    return type(page).objects.get(pk=page.pk)


def test_every_text_of_the_demos_translations_is_translated(seeded):
    assert Translation.objects.count() > 30
    assert incomplete() == []


@pytest.mark.parametrize("code", ["en", "de-x-ls"])
def test_publishing_in_the_translation_editor_keeps_the_translated_portrait(
    seeded, code, django_capture_on_commit_callbacks
):
    portrait = PortraitPage.objects.get(slug="beispiel-anna-beispiel", locale__language_code=code)
    before = (portrait.title, portrait.quote, portrait.teaser, portrait.body[0].value.source)
    german = PortraitPage.objects.get(slug="beispiel-anna-beispiel", locale__language_code="de")
    assert portrait.quote != german.quote and portrait.teaser != german.teaser

    again = republish(portrait, django_capture_on_commit_callbacks)
    assert again.live
    assert (again.title, again.quote, again.teaser, again.body[0].value.source) == before


def test_the_leichte_sprache_home_page_keeps_its_paragraphs(
    seeded, django_capture_on_commit_callbacks
):
    home = HomePage.objects.get(locale__language_code="de-x-ls")
    before = home.engagement_text
    assert "Ehren·amts·karte" in before
    assert republish(home, django_capture_on_commit_callbacks).engagement_text == before


def test_a_demo_seeded_before_gets_its_segments_on_the_next_run(seeded):
    StringTranslation.objects.all().delete()  # translations written field by field, as before
    out = io.StringIO()
    call_command("seed_demo", "--no-accounts", stdout=out, stderr=io.StringIO())
    assert "Textstellen" in out.getvalue()
    assert incomplete() == []
    again = io.StringIO()
    call_command("seed_demo", "--no-accounts", stdout=again, stderr=io.StringIO())
    assert again.getvalue().strip().endswith("Neu angelegt – nichts.")
