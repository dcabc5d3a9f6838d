"""Consent withdrawal in the admin says what it does (issue 20, item 4): a button on a live
portrait's consent tab, and a confirmation naming every language version and the photos."""

import pytest
from django.urls import reverse
from wagtail_localize.operations import translate_object

from tests.factories import publish
from tests.helpers.admin import draft_portrait, edit_url


def withdraw_url(page):
    return reverse("editorial_withdraw_consent", args=(page.pk,))


@pytest.mark.django_db
def test_withdrawal_is_a_button_on_a_live_portraits_consent_tab(client, tree, people):
    page = draft_portrait(tree)
    client.force_login(people["coordinator"])
    assert 'data-testid="withdraw-consent-panel"' not in client.get(edit_url(page)).content.decode()
    publish(page)
    html = client.get(edit_url(page)).content.decode()
    assert 'data-testid="withdraw-consent-panel"' in html
    assert f'href="{withdraw_url(page)}"' in html

    client.force_login(people["dessau_editor"])  # may not publish: not offered
    assert 'data-testid="withdraw-consent-panel"' not in client.get(edit_url(page)).content.decode()

    page.withdraw_consent(by=people["coordinator"])
    client.force_login(people["coordinator"])
    assert 'data-testid="withdraw-consent-panel"' not in client.get(edit_url(page)).content.decode()


@pytest.mark.django_db
def test_the_confirmation_names_every_language_version_and_the_photos(
    client, tree, people, en, leichte_sprache
):
    page = publish(draft_portrait(tree))
    client.force_login(people["coordinator"])
    html = client.get(withdraw_url(page)).content.decode()
    assert "es hat keine weiteren Sprachfassungen" in html
    assert "Die Fotos aller Sprachfassungen gehen mit offline" in html

    for locale in (en, leichte_sprache):
        for parent in (tree.home, tree.campaign, page.get_parent()):
            if not parent.has_translation(locale):
                translate_object(parent.specific, [locale], user=people["coordinator"])
        translate_object(page, [locale], user=people["coordinator"])
    html = client.get(withdraw_url(page)).content.decode()
    assert "auch „English“ und „Leichte Sprache“ gehen offline" in html
