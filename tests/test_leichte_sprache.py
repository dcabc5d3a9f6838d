"""The Leichte-Sprache hints (pages/leichte_sprache.py): each rule finds what it should, leaves
plain Leichte Sprache alone, and only warns."""

import pytest

from demo import content, translations
from pages.leichte_sprache import MAX_SENTENCE_WORDS, check

TOWNS = [town["name"] for town in content.PARTNER_CITIES]


def kinds(text, **kwargs):
    return [hint.kind for hint in check(text, **kwargs)]


@pytest.mark.parametrize(
    ("text", "kind", "passage"),
    [
        ("Die Freiwilligenagentur hilft.", "long_word", "Freiwilligenagentur"),
        ("Wir helfen z. B. beim Einkaufen.", "abbreviation", "z. B."),
        ("Rufen Sie bzw. schreiben Sie uns.", "abbreviation", "bzw."),
        ("Der OB lädt ein.", "abbreviation", "OB"),
        ("Das Treffen ist am XIV. Tag.", "roman_numeral", "XIV"),
        ("Das kostet nichts.", "negation", "Das kostet nichts."),
        ("Die Karte wird verschickt.", "passive", "Die Karte wird verschickt."),
        ("Die Stelle wurde gefordert.", "passive", "Die Stelle wurde gefordert."),
    ],
)
def test_each_rule_finds_its_case(text, kind, passage):
    found = [hint for hint in check(text) if hint.kind == kind]
    assert [hint.text for hint in found] == [passage]
    assert found[0].message  # a German sentence for the editor


def test_a_long_sentence_is_counted_in_words():
    short = " ".join(["Wort"] * MAX_SENTENCE_WORDS) + "."
    long = " ".join(["Wort"] * (MAX_SENTENCE_WORDS + 1)) + "."
    assert "sentence" not in kinds(short)
    assert kinds(long) == ["sentence"]
    assert "16 Wörter" in check(long)[0].message


def test_abbreviations_do_not_end_a_sentence_and_rich_text_is_read_as_text():
    text = "<p>Wir gehen z. B. zu Ämtern. Wir lernen <b>Deutsch</b>.</p>"
    assert kinds(text) == ["abbreviation"]


def test_separated_words_names_and_single_letters_are_fine():
    assert kinds("Die Ehren·amts·karte und die Ehren-Amts-Karte helfen.") == []
    assert "long_word" in kinds("Stadtteilzentren aus Gräfenhainichen.")
    assert kinds("Sie wohnt in Marienthalerheide.", known_names=["Marienthalerheide"]) == []
    assert kinds("Ich bin dabei. Sie auch.") == []  # "I" is no Roman numeral


def test_the_real_german_text_needs_work_and_the_seeded_leichte_sprache_hardly_any():
    german = check(content.CAMPAIGN["intro"] + content.HOME["engagement_text"], known_names=TOWNS)
    found = {hint.kind for hint in german}
    assert {"sentence", "long_word", "abbreviation", "negation", "passive"} <= found
    texts = translations.TEXTS[translations.LEICHTE_SPRACHE]
    easy = check(
        texts["campaign"]["intro"] + texts["home"]["engagement_text"] + texts["home"]["intro"],
        known_names=TOWNS,
    )
    assert not [hint for hint in easy if hint.kind in ("sentence", "abbreviation", "passive")]


@pytest.mark.django_db
@pytest.mark.parametrize("synced", [True, False], ids=["localize-editor", "wagtail-editor"])
def test_opening_a_leichte_sprache_portrait_shows_its_hints(client, tree, people, synced):
    """In wagtail-localize's translation editor (a synced translation) and in Wagtail's own
    (after "Synchronisierung beenden"): the draft's hints as warnings, nothing blocked. German
    and English pages get none."""
    from urllib.parse import urlencode

    from django.urls import reverse
    from wagtail.models import Locale
    from wagtail_localize.models import Translation

    from tests.factories import PortraitPageFactory, publish
    from tests.helpers.content import translate_campaign

    portrait = publish(
        PortraitPageFactory(
            parent=tree.dessau_section, teaser="Die Ehrenamtskarte wird verschickt."
        )
    )
    locale = Locale.objects.get(language_code="de-x-ls")
    easy = translate_campaign(tree, people["coordinator"], locale, portrait).specific
    client.force_login(people["coordinator"])
    written = "Die Karte wird z. B. nicht verschickt."
    if synced:  # the editor's "Speichern" under the text: a segment, not yet the page
        translation = Translation.objects.get(
            source__object_id=portrait.translation_key, target_locale=locale
        )
        segment = translation.source.stringsegment_set.get(context__path="teaser")
        saved = client.put(
            reverse(
                "wagtail_localize:edit_string_translation",
                args=(translation.pk, segment.pk),
            ),
            urlencode({"value": written}),
            content_type="application/x-www-form-urlencoded",
        )
        assert saved.status_code == 201, saved.content
        assert easy.get_latest_revision_as_object().teaser != written
    else:
        Translation.objects.filter(target_locale=locale).update(enabled=False)
        easy.teaser = written
        easy.save_revision()

    response = client.get(f"/admin/pages/{easy.pk}/edit/", follow=True)
    assert response.status_code == 200
    shown = [str(message) for message in response.context["messages"]]
    assert any("Abkürzung „z. B.“" in message for message in shown), shown
    assert any("Verneinung „nicht“" in message for message in shown), shown
    assert any("Passiv" in message for message in shown), shown
    assert "Leichte Sprache: Abkürzung „z. B.“" in response.content.decode()  # on the screen
    german = client.get(f"/admin/pages/{portrait.pk}/edit/")
    assert not [m for m in german.context["messages"] if "Leichte Sprache" in str(m)]


# Issue 20: the sentence an editor wrote in the translation editor gave only a false positive.
WRITTEN = (
    "Im XXI. Jahrhundert werden die Glücksbringer aus Dessau-Roßlau z. B. nicht mehr vom "
    "Oberbürgermeister gefragt, weil die Ehrenamtskarte und die vielen Angebote der Stadt "
    "schon lange gut bekannt sind."
)


def test_a_long_sentence_shows_every_hint_and_leaves_the_campaigns_names_alone():
    found = check(WRITTEN)
    assert {hint.kind for hint in found} == {
        "sentence",
        "roman_numeral",
        "abbreviation",
        "negation",
        "passive",
        "long_word",
    }
    assert "29 Wörter" in next(hint.message for hint in found if hint.kind == "sentence")
    assert [hint.text for hint in found if hint.kind == "long_word"] == ["Oberbürgermeister"]


def test_the_campaigns_names_in_their_inflected_forms_are_no_long_words():
    text = "Die Glücksbringerinnen des Vielfaltsgestalters zeigen ihre Ehrenamtskarten."
    assert kinds(text) == []
    assert kinds("Die Ehrenamtskartenausgabe ist offen.") == ["long_word"]  # not a name


def test_an_ordinal_number_does_not_end_a_sentence():
    """ "am 1. Juli", "im XXI. Jahrhundert": one sentence, so a long one is still found."""
    words = "Wir treffen uns am 1. Juli im Garten und dann gehen wir zusammen in die Stadt."
    assert len(words.split()) == MAX_SENTENCE_WORDS + 1
    assert kinds(words) == ["sentence"]
