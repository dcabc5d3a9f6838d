"""wagtail-localize's translation editor within the workflow (editorial/translation_editor.py)
and the Leichte-Sprache check while writing (pages/leichte_sprache_live.py), issue 20."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail_localize.models import StringTranslation, Translation

from tests.factories import PortraitPageFactory, publish
from tests.helpers.admin import edit_url
from tests.helpers.content import translate_campaign
from tests.helpers.workflow import approve_every_step

CHECK_URL = "/admin/leichte-sprache/pruefen/"


@pytest.fixture
def translated(tree, people, leichte_sprache):
    """A live German portrait of Dessau-Roßlau, its Leichte-Sprache translation synced (a draft)."""
    portrait = publish(
        PortraitPageFactory(
            parent=tree.dessau_section,
            title="Anna Beispiel",
            teaser="Anna begleitet Neuzugewanderte zu Ämtern.",
        )
    )
    page = translate_campaign(tree, people["coordinator"], leichte_sprache, portrait).specific
    translation = Translation.objects.get(
        source__object_id=portrait.translation_key, target_locale=leichte_sprache
    )
    return portrait, page, translation


def translate_all(translation, **texts):
    """Every segment translated: `texts` by path, the others as their source says."""
    for segment in translation.source.stringsegment_set.select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={
                "data": texts.get(segment.context.path, segment.string.data),
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )


# --- The check while writing -----------------------------------------------------------------


@pytest.mark.django_db
def test_the_check_answers_with_the_hints_of_the_text_being_written(client, people):
    client.force_login(people["dessau_editor"])
    text = "Im XXI. Jahrhundert wird die Glücksbringer-Karte z. B. nicht verschickt."
    response = client.post(CHECK_URL, {"text": text})
    assert response.status_code == 200
    hints = response.json()["hints"]
    assert any("Römische Zahl „XXI“" in hint for hint in hints), hints
    assert any("Abkürzung „z. B.“" in hint for hint in hints), hints
    assert any("Verneinung „nicht“" in hint for hint in hints), hints
    assert any("Passiv" in hint for hint in hints), hints
    assert not any("Glücksbringer" in hint and "Langes Wort" in hint for hint in hints)
    assert client.post(CHECK_URL, {"text": "Wir helfen."}).json() == {"hints": []}


@pytest.mark.django_db
def test_the_check_refuses_what_it_should(client, people):
    assert client.post(CHECK_URL, {"text": "Hallo."}).status_code == 302  # to the login
    client.force_login(people["dessau_editor"])
    assert client.get(CHECK_URL).status_code == 405
    too_long = client.post(CHECK_URL, {"text": "Wort " * 5000})
    assert too_long.status_code == 400
    assert "zu lang" in too_long.json()["error"]


# --- The translation editor's buttons ----------------------------------------------------------


@pytest.mark.django_db
def test_a_town_editor_gets_the_submit_button_as_main_action_and_no_po_files(
    client, people, translated
):
    _, page, _ = translated
    client.force_login(people["dessau_editor"])
    html = client.get(edit_url(page)).content.decode()
    assert 'id="translation-submit" data-main="true"' in html
    assert 'name="action" value="submit"' in html and "Zur Freigabe einreichen" in html
    assert ":has(> a[download])" in html  # the PO file tools hidden
    assert 'id="leichte-sprache-live"' in html and "leichte_sprache_live.js" in html

    client.force_login(people["coordinator"])  # may publish: "Veröffentlichen" stays the main
    html = client.get(edit_url(page)).content.decode()
    assert 'id="translation-submit" data-main="false"' in html
    assert ":has(> a[download])" not in html


@pytest.mark.django_db
def test_english_gets_no_leichte_sprache_check(client, tree, people, en):
    portrait = publish(PortraitPageFactory(parent=tree.dessau_section))
    english = translate_campaign(tree, people["coordinator"], en, portrait)
    client.force_login(people["dessau_editor"])
    html = client.get(edit_url(english)).content.decode()
    assert 'id="translation-submit"' in html
    assert 'id="leichte-sprache-live"' not in html


@pytest.mark.django_db
def test_a_town_editor_submits_the_translation_and_it_is_published_with_its_text(
    client, people, translated
):
    _, page, translation = translated
    translate_all(translation, teaser="Anna geht mit Menschen zu Ämtern.")
    client.force_login(people["dessau_editor"])

    response = client.post(edit_url(page), {"action": "submit"}, follow=True)
    assert response.status_code == 200
    shown = [str(message) for message in response.context["messages"]]
    assert any("zur Freigabe eingereicht" in message for message in shown), shown
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.get_latest_revision_as_object().teaser == "Anna geht mit Menschen zu Ämtern."
    assert not page.live

    approve_every_step(page, people["coordinator"])  # consent, then approval
    page.refresh_from_db()
    assert page.live and page.teaser == "Anna geht mit Menschen zu Ämtern."


@pytest.mark.django_db
def test_during_the_approval_only_a_reviewer_brings_changes_in(client, people, translated):
    """As in Wagtail's editor: a page in approval is locked for its editor, a reviewer's save
    goes into the running approval."""
    _, page, translation = translated
    translate_all(translation)
    client.force_login(people["dessau_editor"])
    client.post(edit_url(page), {"action": "submit"})
    translate_all(translation, teaser="Anna hilft.")
    html = client.get(edit_url(page)).content.decode()
    assert 'value="submit"' not in html and "In der Freigabe: " in html  # not "Löschen"
    refused = client.post(edit_url(page), {"action": "submit"})
    assert refused.status_code in (302, 403)
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().teaser != "Anna hilft."

    client.force_login(people["coordinator"])
    response = client.post(edit_url(page), {"action": "submit"}, follow=True)
    shown = [str(message) for message in response.context["messages"]]
    assert any("in der laufenden Freigabe geprüft" in message for message in shown), shown
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().teaser == "Anna hilft."
    assert WorkflowState.objects.filter(object_id=str(page.pk)).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "action"), [("dessau_editor", "submit"), ("coordinator", "publish")]
)
def test_untranslated_texts_are_asked_about_before_they_appear_in_german(
    client, people, translated, who, action, django_capture_on_commit_callbacks
):
    portrait, page, translation = translated
    client.force_login(people[who])

    asked = client.post(edit_url(page), {"action": action})
    assert asked.status_code == 200
    html = asked.content.decode()
    assert "noch nicht in Leichte Sprache übersetzt" in html
    assert portrait.teaser in html  # the German text that would be shown
    assert 'name="missing-confirmed"' in html
    page.refresh_from_db()
    assert not page.live and page.current_workflow_state is None

    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        confirmed = client.post(edit_url(page), {"action": action, "missing-confirmed": "1"})
    assert confirmed.status_code == 302
    page.refresh_from_db()
    if action == "publish":
        assert page.live
    else:
        assert page.current_workflow_state is not None


@pytest.mark.django_db
def test_someone_without_edit_rights_cannot_submit(client, make_user, people, translated):
    from cms import roles

    _, page, translation = translated
    translate_all(translation)
    other_town = make_user(
        "redaktion-wittenberg", roles.town_editor_group_name("Lutherstadt Wittenberg")
    )
    client.force_login(other_town)
    response = client.post(edit_url(page), {"action": "submit"})
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.current_workflow_state is None


@pytest.mark.django_db
def test_a_po_file_upload_is_refused_to_who_may_not_publish(client, people, translated):
    """The PO file tools are hidden from town editors; their upload URL refuses them too (a
    file's texts would enter the translation without anyone seeing them in the editor)."""
    _, page, translation = translated
    po = translation.export_po()
    for entry in po:
        if entry.msgctxt == "teaser":
            entry.msgstr = "Aus der Datei."
    upload_url = reverse("wagtail_localize:upload_pofile", args=(translation.pk,))

    def upload():
        file = SimpleUploadedFile("uebersetzung.po", str(po).encode(), "text/x-gettext-translation")
        return client.post(upload_url, {"file": file, "next": edit_url(page)})

    def imported():
        return StringTranslation.objects.filter(
            locale=translation.target_locale, data="Aus der Datei."
        ).exists()

    client.force_login(people["dessau_editor"])
    assert upload().status_code == 403
    assert not imported()

    client.force_login(people["coordinator"])
    response = upload()
    assert response.status_code == 302 and response.url == edit_url(page)
    assert imported()
