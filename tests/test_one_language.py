"""One language per form and per list (issue 20, item 2): the forms and choosers of a page or
snippet offer the translatable snippets of its own language only; the dashboard has one
"Neues Porträt" per town, after the work that waits; and no English or broken text where the
demo's editors look (reports, empty listings, the translation editor's dates and messages)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail_localize.models import StringTranslation
from wagtail_localize.operations import translate_object

from pages.models import PortraitPage, ProgrammePage
from snippets.models import ContactPerson, EngagementArea, Organisation, PartnerCity
from tests.factories import ContactPersonFactory, EngagementAreaFactory, PortraitPageFactory
from tests.factories.pages import ProgrammePageFactory
from tests.helpers.admin import CHOOSERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas(en, leichte_sprache):
    """Two German areas, each translated into English and Leichte Sprache."""
    german = [
        EngagementAreaFactory(name="Klimaschutz", slug="klimaschutz"),
        EngagementAreaFactory(name="Seniorenarbeit", slug="seniorenarbeit"),
    ]
    english, easy = [], []
    for area in german:
        english.append(area.copy_for_translation(en))
        easy.append(area.copy_for_translation(leichte_sprache))
    for translated in [*english, *easy]:
        translated.name = f"{translated.name} ({translated.locale.language_code})"
        translated.save()
    return {"de": german, "en": english, "de-x-ls": easy}


def names(queryset):
    return sorted(str(item) for item in queryset)


def portrait_form(page, user, parent):
    form_class = PortraitPage.get_edit_handler().get_form_class()
    return form_class(instance=page, parent_page=parent, for_user=user)


# Forms ---------------------------------------------------------------------------------------


def test_the_portrait_add_form_offers_the_areas_of_the_sections_language(tree, people, areas):
    section = tree.dessau_section
    page = PortraitPage(locale=section.locale)
    form = portrait_form(page, people["dessau_editor"], section)
    assert names(form.fields["areas"].queryset) == names(areas["de"])


def test_the_portrait_edit_form_offers_its_own_languages_areas(tree, people, areas, en):
    portrait = PortraitPageFactory(parent=tree.dessau_section)
    form = portrait_form(portrait, people["coordinator"], portrait.get_parent())
    assert names(form.fields["areas"].queryset) == names(areas["de"])

    for page in (tree.home, tree.campaign, portrait.get_parent(), portrait):  # parents first
        translate_object(page.specific, [en])
    english = portrait.get_translation(en)
    form = portrait_form(english, people["coordinator"], english.get_parent())
    assert names(form.fields["areas"].queryset) == names(areas["en"])


def test_an_area_already_chosen_in_another_language_stays_valid(tree, people, areas):
    """A choice already made is kept (never dropped silently on save), but only it."""
    portrait = PortraitPageFactory(parent=tree.dessau_section)
    stray = areas["en"][0]
    portrait.areas = [areas["de"][1], stray]
    portrait.save_revision()
    form = portrait_form(portrait, people["coordinator"], portrait.get_parent())
    assert names(form.fields["areas"].queryset) == names([*areas["de"], stray])


def test_the_contact_and_the_funders_are_offered_in_the_pages_language(tree, people, en):
    german_contact = ContactPersonFactory(name="Kathrin Hinze")
    english_contact = german_contact.copy_for_translation(en)
    english_contact.save()
    german_funder = Organisation.objects.create(name="Stiftung", slug="stiftung", live=True)
    Organisation.objects.create(
        name="Foundation",
        slug="stiftung",
        live=True,
        locale=en,
        translation_key=german_funder.translation_key,
    )
    programme = ProgrammePageFactory(parent=tree.home)
    form_class = ProgrammePage.get_edit_handler().get_form_class()
    form = form_class(instance=programme, parent_page=tree.home, for_user=people["coordinator"])
    assert list(form.fields["contact"].queryset) == [german_contact]
    funders = form.formsets["funder_links"]
    assert list(funders.empty_form.fields["organisation"].queryset) == [german_funder]


def test_a_towns_contact_is_offered_in_the_towns_language(tree, en, client, people):
    german = ContactPersonFactory(name="Kathrin Hinze", live=True)
    german.copy_for_translation(en).save()
    english_town = tree.dessau.copy_for_translation(en)
    english_town.save()
    client.force_login(people["coordinator"])
    for town, contact in ((tree.dessau, german), (english_town, None)):
        url = reverse("wagtailsnippets_snippets_partnercity:edit", args=(town.pk,))
        response = client.get(url)
        assert response.status_code == 200
        queryset = response.context["form"].fields["contact"].queryset
        assert all(choice.locale_id == town.locale_id for choice in queryset)
        if contact is not None:
            assert list(queryset) == [contact]


# Chooser modals ---------------------------------------------------------------------------------


def chooser_rows(response):
    html = (
        response.json()["html"]
        if response["Content-Type"].startswith("application/json")
        else response.content.decode()
    )
    return re.findall(r"data-chooser-modal-choice[^>]*>\s*([^<]+?)\s*<", html), html


def test_a_chooser_opened_for_one_language_lists_and_searches_only_it(client, people, areas):
    client.force_login(people["dessau_editor"])
    choose = reverse(CHOOSERS[EngagementArea])
    rows, html = chooser_rows(client.get(choose, {"locale": "de"}))
    assert sorted(rows) == names(areas["de"])
    # No "Alle" languages to switch to, and every further request keeps the language.
    assert 'name="locale"' not in html
    results = reverse(CHOOSERS[EngagementArea].replace(":choose", ":choose_results"))
    assert f'action="{results}?locale=de"' in html

    rows, _html = chooser_rows(client.get(results, {"locale": "de", "q": "Klima"}))
    assert rows == ["Klimaschutz"]
    rows, _html = chooser_rows(client.get(results, {"locale": "de-x-ls", "q": "Klima"}))
    assert rows == ["Klimaschutz (de-x-ls)"]


def test_a_chooser_without_a_language_offers_all_under_a_german_label(client, people, areas):
    client.force_login(people["coordinator"])
    rows, html = chooser_rows(client.get(reverse(CHOOSERS[EngagementArea])))
    assert len(rows) == 6
    assert re.search(r"<label[^>]*>\s*Sprache\s*</label>", html)
    assert not re.search(r"<label[^>]*>\s*Locale\s*</label>", html)


@pytest.mark.parametrize("model", [PartnerCity, ContactPerson, Organisation])
def test_every_partner_chooser_keeps_to_its_language(client, people, en, model):
    german = (
        model.objects.create(name="Gleich", slug="gleich", live=True)
        if model is not ContactPerson
        else ContactPersonFactory(name="Gleich", live=True)
    )
    german.copy_for_translation(en).save()
    client.force_login(people["coordinator"])
    rows, html = chooser_rows(client.get(reverse(CHOOSERS[model]), {"locale": "en"}))
    assert len(rows) == 1 and rows[0].startswith("Gleich")  # a contact shows its role too
    assert 'name="locale"' not in html
    results = reverse(CHOOSERS[model].replace(":choose", ":choose_results"))
    response = client.get(results, {"locale": "en", "q": "Gleich"})
    assert response.status_code == 200  # Wagtail's own language filter failed on a search
    rows, _html = chooser_rows(response)
    assert len(rows) == 1 and rows[0].startswith("Gleich")


# Snippet listings ------------------------------------------------------------------------------


def test_a_snippet_listing_shows_german_unless_another_language_is_picked(client, people, areas):
    client.force_login(people["coordinator"])
    url = reverse("wagtailsnippets_snippets_engagementarea:list")
    html = client.get(url).content.decode()
    assert "Klimaschutz" in html and "Seniorenarbeit" in html
    assert "(en)" not in html and "(de-x-ls)" not in html
    html = client.get(url, {"locale": "en"}).content.decode()
    assert "Klimaschutz (en)" in html and "(de-x-ls)" not in html
    assert ">Klimaschutz<" not in html


def test_the_nominations_list_offers_each_town_once_and_finds_all_its_languages(
    client, tree, people, en
):
    from tests.factories.nominations import NominationFactory

    english_town = tree.dessau.copy_for_translation(en)
    english_town.save()
    NominationFactory(town=tree.dessau, nominee_name="Auf Deutsch")
    NominationFactory(town=english_town, nominee_name="In English")
    client.force_login(people["coordinator"])
    url = reverse("nominations:index")
    html = client.get(url).content.decode()
    start = html.index('name="town"')
    options = re.findall(
        r"<option[^>]*>([^<]*)</option>", html[start : html.index("</select>", start)]
    )
    assert options == ["Alle", "Dessau-Roßlau", "Lutherstadt Wittenberg"]
    html = client.get(url, {"town": tree.dessau.pk}).content.decode()
    assert "Auf Deutsch" in html and "In English" in html


# Dashboard --------------------------------------------------------------------------------------


def test_the_dashboard_has_one_new_portrait_button_per_town_in_german(
    client, tree, people, en, leichte_sprache
):
    for page in (tree.home, tree.campaign, *tree.sections.values()):  # parents first
        translate_object(page.specific, [en, leichte_sprache])
    client.force_login(people["dessau_editor"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert html.count("Neues Porträt in Dessau-Roßlau") == 1
    german = tree.dessau_section
    assert reverse("wagtailadmin_pages:add", args=("pages", "portraitpage", german.pk)) in html

    client.force_login(people["coordinator"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert html.count("Neues Porträt in ") == 2  # two towns in the test tree


def test_the_coordinator_sees_approvals_and_nominations_before_new_portraits(client, tree, people):
    portrait = PortraitPageFactory(parent=tree.dessau_section, title="Wartet")
    portrait.save_revision(user=people["editor"])
    portrait.get_workflow().start(portrait, people["editor"])
    client.force_login(people["coordinator"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    approvals = html.index("Wartet")
    nominations = html.index('data-testid="coordination-panel"')
    new_portrait = html.index('data-testid="new-portrait-panel"')
    assert approvals < new_portrait and nominations < new_portrait


# German text ------------------------------------------------------------------------------------


def test_aging_pages_show_a_dash_for_pages_published_without_a_user(client, tree, people):
    client.force_login(people["coordinator"])
    response = client.get(reverse("wagtailadmin_reports:aging_pages"))
    assert response.status_code == 200
    html = response.content.decode()
    assert tree.campaign.title in html
    assert not re.search(r">\s*None\s*<", html)


def test_an_empty_explorer_does_not_count_1_to_0(client, tree, people):
    client.force_login(people["coordinator"])
    empty = tree.sections["lutherstadt-wittenberg"]
    html = client.get(reverse("wagtailadmin_explore", args=(empty.pk,))).content.decode()
    assert "1-0" not in html and "1–0" not in html
    PortraitPageFactory(parent=empty)
    html = client.get(reverse("wagtailadmin_explore", args=(empty.pk,))).content.decode()
    assert "1–1 von 1 Seite" in html


def test_the_page_search_counts_pages_not_none(client, tree, people):
    PortraitPageFactory(parent=tree.dessau_section, title="Anna Suchbar")
    client.force_login(people["coordinator"])
    html = client.get(reverse("wagtailadmin_pages:search"), {"q": "Suchbar"}).content.decode()
    assert "1–1 von 1 Seiten" in html
    assert "von 1 None" not in html


def test_the_translation_editor_writes_german_dates(leichte_sprache):
    translation_row = StringTranslation(
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        updated_at=timezone.make_aware(datetime.datetime(2026, 12, 6, 9, 30)),
    )
    with translation.override("de"):
        assert translation_row.get_comment() == "Manuell übersetzt am 06.12.2026"


def test_the_translation_messages_use_german_quotes_and_dashes():
    with translation.override("de"):
        published = _("Published '{object}' in {locale} with missing translations - see below.")
        assert published == (
            "„{object}“ in {locale} mit fehlenden Übersetzungen veröffentlicht – siehe unten."
        )
        assert _("%(model_name)s '%(object)s' updated.") == "%(model_name)s „%(object)s“ geändert."


def test_the_account_page_offers_no_time_zone_list(client, people):
    """The system's zone list holds "localtime", which browsers refuse (RangeError)."""
    client.force_login(people["coordinator"])
    html = client.get(reverse("wagtailadmin_account")).content.decode()
    assert "localtime" not in html
