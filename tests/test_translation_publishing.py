"""Translations go public only with valid consent (issue 12, (d)).

The translation editor's and the sync's publish ask for the signed form; a translation edited in
Wagtail's editor goes through the approval workflow with its consent step; converting to an alias
takes the right to publish. Who may edit and translate what: tests/test_translation_permissions.py.
"""

import pytest
from django.urls import reverse
from wagtail_localize.operations import translate_object

from cms import roles
from editorial.models import ConsentTask
from tests.factories import (
    DocumentFactory,
    PortraitPageFactory,
    publish,
)
from tests.helpers.admin import browser_form_data, edit_url
from tests.helpers.translation_admin import (
    OWN,
    assert_refused,
    messages_of,
    post_committed,
    translation_of,
    update_url,
)

# --- (d): going public -----------------------------------------------------------------------


@pytest.fixture
def without_consent(translated_tree, people, en):
    """A German portrait draft without its signed form, translated into English."""
    portrait = PortraitPageFactory(
        parent=translated_tree.sections[OWN], name="Ohne Formular Kranich", consent_document=None
    )
    portrait.save_revision()
    translate_object(portrait, [en], user=people["coordinator"])
    return portrait


def record_consent(portrait):
    portrait.consent_document = DocumentFactory()
    publish(portrait)


@pytest.mark.django_db
def test_translation_editor_publishes_only_with_valid_consent(client, people, without_consent, en):
    english = without_consent.get_translation(en)
    client.force_login(people["coordinator"])
    response = post_committed(client, edit_url(english), {"action": "publish"})
    assert response.status_code == 302
    assert "Ohne vollständige, nicht widerrufene Einwilligung" in " ".join(messages_of(response))
    english.refresh_from_db()
    assert not english.live

    # Consent recorded on the German source, synced: now the coordinator publishes it.
    record_consent(without_consent)
    assert post_committed(client, update_url(without_consent)).status_code == 302
    # (Its texts untranslated: publishing asks first, editorial/translation_editor.py.)
    post_committed(client, edit_url(english), {"action": "publish", "missing-confirmed": "1"})
    english.refresh_from_db()
    assert english.live and english.specific.has_valid_consent


@pytest.mark.django_db
def test_sync_publishes_only_for_publishers_and_with_valid_consent(
    client, people, without_consent, en
):
    english = without_consent.get_translation(en)
    publish_data = {"publish_translations": "on"}
    # A town editor may sync their town's translations, not publish them.
    client.force_login(people["dessau_editor"])
    assert post_committed(client, update_url(without_consent)).status_code == 302
    assert_refused(post_committed(client, update_url(without_consent), publish_data))
    english.refresh_from_db()
    assert not english.live

    client.force_login(people["coordinator"])
    response = post_committed(client, update_url(without_consent), publish_data)
    assert response.status_code == 302
    assert "Ohne vollständige" in " ".join(messages_of(response))
    english.refresh_from_db()
    assert not english.live

    record_consent(without_consent)
    assert post_committed(client, update_url(without_consent), publish_data).status_code == 302
    english.refresh_from_db()
    assert english.live


@pytest.mark.django_db
def test_translation_in_wagtails_editor_goes_through_the_consent_step(
    client, people, without_consent, en
):
    """Submitted from Wagtail's editor (synchronisation stopped), a translated portrait runs
    the approval workflow of its (translated) campaign: no "Freigeben" without consent."""
    english = without_consent.get_translation(en)
    assert english.get_workflow().name == roles.WORKFLOW_NAME
    client.force_login(people["dessau_editor"])
    translation = translation_of(without_consent, en)
    stop_url = reverse("wagtail_localize:stop_translation", args=(translation.pk,))
    client.post(stop_url, {"next": edit_url(english)})
    data = browser_form_data(client.get(edit_url(english)).content.decode())
    data["body-count"] = ["0"]
    data["action-submit"] = ["Zur Freigabe einreichen"]
    response = client.post(edit_url(english), data)
    assert response.status_code == 302, messages_of(response)

    english.refresh_from_db()
    state = english.current_workflow_state
    assert state is not None and state.status == "in_progress"
    task = state.current_task_state.task.specific
    assert isinstance(task, ConsentTask)
    actions = [name for name, *_ in task.get_actions(english, people["coordinator"])]
    assert "approve" not in actions and "reject" in actions
    # Nor past the workflow from the translation editor, once synchronised again.
    translation.enabled = True
    translation.save()
    client.force_login(people["coordinator"])
    record_consent(without_consent)
    post_committed(client, update_url(without_consent))
    response = post_committed(client, edit_url(english), {"action": "publish"})
    assert "Glücksbringer-Freigabe" in " ".join(messages_of(response))
    english.refresh_from_db()
    assert not english.live


@pytest.mark.django_db
def test_converting_to_an_alias_takes_the_right_to_publish(
    client, people, translated_portraits, en
):
    """An alias is live whenever its source is: a town editor cannot put their translation
    live this way."""
    english = translated_portraits[OWN].get_translation(en)
    url = reverse("wagtail_localize:convert_to_alias", args=(english.pk,))
    client.force_login(people["dessau_editor"])
    assert_refused(client.post(url))
    english.refresh_from_db()
    assert english.alias_of_id is None and not english.live
    client.force_login(people["coordinator"])
    assert client.post(url).status_code == 302
    english.refresh_from_db()
    assert english.alias_of_id == translated_portraits[OWN].pk
