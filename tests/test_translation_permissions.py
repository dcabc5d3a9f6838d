"""Per-town permissions hold in every language, and editors may translate (issue 12).

A town editor (redaktion-dessau, not a superuser) edits their town's portraits in English and
Leichte Sprache too, and no other town's; may use "Übersetzen" on their own town's pages only;
Redaktion and Koordination translate any page. All over HTTP against the Wagtail admin, as the
rules live in wagtail-localize's views and ours (editorial/translation_permissions.py,
cms/roles.py). When a translation goes public: tests/test_translation_publishing.py.
"""

from importlib import import_module
from urllib.parse import urlencode

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, WorkflowPage
from wagtail_localize.models import StringSegment
from wagtail_localize.operations import translate_object

from cms import roles
from tests.factories import (
    PartnerCityFactory,
    PortraitPageFactory,
    TownSectionPageFactory,
    publish,
)
from tests.helpers.admin import browser_form_data, edit_url
from tests.helpers.translation_admin import (
    OTHER,
    OWN,
    assert_refused,
    messages_of,
    submit_url,
    translation_of,
    update_url,
)

SUBMIT = "wagtail_localize.submit_translation"


# --- Groups and their permissions ------------------------------------------------------------


@pytest.mark.django_db
def test_every_editorial_group_may_use_translate(people, tree, make_user):
    for user in people.values():
        assert user.has_perm(SUBMIT), user.username
    # A town added later: its group (editorial.signals → cms.roles) may translate too.
    town = PartnerCityFactory(name="Köthen (Anhalt)", slug="koethen")
    TownSectionPageFactory(parent=tree.campaign, town=town)
    koethen = make_user("redaktion-koethen", roles.town_editor_group_name("Köthen (Anhalt)"))
    assert koethen.has_perm(SUBMIT)


def _section_permissions(group_name, page):
    return set(
        GroupPagePermission.objects.filter(group__name=group_name, page=page).values_list(
            "permission__codename", flat=True
        )
    )


@pytest.mark.django_db
def test_town_group_may_edit_its_section_in_every_language(
    translated_tree, people, en, leichte_sprache
):
    own_group = roles.town_editor_group_name("Dessau-Roßlau")
    other_group = roles.town_editor_group_name("Lutherstadt Wittenberg")
    for locale in (en, leichte_sprache):
        own = translated_tree.sections[OWN].get_translation(locale)
        other = translated_tree.sections[OTHER].get_translation(locale)
        # The translated section belongs to the translated town, which shares the group.
        assert own.specific.town.locale == locale
        assert _section_permissions(own_group, own) == {"add_page", "change_page"}
        assert _section_permissions(own_group, other) == set()
        assert _section_permissions(other_group, other) == {"add_page", "change_page"}
        editor = people["dessau_editor"]
        assert own.permissions_for_user(editor).can_add_subpage()
        assert not other.permissions_for_user(editor).can_add_subpage()
    assert Group.objects.filter(name__startswith=roles.town_editor_group_name("")).count() == 2


@pytest.mark.django_db
def test_migration_grants_existing_groups_and_translated_sections(translated_tree, en):
    """What the signals give new groups and translated sections, the data migration gives those
    of an existing database; reversed, it takes the translation permission back."""
    migration = import_module("editorial.migrations.0007_translation_permissions")
    submit = Permission.objects.get(codename="submit_translation")
    groups = Group.objects.filter(name__startswith=roles.EDITORS) | Group.objects.filter(
        name=roles.COORDINATORS
    )
    assert groups.count() == 4 and all(submit in group.permissions.all() for group in groups)
    english_section = translated_tree.sections[OWN].get_translation(en)
    english_campaign = translated_tree.campaign.get_translation(en)
    group_name = roles.town_editor_group_name("Dessau-Roßlau")
    # As a database from before: no translation permission, the translated section and the
    # translated campaign without their grants.
    migration.revoke_translation(django_apps, None)
    assert not any(submit in group.permissions.all() for group in groups)
    GroupPagePermission.objects.filter(group__name=group_name, page=english_section).delete()
    WorkflowPage.objects.filter(page=english_campaign).delete()

    migration.grant_translation(django_apps, None)
    assert all(submit in group.permissions.all() for group in groups)
    assert _section_permissions(group_name, english_section) == {"add_page", "change_page"}
    assert WorkflowPage.objects.get(page=english_campaign).workflow.name == roles.WORKFLOW_NAME


# --- (a), (b): editing translations ----------------------------------------------------------


