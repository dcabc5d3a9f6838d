"""Translations in the Wagtail admin (wagtail-localize) for the tests of who may translate and
publish what (tests/test_translation_permissions.py, tests/test_translation_publishing.py):
the translated tree and portraits, the admin's URLs and refusals."""

import pytest
from django.test import TestCase
from django.urls import reverse
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import translate_object

from tests.factories import PortraitPageFactory, publish

OWN, OTHER = "dessau-rosslau", "lutherstadt-wittenberg"  # the town editor's town, another one


@pytest.fixture
def translated_tree(tree, people, en, leichte_sprache):
    """Home, campaign and both town sections in English and Leichte Sprache, as Koordination
    translates them (parents first)."""
    for locale in (en, leichte_sprache):
        for page in (tree.home, tree.campaign, *tree.sections.values()):
            translate_object(page.specific, [locale], user=people["coordinator"])
    return tree


@pytest.fixture
def translated_portraits(translated_tree, people, en):
    """A published German portrait in each town, each translated into English."""
    made = {}
    for slug, name in ((OWN, "Dessauer Glücksbringerin Amsel"), (OTHER, "Wittenberger Fink")):
        portrait = publish(PortraitPageFactory(parent=translated_tree.sections[slug], name=name))
        translate_object(portrait, [en], user=people["coordinator"])
        made[slug] = portrait
    return made


def submit_url(page):
    return reverse("wagtail_localize:submit_page_translation", args=(page.pk,))


def update_url(page):
    source = TranslationSource.objects.get_for_instance(page)
    return reverse("wagtail_localize:update_translations", args=(source.pk,))


def translation_of(page, locale):
    source = TranslationSource.objects.get_for_instance(page)
    return Translation.objects.get(source=source, target_locale=locale)


def assert_refused(response):
    """Wagtail's admin answers a PermissionDenied with 403 or, for a page view, a redirect to
    the dashboard with a message."""
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home"), response["Location"]


def post_committed(client, url, data=None):
    """wagtail-localize publishes on commit (the test's transaction never commits)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data or {})


def messages_of(response):
    return [str(message) for message in response.wsgi_request._messages]