@pytest.mark.django_db
def test_town_editor_edits_own_towns_english_portrait(client, people, translated_portraits, en):
    english = translated_portraits[OWN].get_translation(en)
    client.force_login(people["dessau_editor"])

    # The translation editor (wagtail-localize) opens; a translated string is saved.
    response = client.get(edit_url(english))
    assert response.status_code == 200
    assert "wagtail-localize" in response.content.decode().lower()
    translation = translation_of(translated_portraits[OWN], en)
    quote = StringSegment.objects.get(source=translation.source, context__path="quote")
    string_url = reverse(
        "wagtail_localize:edit_string_translation", args=(translation.pk, quote.pk)
    )
    response = client.put(
        string_url,
        urlencode({"value": "because I love bringing people together."}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 201, response.content

    # Edited in Wagtail's own editor (synchronisation stopped): a draft is saved, not published.
    stop_url = reverse("wagtail_localize:stop_translation", args=(translation.pk,))
    response = client.post(stop_url, {"next": edit_url(english)})
    assert response.status_code == 302 and response["Location"] == edit_url(english)
    response = client.get(edit_url(english))
    assert response.status_code == 200
    data = browser_form_data(response.content.decode())
    data["body-count"] = ["0"]  # the (empty) StreamField's inputs come from Wagtail's JS
    data["quote"] = ["because I love bringing people together."]
    response = client.post(edit_url(english), data)
    assert response.status_code == 302, messages_of(response)
    english.refresh_from_db()
    latest = english.get_latest_revision()
    assert latest.user == people["dessau_editor"]
    assert latest.as_object().quote == "because I love bringing people together."
    assert not english.live


@pytest.mark.django_db
def test_town_editor_cannot_edit_another_towns_english_portrait(
    client, people, translated_portraits, en
):
    english = translated_portraits[OTHER].get_translation(en)
    translation = translation_of(translated_portraits[OTHER], en)
    client.force_login(people["dessau_editor"])

    assert_refused(client.get(edit_url(english)))
    quote = StringSegment.objects.get(source=translation.source, context__path="quote")
    string_url = reverse(
        "wagtail_localize:edit_string_translation", args=(translation.pk, quote.pk)
    )
    response = client.put(
        string_url,
        urlencode({"value": "hijacked"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 403
    stop_url = reverse("wagtail_localize:stop_translation", args=(translation.pk,))
    assert_refused(client.post(stop_url, {"next": edit_url(english)}))
    translation.refresh_from_db()
    assert translation.enabled
    # The sync of another town's translations neither.
    assert_refused(client.post(update_url(translated_portraits[OTHER])))


# --- (c), (e): submitting translations -------------------------------------------------------


@pytest.mark.django_db
def test_town_editor_translates_own_portrait_into_leichte_sprache(
    client, people, translated_portraits, leichte_sprache
):
    own = translated_portraits[OWN]
    client.force_login(people["dessau_editor"])
    response = client.get(submit_url(own))
    assert response.status_code == 200
    assert "Leichte Sprache" in response.content.decode()

    response = client.post(submit_url(own), {"locales": [leichte_sprache.pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    easy_portrait = own.get_translation(leichte_sprache).specific
    assert easy_portrait.get_parent().pk == own.get_parent().get_translation(leichte_sprache).pk
    assert easy_portrait.town.locale == leichte_sprache and not easy_portrait.live
    # …and may go on in the translation editor.
    assert client.get(edit_url(easy_portrait)).status_code == 200


@pytest.mark.django_db
def test_town_editor_cannot_translate_another_towns_portrait(
    client, people, translated_portraits, leichte_sprache
):
    other = translated_portraits[OTHER]
    client.force_login(people["dessau_editor"])
    assert_refused(client.get(submit_url(other)))
    assert_refused(client.post(submit_url(other), {"locales": [leichte_sprache.pk]}))
    assert other.get_translation_or_none(leichte_sprache) is None
    # Nor a page above the town sections (the campaign's translations are Redaktion's).
    assert_refused(client.post(submit_url(translated_portraits[OWN].get_parent().get_parent()), {}))


@pytest.mark.django_db
def test_town_section_translated_later_is_the_towns(client, people, tree, make_user, en):
    """A town whose section is not yet in English: no one is offered English for its portraits
    (wagtail-localize would make the section an alias of the German one, live at once and with
    the German town). Redaktion translates the section; the town's group may edit it and
    translate its portraits into English."""
    client.force_login(people["editor"])  # Redaktion: home and campaign (one of each a language)
    for page in (tree.home, tree.campaign):
        response = client.post(submit_url(page), {"locales": [en.pk]})
        assert response.status_code == 302, response.content.decode()[:2000]
    town = PartnerCityFactory(name="Köthen (Anhalt)", slug="koethen")
    section = publish(TownSectionPageFactory(parent=tree.campaign, town=town))
    portrait = publish(PortraitPageFactory(parent=section))
    koethen = make_user("redaktion-koethen", roles.town_editor_group_name("Köthen (Anhalt)"))

    for user in (koethen, people["editor"]):
        client.force_login(user)
        response = client.post(submit_url(portrait), {"locales": [en.pk]})
        assert response.status_code == 200  # the form again: English is not a choice
        assert portrait.get_translation_or_none(en) is None
        warnings = messages_of(client.get(submit_url(portrait)))
        assert any("In keine weitere Sprache" in warning for warning in warnings)
    # Nor may the town's editor translate the section (a page of the English campaign).
    client.force_login(koethen)
    client.post(submit_url(section), {"locales": [en.pk]})
    assert section.get_translation_or_none(en) is None

    client.force_login(people["editor"])  # Redaktion
    response = client.post(submit_url(section), {"locales": [en.pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    english_section = section.get_translation(en)
    assert english_section.specific.town == town.get_translation(en)
    assert not english_section.live and english_section.alias_of_id is None
    assert english_section.permissions_for_user(koethen).can_add_subpage()

    client.force_login(koethen)
    response = client.post(submit_url(portrait), {"locales": [en.pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    english = portrait.get_translation(en)
    assert english.get_parent().pk == english_section.pk and not english.live
    assert client.get(edit_url(english)).status_code == 200


@pytest.mark.django_db
def test_redaktion_and_koordination_translate_any_towns_portrait(
    client, people, translated_portraits, leichte_sprache
):
    for user, slug in ((people["editor"], OTHER), (people["coordinator"], OWN)):
        client.force_login(user)
        response = client.post(
            submit_url(translated_portraits[slug]), {"locales": [leichte_sprache.pk]}
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        translated = translated_portraits[slug].get_translation(leichte_sprache)
        assert not translated.live
        assert translation_of(translated_portraits[slug], leichte_sprache).enabled


@pytest.mark.django_db
def test_a_snippet_on_its_own_only_by_who_may_add_it(client, people, tree, en):
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=("snippets", "partnercity", tree.dessau.pk),
    )
    for user in (people["dessau_editor"], people["editor"]):
        client.force_login(user)
        assert_refused(client.post(url, {"locales": [en.pk]}))
    assert tree.dessau.get_translation_or_none(en) is None
    client.force_login(people["coordinator"])
    assert client.post(url, {"locales": [en.pk]}).status_code == 302
    assert not tree.dessau.get_translation(en).live


# --- What a town editor reads of other towns' translations -----------------------------------


@pytest.mark.django_db
def test_translations_report_names_no_other_towns_drafts(client, people, translated_tree, en):
    own = PortraitPageFactory(parent=translated_tree.sections[OWN], name="Dessauer Entwurf Star")
    other = PortraitPageFactory(
        parent=translated_tree.sections[OTHER], name="Wittenberger Entwurf Zeisig"
    )
    for portrait in (own, other):
        portrait.save_revision()
        translate_object(portrait, [en], user=people["coordinator"])
    url = reverse("wagtail_localize:translations_report")
    client.force_login(people["coordinator"])
    html = client.get(url).content.decode()
    assert "Wittenberger Entwurf Zeisig" in html and "Dessauer Entwurf Star" in html
    client.force_login(people["dessau_editor"])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wittenberger Entwurf Zeisig" not in html
    assert "Dessauer Entwurf Star" in html


@pytest.mark.django_db
def test_page_chooser_shows_own_english_drafts_only(client, people, translated_portraits, en):
    url = reverse(
        "wagtailadmin_choose_page_child", args=(translated_portraits[OWN].get_parent().pk,)
    )
    english_sections = {
        slug: translated_portraits[slug].get_parent().get_translation(en) for slug in (OWN, OTHER)
    }
    client.force_login(people["dessau_editor"])
    own = client.get(
        reverse("wagtailadmin_choose_page_child", args=(english_sections[OWN].pk,))
    ).json()["html"]
    assert "Dessauer Glücksbringerin Amsel" in own
    other = client.get(
        reverse("wagtailadmin_choose_page_child", args=(english_sections[OTHER].pk,))
    )
    # Another town's English section is not live: not browsed at all.
    assert other.status_code == 404
    assert client.get(url).status_code == 200
